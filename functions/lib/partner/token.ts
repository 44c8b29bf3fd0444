/**
 * Signed partner links. A token names one organisation and an expiry, signed with
 * HMAC-SHA256 under PARTNER_SECRET, so the function knows whose page it shows without a
 * database and nobody can forge a link for another organisation.
 *
 * Format: base64url(JSON {o, x, i}) "." base64url(HMAC(secret, "qn-partner:" + payload)).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PartnerToken {
  /** Organisation slug. */
  organisation: string;
  /** Expiry, seconds since the epoch. */
  expires: number;
  /** Issued at, seconds since the epoch (revocation compares against it). */
  issued: number;
}

export type PartnerVerification = { ok: true; token: PartnerToken } | { ok: false; reason: 'missing' | 'malformed' | 'invalid' | 'expired' };

const mac = (secret: string, encoded: string) => createHmac('sha256', secret).update(`qn-partner:${encoded}`).digest();
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function signPartnerToken(token: PartnerToken, secret: string): string {
  if (!secret) throw new Error('partner secret is empty');
  const encoded = Buffer.from(JSON.stringify({ o: token.organisation, x: token.expires, i: token.issued }), 'utf8').toString('base64url');
  return `${encoded}.${mac(secret, encoded).toString('base64url')}`;
}

/** A token for `organisation`, valid `days` days from `now`. */
export function issuePartnerToken(organisation: string, days: number, secret: string, now = new Date()): string {
  const issued = Math.floor(now.getTime() / 1000);
  return signPartnerToken({ organisation, issued, expires: issued + days * 86_400 }, secret);
}

function verifyOne(token: string, secret: string, nowSeconds: number): PartnerVerification {
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, parts[0]);
  const given = Buffer.from(parts[1], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let wire: { o?: unknown; x?: unknown; i?: unknown };
  try {
    wire = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!wire || typeof wire.o !== 'string' || !SLUG.test(wire.o) || typeof wire.x !== 'number' || typeof wire.i !== 'number') return { ok: false, reason: 'malformed' };
  if (wire.x < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, token: { organisation: wire.o, expires: wire.x, issued: wire.i } };
}

/** Checks the signature against each secret (current first), then the expiry. Constant-time compare. */
export function verifyPartnerToken(token: unknown, secrets: string[], nowSeconds = Math.floor(Date.now() / 1000)): PartnerVerification {
  if (typeof token !== 'string' || token.trim() === '') return { ok: false, reason: 'missing' };
  if (token.length > 1024) return { ok: false, reason: 'malformed' };
  let result: PartnerVerification = { ok: false, reason: 'invalid' };
  for (const secret of secrets) {
    result = verifyOne(token.trim(), secret, nowSeconds);
    if (result.ok || result.reason !== 'invalid') return result;
  }
  return result;
}
