/**
 * Signed newsletter links. A token carries the address, the networks and an expiry,
 * signed with HMAC-SHA256 (secret NEWSLETTER_SECRET), so the functions need no database
 * lookup to know what a link is for, and nobody can forge a link for someone else's
 * address. Confirmation, unsubscribe and preferences tokens are signed under different
 * purposes: an unsubscribe link (printed in every mail, so widely seen) can never confirm
 * a subscription, a preferences link never unsubscribes, and so on.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC(secret, "qn-newsletter:<purpose>:" + payload)).
 *
 * Exactly one spelling is accepted per token: base64url has several spellings for the
 * same bytes (the unused low bits of the last character, padding), and a link that works
 * in more than one spelling cannot be marked as used by its spelling. A token is trimmed
 * once (normaliseToken), then both parts must re-encode to exactly what was given; the
 * single-use marker is keyed by the signed payload (what the HMAC covers), never by the
 * string as it arrived.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CONFIRM_LINK_VALID_HOURS } from '../../../src/lib/retention.ts';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

export interface TokenPayload {
  /** Normalised email address. */
  email: string;
  /** Network slugs, sorted. */
  networks: string[];
  /** Expiry in seconds since the epoch; 0 = never expires. */
  expires: number;
  /** When the request was made (seconds since the epoch): part of the consent proof. */
  issued?: number;
  /** Version of the consent text the person saw (confirm tokens). */
  consentVersion?: string;
}

export type VerifyResult =
  | {
      ok: true;
      payload: TokenPayload;
      /** The signed payload exactly as the HMAC covers it: what a single-use marker is keyed by. */
      signed: string;
    }
  | { ok: false; reason: 'malformed' | 'invalid' | 'expired' };

/** Double opt-in links stay valid for 48 hours: long enough for a weekend, short enough to be stale soon. */
export const CONFIRM_TOKEN_TTL_SECONDS = CONFIRM_LINK_VALID_HOURS * 60 * 60;

interface WirePayload {
  e: string;
  n: string[];
  x: number;
  i?: number;
  v?: string;
}

function mac(secret: string, purpose: TokenPurpose, encodedPayload: string): Buffer {
  return createHmac('sha256', secret).update(`qn-newsletter:${purpose}:${encodedPayload}`).digest();
}

function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('newsletter token secret is empty');
}

export function signToken(purpose: TokenPurpose, payload: TokenPayload, secret: string): string {
  assertSecret(secret);
  const wire: WirePayload = { e: payload.email, n: [...payload.networks].sort(), x: payload.expires };
  if (payload.issued !== undefined) wire.i = payload.issued;
  if (payload.consentVersion !== undefined) wire.v = payload.consentVersion;
  const encoded = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  return `${encoded}.${mac(secret, purpose, encoded).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_TOKEN_LENGTH = 4096;

/**
 * The one normalisation of a token as it arrived (query string, form field, JSON):
 * surrounding whitespace is dropped, nothing else is changed. Anything that is not a
 * short string of two base64url parts is no token at all.
 */
export function normaliseToken(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_TOKEN_LENGTH) return undefined;
  const token = raw.trim();
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((part) => BASE64URL.test(part))) return undefined;
  return token;
}

/** True if `part` is the only spelling of its bytes (no stray low bits in the last character). */
function isCanonical(part: string): boolean {
  return Buffer.from(part, 'base64url').toString('base64url') === part;
}

function parseWire(encoded: string): TokenPayload | undefined {
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!wire || typeof wire !== 'object') return undefined;
  const w = wire as Partial<WirePayload>;
  if (typeof w.e !== 'string' || !Array.isArray(w.n) || !w.n.every((n) => typeof n === 'string') || typeof w.x !== 'number') return undefined;
  if (w.i !== undefined && typeof w.i !== 'number') return undefined;
  if (w.v !== undefined && typeof w.v !== 'string') return undefined;
  return { email: w.e, networks: w.n, expires: w.x, issued: w.i, consentVersion: w.v };
}

/**
 * Checks spelling, signature, purpose and expiry. The signature is compared in constant time
 * (crypto.timingSafeEqual), so response timing reveals nothing about a valid MAC.
 * `nowSeconds` is injectable for tests.
 */
export function verifyToken(purpose: TokenPurpose, token: unknown, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  assertSecret(secret);
  const normalised = normaliseToken(token);
  if (normalised === undefined) return { ok: false, reason: 'malformed' };
  const [encoded, signature] = normalised.split('.');
  if (!isCanonical(encoded) || !isCanonical(signature)) return { ok: false, reason: 'invalid' };
  const expected = mac(secret, purpose, encoded);
  const given = Buffer.from(signature, 'base64url');
  // Lengths are public (always 32 bytes for a real MAC); only equal lengths reach timingSafeEqual.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const payload = parseWire(encoded);
  if (!payload) return { ok: false, reason: 'malformed' };
  if (payload.expires !== 0 && payload.expires < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload, signed: `${purpose}:${encoded}` };
}

/** Verifies against several secrets (current first, then rotated-out ones). */
export function verifyTokenWithAny(purpose: TokenPurpose, token: unknown, secrets: string[], nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  let result: VerifyResult = { ok: false, reason: 'invalid' };
  for (const secret of secrets) {
    result = verifyToken(purpose, token, secret, nowSeconds);
    if (result.ok || result.reason !== 'invalid') return result;
  }
  return result;
}
