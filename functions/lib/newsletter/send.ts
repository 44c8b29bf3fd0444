/**
 * Sends every published newsletter post exactly once.
 *
 * Strategy: one mail per recipient, sent in batches of up to 100 through Resend's
 * /emails/batch, recipients read from our own subscriber records (subscribers.ts).
 * Not Resend broadcasts, because
 * - a broadcast is scoped to one topic: a post for two networks would need two
 *   broadcasts, and someone subscribed to both would get it twice;
 * - each mail carries its own signed unsubscribe link for exactly the networks it was
 *   sent for, answered by our German page that also records the withdrawal as proof;
 * - per-batch idempotency keys make "exactly once" checkable, and testable against the
 *   local fake, without depending on a broadcast's internal state.
 *
 * Exactly once, step by step (store `newsletter-sends`, key `posts/<slug>`):
 * 1. First sight of a post: a write that succeeds only if new (`onlyIfNew`) either marks
 *    it `skipped` (older than 14 days: no surprise mail after a restore) or claims it
 *    (`sending`, with an owner and a lease). Of any number of concurrent triggers,
 *    exactly one wins; the others see the claim and leave.
 * 2. The winner freezes the recipient list into the claim, then sends batch after batch,
 *    recording each finished batch (ETag-conditional writes, so a run that lost its
 *    lease can never record anything).
 * 3. A run that dies after its claim leaves a `sending` record whose lease runs out; the
 *    next run (deploy or schedule) takes it over and sends only the batches not yet
 *    recorded. A batch sent but not recorded is sent again with the same idempotency
 *    key, which Resend (and the outbox) answer without delivering twice.
 * 4. When all batches are done the record becomes `sent` and the address list is
 *    dropped from it (only counts remain).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';
import { store } from '../stores.ts';
import { berlinDate } from '../../../src/lib/dates.ts';
import { now as clockNow } from '../../../src/lib/clock.ts';
import { writeIfUnchanged } from '../blobs/cas.ts';
import { MAX_BATCH_SIZE, sendBatch, type BatchMail, type BatchResult } from './batch.ts';
import { newsletterSecret, publicOrigin } from './config.ts';
import { postNetworks, type NewsletterData, type NewsletterPost } from './data.ts';
import { recipientsFor } from './subscribers.ts';
import { issueMail } from './templates.ts';
import { signToken } from './token.ts';

export const SENDS_STORE = 'newsletter-sends';
/** Posts older than this when first seen are never sent. */
export const MAX_AGE_DAYS = 14;
/** How long a claim protects a running send; a crashed run's post is resumed after this. */
export const LEASE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Recipient {
  email: string;
  networks: string[];
}

export type SendRecord =
  | { state: 'skipped'; reason: 'too-old'; postDate: string; seenAt: string }
  | {
      state: 'sending';
      /** Distinguishes this claim's idempotency keys from any earlier claim of the same slug. */
      claimId: string;
      claimedAt: string;
      owner: string;
      leaseUntil: string;
      recipients: Recipient[] | null;
      batchSize: number;
      done: number[];
      failed: { batch: number; message: string }[];
      takeovers: number;
    }
  | { state: 'sent'; claimId: string; claimedAt: string; sentAt: string; recipients: number; batches: number; failed: { batch: number; message: string }[]; takeovers: number };

export type PostOutcome = 'sent' | 'skipped' | 'already-sent' | 'already-skipped' | 'busy' | 'incomplete' | 'lost-lease';

export type Transport = (mails: BatchMail[], options: { idempotencyKey: string }) => Promise<BatchResult>;

export interface SendOptions {
  data: NewsletterData;
  now?: () => Date;
  transport?: Transport;
  /** Identifies this run in claims (logs, tests). */
  owner?: string;
  batchSize?: number;
  /** Attempts per batch within one run before leaving it to the next run. */
  attempts?: number;
  retryDelayMs?: number;
  /** Pause between batches: Resend allows about 2 requests per second for the whole account. */
  paceMs?: number;
  log?: (message: string) => void;
}

