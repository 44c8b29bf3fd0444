/**
 * The shared `netlify serve` harness itself: the built site, its _headers and a production
 * function bundle answer through Netlify's own local tooling, and mail reaches the Resend
 * fake that runs in its own process.
 */
import { describe, expect, it } from 'vitest';
import { netlifyServe } from '../helpers/netlify-serve.ts';

describe('netlify serve harness', () => {
  it('serves pages with the built _headers and 404 for unknown paths', async () => {
    const site = await netlifyServe();
    const home = await fetch(`${site.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
    const missing = await fetch(`${site.url}/gibt-es-nicht/`);
    expect(missing.status).toBe(404);
  }, 300_000);

  it('runs the production bundle of a function and sends mail to the shared fake', async () => {
    const site = await netlifyServe();
    await site.resend.reset();
    const refused = await fetch(`${site.url}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('email');
    expect(await site.resend.delivered()).toEqual([]);
  }, 300_000);

  it('gives a second configuration its own server and refuses a name reused with other settings', async () => {
    const site = await netlifyServe();
    await expect(netlifyServe({ env: { QN_CONTACT_RATE_LIMIT: '1' } })).rejects.toThrow(/another environment/);
    const other = await netlifyServe({ name: 'harness-other', env: { QN_CONTACT_RATE_LIMIT: '1' } });
    expect(other.url).not.toBe(site.url);
    expect((await fetch(`${other.url}/`)).status).toBe(200);
  }, 300_000);
});
