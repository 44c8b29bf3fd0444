/**
 * Every newsletter post reaches each subscriber of its networks exactly once: under 50
 * concurrent triggers with the Resend fake failing, throttling and losing answers, and
 * when a run dies after its claim. Old posts are never sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sendFunction from '../../functions/newsletter-send.ts';
import { sendBatch } from '../../functions/lib/newsletter/batch.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import type { NewsletterData, NewsletterPost } from '../../functions/lib/newsletter/data.ts';
import { getSendRecord, LEASE_MS, runNewsletterSend, SENDS_STORE, type PostOutcome, type SendOptions, type Transport } from '../../functions/lib/newsletter/send.ts';
import { recordConfirmation, recordUnsubscribe, SUBSCRIBERS_STORE } from '../../functions/lib/newsletter/subscribers.ts';
import { verifyToken } from '../../functions/lib/newsletter/token.ts';
import { store } from '../../functions/lib/stores.ts';
import type { DeliveredEmail } from '../helpers/resend-fake.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from './env.ts';

const NOW = new Date(TEST_NOW);
const SPRACHE = 'netzwerk-sprache';
const JUGEND = 'netzwerk-jugend-ausbildung';
const ARBEIT = 'netzwerk-beschaeftigung';

let env: NewsletterEnv;
/** Who is subscribed to what (after the seed). */
const audience = new Map<string, string[]>();

function post(slug: string, date: string, networks: string[]): NewsletterPost {
  return {
    slug,
    title: `Meldung ${slug}`,
    date,
    networks,
    summary: `Kurzfassung ${slug}`,
    path: `/aktuelles/${slug}/`,
    html: `<p>Text von ${slug} mit <a href="/angebote/">Link</a></p>`,
    text: `Text von ${slug} mit [Link](/angebote/)`,
    attachments: [{ title: 'Einladung (PDF)', path: '/uploads/einladung.pdf' }],
  };
}

/** Posts only: meetings have their own tests (meetings.test.ts). */
function dataWith(posts: NewsletterPost[]): NewsletterData {
  return { ...env.data, posts, meetings: [] };
}

function expectedRecipients(networks: string[]): string[] {
  const wanted = networks.length ? networks : [SPRACHE, JUGEND, ARBEIT];
  return [...audience].filter(([, subscribed]) => subscribed.some((n) => wanted.includes(n))).map(([email]) => email).sort();
}

function deliveriesOf(slug: string): DeliveredEmail[] {
  return env.fake!.delivered().filter((m) => m.subject === `Meldung ${slug}`);
}

function perRecipient(mails: DeliveredEmail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of mails) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

const quiet: Pick<SendOptions, 'log' | 'retryDelayMs' | 'paceMs'> = { log: () => {}, retryDelayMs: 5, paceMs: 0 };

/** Runs until every post is settled, moving the clock past the lease each time (a crashed run's lease must run out). */
async function runUntilSettled(data: NewsletterData, start: Date, transport?: Transport): Promise<number> {
  let clock = start.getTime();
  for (let run = 1; run <= 30; run++) {
    clock += LEASE_MS + 1000;
    const at = new Date(clock);
    const outcomes = Object.values(await runNewsletterSend({ data, now: () => at, batchSize: 25, transport, ...quiet }));
    if (outcomes.every((o) => o === 'already-sent' || o === 'already-skipped')) return run;
  }
  throw new Error('posts did not settle within 30 runs');
}

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
  const at = NOW.toISOString();
  const proof = { requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText() };
  const seed: [string, string[]][] = [];
  for (let i = 0; i < 90; i++) seed.push([`sprache-${i}@example.org`, [SPRACHE]]);
  for (let i = 0; i < 40; i++) seed.push([`zwei-${i}@example.org`, [SPRACHE, JUGEND]]);
  for (let i = 0; i < 30; i++) seed.push([`arbeit-${i}@example.org`, [ARBEIT]]);
  await Promise.all(seed.map(([email, networks]) => recordConfirmation(email, { ...proof, networks })));
  for (const [email, networks] of seed) audience.set(email, networks);
  // Withdrawn consent must never receive anything.
  for (let i = 0; i < 5; i++) {
    await recordConfirmation(`weg-${i}@example.org`, { ...proof, networks: [SPRACHE] });
    await recordUnsubscribe(`weg-${i}@example.org`, 'all', at, 'form');
  }
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  env.fake!.reset();
  await store(SENDS_STORE).deleteAll();
});

