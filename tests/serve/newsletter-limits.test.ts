/**
 * POST /api/newsletter/subscribe under `netlify serve --offline` with Netlify's local
 * Blobs server: a burst from one client keeps the per-client limit exactly (429 with
 * Retry-After beyond it), and one address gets at most five confirmation mails a day,
 * however many requests arrive at once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { limitedServer, openServer, settledCount } from '../helpers/function-servers.ts';
import type { ServedSite } from '../helpers/netlify-serve.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { MAX_CONFIRMATIONS_PER_DAY } from '../../functions/lib/newsletter/throttle.ts';

/**
 * `netlify serve` gives up on an invocation after a fixed 30 s and answers with its own
 * plain-text error (the invocation itself runs on); on an overloaded machine that can
 * happen to some of 20 concurrent requests. Such answers are told apart (`timedOut`);
 * the limits are then judged by the mails that actually went out.
 */
async function subscribe(site: ServedSite, email: string) {
  const body = new URLSearchParams({ email, networks: 'netzwerk-sprache', consent: 'yes', consent_version: consentVersion(), website: '' });
  const response = await fetch(`${site.url}/api/newsletter/subscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body });
  const text = await response.text();
  const timedOut = response.status >= 500 && /^TimeoutError|timed out/i.test(text);
  return { status: response.status, timedOut, retryAfter: response.headers.get('retry-after'), json: (timedOut ? { ok: false, message: text } : JSON.parse(text)) as { ok: boolean; message: string } };
}

describe('subscribe limits under netlify serve', () => {
  it('20 subscribe requests at once from one client with the limit at 5: 5 confirmation mails, 15 × 429 with Retry-After', async () => {
    const site = await limitedServer();
    const run = randomUUID().slice(0, 8);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => subscribe(site, `burst-${run}-${i}@example.org`)));
    const timedOut = answers.filter((a) => a.timedOut).length;
    if (timedOut > 0) console.log(`subscribe burst: ${timedOut} answers were the local tooling's 30 s timeout`);
    expect(answers.every((a) => a.timedOut || a.status === 200 || a.status === 429)).toBe(true);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(5);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(15 - timedOut);
    for (const answer of limited) {
      expect(Number(answer.retryAfter)).toBeGreaterThan(500);
      expect(answer.json.message).toBe('Von Ihrem Anschluss kamen in kurzer Zeit viele Anmeldungen. Bitte versuchen Sie es in 10 Minuten noch einmal.');
    }
    expect(await settledCount(async () => (await site.resend.delivered()).filter((m) => m.to[0].startsWith(`burst-${run}-`)).length, 5)).toBe(5);
  }, 300_000);

  it('10 requests at once for one address: the same answer for all, at most 5 confirmation mails', async () => {
    const site = await openServer();
    const email = `flut-${randomUUID().slice(0, 8)}@example.org`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => subscribe(site, email)));
    expect(answers.every((a) => a.timedOut || a.status === 200)).toBe(true);
    expect((await site.resend.delivered()).filter((m) => m.to[0] === email)).toHaveLength(MAX_CONFIRMATIONS_PER_DAY);
  }, 300_000);
});
