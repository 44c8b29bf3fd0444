/**
 * Issue 15, finding 1 and the last "smaller" one: a confirmation link works exactly once
 * in every spelling, and a confirmation interrupted after its claim can be finished with
 * the same link. Real handlers, the local Resend fake, a local Blobs server.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import confirm from '../../functions/newsletter-confirm.ts';
import unsubscribe from '../../functions/newsletter-unsubscribe.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { unsubscribeUrl } from '../../functions/lib/newsletter/send.ts';
import { CONFIRM_LEASE_MS, TOKENS_STORE } from '../../functions/lib/newsletter/single-use.ts';
import { activeNetworks, getSubscriber } from '../../functions/lib/newsletter/subscribers.ts';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken, verifyToken } from '../../functions/lib/newsletter/token.ts';
import { store } from '../../functions/lib/stores.ts';
import { form, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from '../newsletter/env.ts';
import { byteEqualSpellings, whitespaceSpellings } from './token-spellings.ts';

const ORIGIN = 'http://localhost:8888';
const CONFIRM = `${ORIGIN}/api/newsletter/confirm`;
let env: NewsletterEnv;

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => env.fake!.reset());
afterEach(() => vi.useRealTimers());

function confirmToken(email: string, networks: string[]): string {
  const issued = Math.floor(Date.now() / 1000);
  return signToken('confirm', { email, networks, issued, expires: issued + CONFIRM_TOKEN_TTL_SECONDS, consentVersion: consentVersion() }, TEST_SECRET);
}

async function markers(): Promise<string[]> {
  const { blobs } = await store(TOKENS_STORE).list();
  return blobs.map((b) => b.key);
}

describe('a confirmation link works once, in every spelling', () => {
  it('accepts only the one spelling the site signed', () => {
    const token = confirmToken('schreibweise@example.org', ['netzwerk-sprache']);
    expect(verifyToken('confirm', token, TEST_SECRET).ok).toBe(true);
    const variants = byteEqualSpellings(token);
    expect(variants.length).toBeGreaterThanOrEqual(5);
    for (const variant of variants) expect(verifyToken('confirm', variant, TEST_SECRET), variant).toMatchObject({ ok: false });
  });

  it('confirm → unsubscribe all → replaying any spelling subscribes nobody again', async () => {
    const email = 'wiederholung@example.org';
    const token = confirmToken(email, ['netzwerk-sprache', 'netzwerk-jugend-ausbildung']);
    expect((await confirm(form(CONFIRM, { token }))).status).toBe(200);
    const unsubscribeToken = new URL(unsubscribeUrl(ORIGIN, email, ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
    expect((await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token: unsubscribeToken, scope: 'all' }))).status).toBe(200);
    const withdrawn = await getSubscriber(email);
    expect(activeNetworks(withdrawn)).toEqual([]);
    const contactRequests = env.fake!.requests.length;

    const replays: Request[] = [
      // The issue's example: the token in the query with a trailing %20 and an empty body.
      new Request(`${CONFIRM}?token=${token}%20`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }),
      // Sent as a browser sends an empty form, so the request reader lets it through to the token check.
      new Request(`${CONFIRM}?token=${encodeURIComponent(`\t${token}\n`)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }),
      ...[...byteEqualSpellings(token), ...whitespaceSpellings(token), token].map((variant) => form(CONFIRM, { token: variant })),
    ];
    for (const replay of replays) {
      const response = await confirm(replay);
      expect([400, 409], `${replay.url} answered ${response.status}`).toContain(response.status);
    }
    expect(await getSubscriber(email)).toEqual(withdrawn);
    expect(env.fake!.requests.slice(contactRequests)).toEqual([]);
  });

  it('shows "already used" on GET for every spelling of a used link', async () => {
    const token = confirmToken('angesehen@example.org', ['netzwerk-sprache']);
    expect((await confirm(form(CONFIRM, { token }))).status).toBe(200);
    for (const variant of [token, ...whitespaceSpellings(token)]) {
      const page = await confirm(new Request(`${CONFIRM}?token=${encodeURIComponent(variant)}`));
      expect(page.status).toBe(409);
      expect(await page.text()).not.toContain('<form method="post"');
    }
  });
});

describe('an interrupted confirmation is finished with the same link', () => {
  it('takes over a claim whose run died before Resend answered, and records the consent once', async () => {
    const email = 'unterbrochen@example.org';
    const token = confirmToken(email, ['netzwerk-sprache']);
    // The first run hangs at Resend (as if the function were killed there) ...
    env.fake!.hangNext(1, { path: /^\/contacts/ });
    const before = new Set(await markers());
    const firstRun = confirm(form(CONFIRM, { token }));
    await vi.waitFor(async () => expect((await markers()).filter((k) => !before.has(k))).toHaveLength(1), { timeout: 5_000, interval: 50 });
    expect(await getSubscriber(email)).toBeNull();

    // ... a click during the first run's lease does not start a second one ...
    const during = await confirm(form(CONFIRM, { token }));
    expect(during.status).toBe(503);
    expect(await during.text()).toContain('mit demselben Link');

    // ... and once the lease is over, the same link finishes the confirmation.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + CONFIRM_LEASE_MS + 1_000 });
    const resumed = await confirm(form(CONFIRM, { token }));
    expect(resumed.status).toBe(200);
    expect(await resumed.text()).toContain('Vielen Dank! Ihr Newsletter ist bestätigt.');
    vi.useRealTimers();
    const record = await getSubscriber(email);
    expect(activeNetworks(record)).toEqual(['netzwerk-sprache']);
    const contact = [...env.fake!.state.contacts.values()].find((c) => c.email === email);
    expect(Object.values(contact!.topics)).toEqual(['opt_in']);

    // The dead run finally gives up: it must not hand back a claim that is no longer its own.
    expect((await firstRun).status).toBe(503);
    expect((await confirm(form(CONFIRM, { token }))).status).toBe(409);
    expect((await getSubscriber(email))!.history.filter((e) => e.type === 'confirmed')).toHaveLength(1);
  }, 30_000);
});