function postKey(slug: string): string {
  return `posts/${slug}`;
}

function sends(): Store {
  return store(SENDS_STORE);
}

export async function getSendRecord(slug: string): Promise<SendRecord | null> {
  return (await sends().get(postKey(slug), { type: 'json' })) as SendRecord | null;
}

/** Whole days between the post's date and today (Europe/Berlin). */
export function postAgeDays(postDate: string, now: Date): number {
  return Math.round((Date.parse(`${berlinDate(now)}T00:00:00Z`) - Date.parse(`${postDate}T00:00:00Z`)) / DAY_MS);
}

export function unsubscribeUrl(origin: string, email: string, networks: string[], secret: string): string {
  const token = signToken('unsubscribe', { email, networks, expires: 0 }, secret);
  return `${origin}/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The mails of one batch: deterministic, so a retried batch has the identical payload. */
export function buildBatch(post: NewsletterPost, data: NewsletterData, origin: string, recipients: Recipient[], secret: string): BatchMail[] {
  return recipients.map((r) => {
    const mail = issueMail(post, data, origin, { networks: r.networks, unsubscribeUrl: unsubscribeUrl(origin, r.email, r.networks, secret) });
    return { from: data.site.from, to: r.email, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendOnePost(post: NewsletterPost, options: Required<Omit<SendOptions, 'log'>> & { log: (m: string) => void }): Promise<PostOutcome> {
  const { data, now, owner } = options;
  const blobs = sends();
  const key = postKey(post.slug);

  let current = await blobs.getWithMetadata(key, { type: 'json' });
  if (!current) {
    const seenAt = now().toISOString();
    if (postAgeDays(post.date, now()) > MAX_AGE_DAYS) {
      const skipped: SendRecord = { state: 'skipped', reason: 'too-old', postDate: post.date, seenAt };
      const result = await blobs.setJSON(key, skipped, { onlyIfNew: true });
      if (result.modified) {
        options.log(`${post.slug}: older than ${MAX_AGE_DAYS} days when first seen, not sent`);
        return 'skipped';
      }
    } else {
      const claim: SendRecord = {
        state: 'sending',
        claimId: randomUUID(),
        claimedAt: seenAt,
        owner,
        leaseUntil: new Date(now().getTime() + LEASE_MS).toISOString(),
        recipients: null,
        batchSize: options.batchSize,
        done: [],
        failed: [],
        takeovers: 0,
      };
      const result = await blobs.setJSON(key, claim, { onlyIfNew: true });
      if (!result.modified) return 'busy'; // another run claimed it a moment ago
    }
    current = await blobs.getWithMetadata(key, { type: 'json' });
    if (!current) return 'busy';
  }

  let record = current.data as SendRecord;
  let etag = current.etag;
  if (record.state === 'sent') return 'already-sent';
  if (record.state === 'skipped') return 'already-skipped';

  if (record.owner !== owner) {
    if (Date.parse(record.leaseUntil) > now().getTime()) return 'busy';
    // The previous owner stopped (crash, timeout, gave up): take over, exactly one of us.
    const takeover: SendRecord = { ...record, owner, leaseUntil: new Date(now().getTime() + LEASE_MS).toISOString(), takeovers: record.takeovers + 1 };
    const result = await writeIfUnchanged(blobs, key, takeover, { etag });
    if (!result.written) return 'busy';
    record = takeover;
    etag = result.etag;
    options.log(`${post.slug}: resuming an interrupted send (claimed ${record.claimedAt})`);
  }

  // Every write below is conditional on the ETag we hold: if someone else took over, we stop.
  const save = async (next: SendRecord): Promise<boolean> => {
    const result = await writeIfUnchanged(blobs, key, next, { etag });
    if (!result.written) return false;
    record = next;
    etag = result.etag;
    return true;
  };

  if (record.state !== 'sending') return 'busy';
  if (record.recipients === null) {
    const recipients = await recipientsFor(postNetworks(post, data.networks));
    if (!(await save({ ...record, recipients, leaseUntil: new Date(now().getTime() + LEASE_MS).toISOString() }))) return 'lost-lease';
  }

  const sending = record as Extract<SendRecord, { state: 'sending' }>;
  const recipients = sending.recipients as Recipient[];
  const batchCount = Math.ceil(recipients.length / sending.batchSize);
  const origin = publicOrigin(data.site.url);
  const secret = newsletterSecret();

  let sentThisRun = 0;
  for (let batch = 0; batch < batchCount; batch++) {
    const state = record as Extract<SendRecord, { state: 'sending' }>;
    if (state.done.includes(batch) || state.failed.some((f) => f.batch === batch)) continue;
    if (sentThisRun++ > 0) await sleep(options.paceMs);
    const mails = buildBatch(post, data, origin, recipients.slice(batch * state.batchSize, (batch + 1) * state.batchSize), secret);
    const idempotencyKey = `newsletter/${post.slug}/${state.claimId}/${batch}`;
    let result: BatchResult = { ok: false, retryable: true, message: 'not attempted' };
    for (let attempt = 0; attempt < options.attempts; attempt++) {
      if (attempt > 0) await sleep(options.retryDelayMs * attempt);
      result = await options.transport(mails, { idempotencyKey });
      if (result.ok || !result.retryable) break;
    }
    const lease = new Date(now().getTime() + LEASE_MS).toISOString();
    if (result.ok) {
      if (!(await save({ ...state, done: [...state.done, batch].sort((a, b) => a - b), leaseUntil: lease }))) return 'lost-lease';
    } else if (!result.retryable) {
      // A permanent refusal (e.g. an address the provider rejects) must not block the post forever.
      options.log(`${post.slug}: batch ${batch} refused: ${result.message}`);
      if (!(await save({ ...state, failed: [...state.failed, { batch, message: result.message }], leaseUntil: lease }))) return 'lost-lease';
    } else {
      // Give the post back at once, so the next trigger need not wait for the lease.
      options.log(`${post.slug}: batch ${batch} failed (${result.message}); the next run continues`);
      await save({ ...state, leaseUntil: now().toISOString() });
      return 'incomplete';
    }
  }

  const finished = record as Extract<SendRecord, { state: 'sending' }>;
  const sent: SendRecord = {
    state: 'sent',
    claimId: finished.claimId,
    claimedAt: finished.claimedAt,
    sentAt: now().toISOString(),
    recipients: recipients.length,
    batches: batchCount,
    failed: finished.failed,
    takeovers: finished.takeovers,
  };
  if (!(await save(sent))) return 'lost-lease';
  options.log(`${post.slug}: sent to ${recipients.length} recipients in ${batchCount} batches`);
  return 'sent';
}

/** One run over every newsletter post of the current deploy. */
export async function runNewsletterSend(options: SendOptions): Promise<Record<string, PostOutcome>> {
  const resolved = {
    data: options.data,
    now: options.now ?? clockNow,
    transport: options.transport ?? sendBatch,
    owner: options.owner ?? randomUUID(),
    batchSize: Math.min(options.batchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE),
    attempts: options.attempts ?? 3,
    retryDelayMs: options.retryDelayMs ?? 1_000,
    paceMs: options.paceMs ?? 600,
    log: options.log ?? ((message: string) => console.log(`[newsletter] ${message}`)),
  };
  const outcomes: Record<string, PostOutcome> = {};
  for (const post of options.data.posts) {
    try {
      outcomes[post.slug] = await sendOnePost(post, resolved);
    } catch (error) {
      // One broken post must not keep the others from going out; the next run retries it.
      resolved.log(`${post.slug}: ${String(error)}`);
      outcomes[post.slug] = 'incomplete';
    }
  }
  return outcomes;
}
