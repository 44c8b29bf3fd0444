import { describe, expect, it } from 'vitest';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken, verifyToken, type TokenPayload } from '../../functions/lib/newsletter/token.ts';

const SECRET = 'a-secret-that-is-long-enough-for-the-tests-0001';
const NOW = 1_800_000_000;
const payload: TokenPayload = { email: 'leserin@example.org', networks: ['netzwerk-sprache', 'netzwerk-beschaeftigung'], expires: NOW + CONFIRM_TOKEN_TTL_SECONDS, issued: NOW, consentVersion: 'abc123' };

function reencode(token: string, change: (wire: Record<string, unknown>) => void): string {
  const [body, mac] = token.split('.');
  const wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  change(wire);
  return `${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${mac}`;
}

describe('newsletter tokens', () => {
  it('round-trips email, sorted networks, expiry, request time and consent version', () => {
    const token = signToken('confirm', payload, SECRET);
    const result = verifyToken('confirm', token, SECRET, NOW + 60);
    expect(result).toMatchObject({ ok: true, payload: { ...payload, networks: ['netzwerk-beschaeftigung', 'netzwerk-sprache'] } });
  });

  it('is valid for 48 hours and then expired', () => {
    const token = signToken('confirm', payload, SECRET);
    expect(verifyToken('confirm', token, SECRET, NOW + 48 * 3600).ok).toBe(true);
    expect(verifyToken('confirm', token, SECRET, NOW + 48 * 3600 + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token whose address, networks or expiry were changed', () => {
    const token = signToken('confirm', payload, SECRET);
    for (const change of [
      (w: Record<string, unknown>) => (w.e = 'angreifer@example.org'),
      (w: Record<string, unknown>) => (w.n = ['netzwerk-jugend-ausbildung']),
      (w: Record<string, unknown>) => (w.x = NOW + 999_999),
    ]) {
      expect(verifyToken('confirm', reencode(token, change), SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a changed signature, a foreign secret and garbage', () => {
    const token = signToken('confirm', payload, SECRET);
    const [body, mac] = token.split('.');
    const flipped = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(verifyToken('confirm', flipped, SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('confirm', `${body}.${mac.slice(0, 10)}`, SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('confirm', token, `${SECRET}x`, NOW)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', 'abc', 'a.b.c', `${body}.`, '<script>.x', undefined, null]) {
      expect(verifyToken('confirm', junk, SECRET, NOW).ok).toBe(false);
    }
  });

  it('keeps purposes apart: an unsubscribe link never confirms, a confirm link never unsubscribes', () => {
    const unsubscribe = signToken('unsubscribe', { email: payload.email, networks: payload.networks, expires: 0 }, SECRET);
    const confirm = signToken('confirm', payload, SECRET);
    expect(verifyToken('confirm', unsubscribe, SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('unsubscribe', confirm, SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('unsubscribe tokens without expiry stay valid and are deterministic (same mail payload on retry)', () => {
    const a = signToken('unsubscribe', { email: payload.email, networks: ['b', 'a'], expires: 0 }, SECRET);
    const b = signToken('unsubscribe', { email: payload.email, networks: ['a', 'b'], expires: 0 }, SECRET);
    expect(a).toBe(b);
    expect(verifyToken('unsubscribe', a, SECRET, NOW + 10 * 365 * 86400).ok).toBe(true);
  });

  it('refuses to sign or verify without a secret', () => {
    expect(() => signToken('confirm', payload, '')).toThrow();
    expect(() => verifyToken('confirm', 'x.y', '')).toThrow();
  });
});
