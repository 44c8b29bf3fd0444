/**
 * Issue 15 through Netlify's own local tooling (`netlify serve`, shared harness): the
 * headers Netlify really sends for uploads and for an unknown path, and a replayed
 * confirmation link against the production function bundle with its Blobs and the
 * Resend fake in its own process.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken } from '../../functions/lib/newsletter/token.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { DIST } from '../helpers/dist.ts';
import { netlifyServe, SERVE_DEFAULT_ENV } from '../helpers/netlify-serve.ts';
import { byteEqualSpellings, whitespaceSpellings } from './token-spellings.ts';

describe('served by netlify serve', () => {
  it('sends uploads sandboxed and without sniffing', async () => {
    const site = await netlifyServe();
    const [file] = readdirSync(join(DIST, 'uploads'));
    const response = await fetch(`${site.url}/uploads/${file}`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // A PDF may open in the browser (OParl's accessUrl); its downloadUrl is the attachment.
    expect(response.headers.get('content-disposition')).toBeNull();
  }, 300_000);

  it('answers an unknown top-level path with a 404 page that carries the CSP itself', async () => {
    const site = await netlifyServe();
    const response = await fetch(`${site.url}/gibt-es-nicht/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'[^"]*">/);
  }, 300_000);

  it('a used confirmation link stays used in every spelling (production bundle)', async () => {
    const site = await netlifyServe();
    const issued = Math.floor(Date.now() / 1000);
    const token = signToken('confirm', { email: 'served-replay@example.org', networks: ['netzwerk-sprache'], issued, expires: issued + CONFIRM_TOKEN_TTL_SECONDS, consentVersion: consentVersion() }, SERVE_DEFAULT_ENV.NEWSLETTER_SECRET);
    const post = (body: string, query = '') => fetch(`${site.url}/api/newsletter/confirm${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await post(`token=${encodeURIComponent(token)}`)).status).toBe(200);
    const statuses: number[] = [];
    for (const variant of [token, ...byteEqualSpellings(token), ...whitespaceSpellings(token)]) {
      statuses.push((await post(`token=${encodeURIComponent(variant)}`)).status);
      statuses.push((await post('', `?token=${encodeURIComponent(variant)}`)).status);
    }
    statuses.push((await post('', `?token=${token}%20`)).status);
    expect(statuses.filter((s) => s !== 400 && s !== 409)).toEqual([]);
    const contacts = (await site.resend.state()).contacts.filter((c) => c.email === 'served-replay@example.org');
    expect(contacts).toHaveLength(1);
  }, 300_000);
});
