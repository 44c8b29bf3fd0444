/**
 * An unsubscribe is never lost: stored first, then applied at Resend, retried with
 * backoff until it works, each step once; the office hears of one that keeps failing.
 */
import { seededRandom } from '../../scripts/lib/seeded-random.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import unsubscribe from '../../functions/newsletter-unsubscribe.ts';
import { subscribeContact } from '../../functions/lib/newsletter/contacts.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { unsubscribeUrl } from '../../functions/lib/newsletter/send.ts';
import { activeNetworks, getSubscriber, recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { pendingJobs, retryUnsubscribes } from '../../functions/lib/newsletter/unsubscribe-jobs.ts';
import { MAX_ATTEMPTS } from '../../functions/lib/backoff.ts';
import { form, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from './env.ts';
import type { RecordedRequest } from '../helpers/resend-fake.ts';

const ORIGIN = 'http://localhost:8888';
const ALL = ['netzwerk-beschaeftigung', 'netzwerk-jugend-ausbildung', 'netzwerk-sprache'];
let env: NewsletterEnv;

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(() => env.stop());
beforeEach(async () => {
  env.fake!.reset();
  env.fake!.setPolicy(undefined);
  for (const job of await pendingJobs()) await retryUnsubscribes(env.data, { nowMs: Date.parse(job.nextAttemptAt), paceMs: 0 });
});

async function subscribed(email: string) {
  const now = new Date().toISOString();
  await subscribeContact(email, env.data.networks);
  await recordConfirmation(email, { networks: ALL, requestedAt: now, confirmedAt: now, consentVersion: consentVersion(), consentText: consentText() });
}

function topicsOf(email: string): Record<string, string> {
  const contact = [...env.fake!.state.contacts.values()].find((c) => c.email === email)!;
  const names = new Map([...env.fake!.state.topics.values()].map((t) => [t.id, t.name]));
  return Object.fromEntries(Object.entries(contact.topics).map(([id, s]) => [names.get(id), s]));
}

async function drain(): Promise<number> {
  let rounds = 0;
  let nowMs = Date.now();
  for (; rounds < 40 && (await pendingJobs()).length > 0; rounds++) {
    nowMs += 5 * 3_600_000;
    await retryUnsubscribes(env.data, { nowMs, paceMs: 0 });
  }
  return rounds;
}

describe('durable unsubscribe', () => {
  it('with Resend failing half the time, every contact ends opted out at Resend, each step applied once', async () => {
    const people = Array.from({ length: 16 }, (_, i) => ({ email: `abmelden-${i}@example.org`, all: i % 2 === 0 }));
    for (const p of people) await subscribed(p.email);
    const from = env.fake!.requests.length;
    // Seeded: the same half of Resend's answers fail in every run (Math.random once failed only 5 of them).
    const random = seededRandom(20261203);
    env.fake!.setPolicy((request) => (/^\/(contacts|topics)/.test(request.path) && random() < 0.5 ? { status: 500 } : undefined));

    for (const p of people) {
      const token = new URL(unsubscribeUrl(ORIGIN, p.email, ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
      const response = await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: p.all ? 'all' : 'networks' }));
      // The page says "abgemeldet" whatever Resend does: our own record is changed first.
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('abgemeldet');
      expect(activeNetworks(await getSubscriber(p.email))).toEqual(p.all ? [] : ALL.filter((n) => n !== 'netzwerk-sprache'));
    }
    const failed = env.fake!.requests.slice(from).filter((r) => r.outcome === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect((await pendingJobs()).length).toBeGreaterThan(0);

    const rounds = await drain();
    if (rounds >= 40) console.log(JSON.stringify(await pendingJobs(), null, 1).slice(0, 3000));
    expect(rounds).toBeLessThan(40);
    expect(await pendingJobs()).toHaveLength(0);

    for (const p of people) {
      const topics = topicsOf(p.email);
      const contact = [...env.fake!.state.contacts.values()].find((c) => c.email === p.email)!;
      if (p.all) {
        expect(Object.values(topics)).toEqual(['opt_out', 'opt_out', 'opt_out']);
        expect(contact.unsubscribed).toBe(true);
      } else {
        expect(topics).toMatchObject({ 'netzwerk-sprache': 'opt_out', 'netzwerk-beschaeftigung': 'opt_in', 'netzwerk-jugend-ausbildung': 'opt_in' });
        expect(contact.unsubscribed).toBe(false);
      }
      // None twice: one successful topic change per person, one successful "unsubscribed" per "all".
      const ok = (r: RecordedRequest) => r.outcome === 200 && r.method === 'PATCH' && decodeURIComponent(r.path).includes(p.email);
      const requests = env.fake!.requests.slice(from);
      expect(requests.filter((r) => ok(r) && r.path.endsWith('/topics'))).toHaveLength(1);
      expect(requests.filter((r) => ok(r) && !r.path.endsWith('/topics') && r.body?.unsubscribed === true)).toHaveLength(p.all ? 1 : 0);
    }
  });

  it('does not opt out again someone who subscribed again before the retry', async () => {
    await subscribed('zurueck@example.org');
    env.fake!.setPolicy((request) => (/^\/(contacts|topics)/.test(request.path) ? { status: 503 } : undefined));
    const token = new URL(unsubscribeUrl(ORIGIN, 'zurueck@example.org', [], TEST_SECRET)).searchParams.get('token')!;
    await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'all' }));
    env.fake!.setPolicy(undefined);
    await subscribed('zurueck@example.org');
    await drain();
    expect(Object.values(topicsOf('zurueck@example.org'))).toEqual(['opt_in', 'opt_in', 'opt_in']);
    expect([...env.fake!.state.contacts.values()].find((c) => c.email === 'zurueck@example.org')!.unsubscribed).toBe(false);
  });

  it('tells the office once when an unsubscribe keeps failing, and keeps trying', async () => {
    await subscribed('haengt@example.org');
    env.fake!.setPolicy((request) => (/^\/(contacts|topics)/.test(request.path) ? { status: 503 } : undefined));
    const token = new URL(unsubscribeUrl(ORIGIN, 'haengt@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
    await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'networks' }));
    let nowMs = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) await retryUnsubscribes(env.data, { nowMs: (nowMs += 5 * 3_600_000), paceMs: 0 });
    const office = env.fake!.delivered().filter((m) => m.to[0] === env.data.site.office.email);
    expect(office).toHaveLength(1);
    expect(office[0].subject).toBe('Newsletter: Abmeldung hängt bei Resend');
    expect(office[0].text).toContain('haengt@example.org');
    const [job] = await pendingJobs();
    expect(job.attempts).toBe(MAX_ATTEMPTS + 4);
    env.fake!.setPolicy(undefined);
    await drain();
    expect(topicsOf('haengt@example.org')['netzwerk-sprache']).toBe('opt_out');
  });
});