describe('sending newsletter posts exactly once', () => {
  it('50 concurrent triggers with failing, throttled and lost answers: one mail per recipient per post', async () => {
    const posts = [post('nur-sprache', '2026-11-20', [SPRACHE]), post('fuer-alle', '2026-11-19', [])];
    const data = dataWith(posts);
    // Deterministic trouble: a third of the batch calls fail (500 or 429), one answer is lost after delivery.
    let call = 0;
    let lostOne = false;
    env.fake!.setPolicy((request) => {
      if (request.path !== '/emails/batch') return undefined;
      call++;
      if (!lostOne && call === 4) {
        lostOne = true;
        return { hang: true, afterDelivery: true };
      }
      if (call % 3 === 0) return { status: call % 2 ? 500 : 429 };
      return undefined;
    });
    // Staggered starts (0–49 ms), so reads, claims and sends of different triggers interleave.
    const outcomes: PostOutcome[][] = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * 37) % 50));
        return Object.values(await runNewsletterSend({ data, now: () => NOW, owner: `trigger-${i}`, batchSize: 25, ...quiet }));
      }),
    );
    // At most one trigger finished each post; the others found it claimed (or already sent).
    for (const index of [0, 1]) expect(outcomes.filter((o) => o[index] === 'sent').length).toBeLessThanOrEqual(1);

    await runUntilSettled(data, NOW);
    env.fake!.setPolicy(undefined);

    for (const p of posts) {
      // One claim per post: every batch request carries the same claim id in its idempotency key.
      const claims = env.fake!.requests.filter((r) => r.path === '/emails/batch' && r.headers['idempotency-key']?.startsWith(`newsletter/${p.slug}/`)).map((r) => r.headers['idempotency-key'].split('/')[2]);
      expect(new Set(claims).size).toBe(1);
      const expected = expectedRecipients(p.networks);
      const counts = perRecipient(deliveriesOf(p.slug));
      expect([...counts.keys()].sort()).toEqual(expected);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      const record = await getSendRecord(p.slug);
      expect(record).toMatchObject({ state: 'sent', recipients: expected.length, batches: Math.ceil(expected.length / 25), failed: [] });
      // The address list is dropped once the post is sent.
      expect(JSON.stringify(record)).not.toContain('@example.org');
    }
    expect(expectedRecipients([SPRACHE])).toHaveLength(130);
    expect(expectedRecipients([])).toHaveLength(160);
    // The trouble really happened.
    expect(env.fake!.requests.filter((r) => r.path === '/emails/batch' && typeof r.outcome === 'number' && r.outcome >= 429).length).toBeGreaterThan(3);
    expect(env.fake!.requests.some((r) => r.outcome === 'hang')).toBe(true);
  });

  it('every mail carries its own unsubscribe link and the one-click headers', async () => {
    const p = post('mit-abmeldung', '2026-11-21', [JUGEND]);
    await runNewsletterSend({ data: dataWith([p]), now: () => NOW, ...quiet });
    const mails = deliveriesOf(p.slug);
    expect(mails).toHaveLength(40);
    for (const mail of mails) {
      const header = mail.headers?.['List-Unsubscribe'] ?? '';
      expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const url = new URL(header.slice(1, -1));
      expect(url.origin + url.pathname).toBe('https://quartiersnetz-kinderhaus.example.org/api/newsletter/unsubscribe');
      const token = verifyToken('unsubscribe', url.searchParams.get('token'), TEST_SECRET);
      expect(token).toMatchObject({ ok: true, payload: { email: mail.to[0], networks: [JUGEND] } });
      expect(mail.html).toContain(`href="${url.href.replace(/&/g, '&amp;')}"`);
      expect(mail.text).toContain(url.href);
      expect(mail.html).toContain('href="https://quartiersnetz-kinderhaus.example.org/impressum/"');
      expect(mail.html).toContain('href="https://quartiersnetz-kinderhaus.example.org/uploads/einladung.pdf"');
      expect(mail.html).toContain('href="https://quartiersnetz-kinderhaus.example.org/angebote/"');
      expect(mail.from).toBe('Quartiersnetz Kinderhaus <newsletter@example.org>');
    }
  });

  it('finishes a post interrupted after its claim exactly once, resending the unrecorded batch under its key', async () => {
    const p = post('unterbrochen', '2026-11-21', [SPRACHE]);
    const data = dataWith([p]);
    let calls = 0;
    const crashing: Transport = async (mails, options) => {
      calls++;
      const result = await sendBatch(mails, options);
      // The second batch goes out, then the function dies before recording it.
      if (calls === 2) throw new Error('simulated crash after delivery');
      return result;
    };
    const first = await runNewsletterSend({ data, now: () => NOW, batchSize: 25, transport: crashing, ...quiet });
    expect(first[p.slug]).toBe('incomplete');
    expect(await getSendRecord(p.slug)).toMatchObject({ state: 'sending', done: [0] });
    expect(deliveriesOf(p.slug)).toHaveLength(50);
    // While the crashed run's lease lasts, nobody else sends.
    expect((await runNewsletterSend({ data, now: () => NOW, batchSize: 25, ...quiet }))[p.slug]).toBe('busy');

    const runs = await runUntilSettled(data, NOW);
    expect(runs).toBe(2);
    const counts = perRecipient(deliveriesOf(p.slug));
    expect([...counts.keys()].sort()).toEqual(expectedRecipients([SPRACHE]));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await getSendRecord(p.slug)).toMatchObject({ state: 'sent', takeovers: 1 });
    // The unrecorded batch was sent again with the same idempotency key, and the fake delivered it once.
    const keys = env.fake!.requests.filter((r) => r.path === '/emails/batch').map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(Math.ceil(130 / 25));
    expect(keys.length).toBe(Math.ceil(130 / 25) + 1);
  });

  it('finishes a claim left before the recipients were even read', async () => {
    const p = post('nur-beansprucht', '2026-11-21', [ARBEIT]);
    await store(SENDS_STORE).setJSON(`posts/${p.slug}`, {
      state: 'sending',
      claimId: 'crashed-claim',
      claimedAt: NOW.toISOString(),
      owner: 'a-run-that-died',
      leaseUntil: new Date(NOW.getTime() + LEASE_MS).toISOString(),
      recipients: null,
      batchSize: 100,
      done: [],
      failed: [],
      takeovers: 0,
    });
    expect((await runNewsletterSend({ data: dataWith([p]), now: () => NOW, ...quiet }))[p.slug]).toBe('busy');
    await runUntilSettled(dataWith([p]), NOW);
    expect(perRecipient(deliveriesOf(p.slug)).size).toBe(30);
    expect(deliveriesOf(p.slug)).toHaveLength(30);
  });

  it('never sends a post that was older than 14 days when first seen', async () => {
    const old = post('zu-alt', '2026-11-06', []);
    const borderline = post('gerade-noch', '2026-11-07', [ARBEIT]);
    const first = await runNewsletterSend({ data: dataWith([old, borderline]), now: () => NOW, ...quiet });
    expect(first).toEqual({ 'zu-alt': 'skipped', 'gerade-noch': 'sent' });
    const later = await runNewsletterSend({ data: dataWith([old, borderline]), now: () => NOW, ...quiet });
    expect(later).toEqual({ 'zu-alt': 'already-skipped', 'gerade-noch': 'already-sent' });
    expect(deliveriesOf('zu-alt')).toHaveLength(0);
    expect(deliveriesOf('gerade-noch')).toHaveLength(30);
  });

  it('splits a refused batch instead of dropping its recipients (issue 15)', async () => {
    const p = post('abgelehnt', '2026-11-21', [ARBEIT]);
    env.fake!.failNext(1, 422, { path: '/emails/batch' });
    const outcome = await runNewsletterSend({ data: dataWith([p]), now: () => NOW, batchSize: 10, ...quiet });
    expect(outcome[p.slug]).toBe('sent');
    expect(await getSendRecord(p.slug)).toMatchObject({ state: 'sent', failed: [] });
    expect(deliveriesOf(p.slug)).toHaveLength(30);
    const keys = env.fake!.requests.filter((r) => r.path === '/emails/batch').map((r) => r.headers['idempotency-key'].split('/').slice(3).join('/'));
    expect(keys).toEqual(['0', '0/0', '0/1', '1', '2']);
  });

  it('the deploy event sends only for production deploys; the schedule runs the same job', async () => {
    process.env.QN_NOW = TEST_NOW;
    const event = (context: string) => ({ deploy: { id: 'd1', context } as never, site: {} as never });
    await sendFunction.deploySucceeded(event('deploy-preview'));
    expect(await store(SENDS_STORE).list()).toEqual({ blobs: [], directories: [] });
    await sendFunction.deploySucceeded(event('production'));
    // From the real content: the invitation of 2026-11-18 goes to all networks; older posts are skipped.
    expect(await getSendRecord('einladung-jahrestreffen-2027')).toMatchObject({ state: 'sent', recipients: 160 });
    expect(await getSendRecord('quartiersnetz-ist-online')).toMatchObject({ state: 'skipped' });
    const scheduled = await sendFunction.fetch();
    expect(await scheduled.json()).toMatchObject({ 'einladung-jahrestreffen-2027': 'already-sent' });
    expect(env.fake!.delivered().filter((m) => m.subject.startsWith('Einladung zum Jahrestreffen'))).toHaveLength(160);
    expect((await store(SUBSCRIBERS_STORE).list()).blobs).toHaveLength(165);
  });
});
