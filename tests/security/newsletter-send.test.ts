/**
 * Issue 15, smaller findings about newsletter batches, against the Resend fake:
 * - a batch retried after a redeploy (new title, rotated secret) is byte-identical to the
 *   first try under the same idempotency key, so Resend never refuses it as a changed payload;
 * - a batch refused because of one address is split, and only that mail is lost;
 * - batches pass the transport's header checks, and the subject is one line.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendBatch } from '../../functions/lib/newsletter/batch.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import type { NewsletterData, NewsletterPost } from '../../functions/lib/newsletter/data.ts';
import { getSendRecord, LEASE_MS, runNewsletterSend, SENDS_STORE, type SendOptions, type Transport } from '../../functions/lib/newsletter/send.ts';
import { recordConfirmation, SUBSCRIBERS_STORE } from '../../functions/lib/newsletter/subscribers.ts';
import { store } from '../../functions/lib/stores.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from '../newsletter/env.ts';

const NOW = new Date(TEST_NOW);
const NETWORK = 'netzwerk-beschaeftigung';
const quiet: Pick<SendOptions, 'log' | 'retryDelayMs' | 'paceMs'> = { log: () => {}, retryDelayMs: 5, paceMs: 0 };
let env: NewsletterEnv;

function post(slug: string, title = `Meldung ${slug}`): NewsletterPost {
  return { slug, title, date: '2026-11-21', networks: [NETWORK], summary: 'Kurz', path: `/aktuelles/${slug}/`, html: '<p>Text</p>', text: 'Text', attachments: [] };
}
const dataWith = (posts: NewsletterPost[]): NewsletterData => ({ ...env.data, posts, meetings: [] });

async function subscribe(emails: string[]) {
  const at = NOW.toISOString();
  await Promise.all(emails.map((email) => recordConfirmation(email, { networks: [NETWORK], requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText() })));
}

function batchRequests() {
  return env.fake!.requests.filter((r) => r.path === '/emails/batch');
}

async function settle(data: NewsletterData, options: Partial<SendOptions> = {}) {
  let clock = NOW.getTime();
  for (let run = 0; run < 20; run++) {
    clock += LEASE_MS + 1000;
    const at = new Date(clock);
    const outcomes = Object.values(await runNewsletterSend({ data, now: () => at, batchSize: 10, ...quiet, ...options }));
    if (outcomes.every((o) => o === 'already-sent')) return;
  }
  throw new Error('did not settle');
}

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  env.fake!.reset();
  await store(SENDS_STORE).deleteAll();
  await store(SUBSCRIBERS_STORE).deleteAll();
});

describe('newsletter batches', () => {
  it('a batch retried after a redeploy is byte-identical under its idempotency key', async () => {
    await subscribe(Array.from({ length: 25 }, (_, i) => `leser-${i}@example.org`));
    let calls = 0;
    const crashing: Transport = async (mails, options) => {
      const result = await sendBatch(mails, options);
      // The second batch is delivered, then the function dies before recording it.
      if (++calls === 2) throw new Error('killed after delivery');
      return result;
    };
    const first = await runNewsletterSend({ data: dataWith([post('neu')]), now: () => NOW, batchSize: 10, transport: crashing, ...quiet });
    expect(first.neu).toBe('incomplete');

    // The redeploy: the editor fixed the title, the signing secret was rotated.
    const secret = process.env.NEWSLETTER_SECRET;
    process.env.NEWSLETTER_SECRET = 'a-rotated-secret-for-newsletter-links-9876543210';
    process.env.NEWSLETTER_SECRET_PREVIOUS = TEST_SECRET;
    try {
      await settle(dataWith([post('neu', 'Meldung neu (korrigiert)')]));
    } finally {
      process.env.NEWSLETTER_SECRET = secret;
      delete process.env.NEWSLETTER_SECRET_PREVIOUS;
    }
    const byKey = new Map<string, Set<string>>();
    for (const r of batchRequests()) byKey.set(r.headers['idempotency-key'], (byKey.get(r.headers['idempotency-key']) ?? new Set()).add(JSON.stringify(r.body)));
    expect([...byKey.values()].every((bodies) => bodies.size === 1)).toBe(true);
    expect(batchRequests().some((r) => r.outcome === 409)).toBe(false);
    expect(batchRequests().length).toBe(4); // three batches, the unrecorded one twice
    const delivered = env.fake!.delivered();
    expect(delivered).toHaveLength(25);
    expect(new Set(delivered.flatMap((m) => m.to)).size).toBe(25);
    expect(await getSendRecord('neu')).toMatchObject({ state: 'sent', recipients: 25, failed: [] });
    // The frozen batches (addresses) are gone once the post is sent.
    const { blobs } = await store(SENDS_STORE).list({ prefix: 'frozen/' });
    expect(blobs).toEqual([]);
  });

  it('a batch refused for one address is split; only that mail is lost', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `empfaenger-${i}@example.org`);
    await subscribe(emails);
    const bad = emails[17];
    env.fake!.setPolicy((r) => (r.path === '/emails/batch' && (r.body as { to: string[] }[]).some((m) => m.to.includes(bad)) ? { status: 422, message: `Invalid recipient ${bad}` } : undefined));
    await settle(dataWith([post('teilweise')]));
    const delivered = env.fake!.delivered().flatMap((m) => m.to).sort();
    expect(delivered).toEqual(emails.filter((e) => e !== bad).sort());
    const record = await getSendRecord('teilweise');
    expect(record).toMatchObject({ state: 'sent', recipients: 30 });
    if (record?.state !== 'sent') throw new Error('not sent');
    expect(record.failed).toHaveLength(1);
    expect(record.failed[0]).toMatchObject({ mails: 1 });
    expect(String(record.failed[0].batch)).toMatch(/^\d+(\/\d)+$/);
  });

  it('passes the header checks and sends a one-line subject whatever the title holds', async () => {
    await subscribe(['gut@example.org', 'auch-gut@example.org']);
    // A record that slipped past the form's checks (written by hand, an old bug): never a header.
    await subscribe(['boese@example.org\r\nbcc: opfer@example.org']);
    await settle(dataWith([post('zeilen', 'Einladung\r\nBcc: opfer@example.org\nzum Fest')]));
    const delivered = env.fake!.delivered();
    expect(delivered.flatMap((m) => m.to).sort()).toEqual(['auch-gut@example.org', 'gut@example.org']);
    for (const mail of delivered) {
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.subject).toContain('Einladung Bcc: opfer@example.org zum Fest');
    }
    const record = await getSendRecord('zeilen');
    expect(record).toMatchObject({ state: 'sent', failed: [{ batch: 'checks', message: 'to contains a line break', mails: 1 }] });
  });
});
