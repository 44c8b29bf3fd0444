/**
 * Sends every mailing exactly once: each published newsletter post, and each meeting's
 * invitation, update, cancellation and minutes (meeting-mailings.ts decides which are
 * due; mailing.ts says what a mailing is). One machinery for all of them.
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
 * Exactly once, step by step (store `newsletter-sends`, key `posts/<slug>` or
 * `meetings/<slug>/<kind>`):
 * 1. First sight of a mailing: a write that succeeds only if new (`onlyIfNew`) either marks
 *    it `skipped` (a post older than 14 days, a meeting already past: no surprise mail
 *    after a restore or an import) or claims it
 *    (`sending`, with an owner and a lease). Of any number of concurrent triggers,
 *    exactly one wins; the others see the claim and leave.
 * 2. The winner renders every mail once and freezes the rendered batches (subject, html,
 *    text, headers, recipient) in the store (`frozen/<slug>/<freezeId>/<n>`), then sends
 *    batch after batch, recording each finished batch (ETag-conditional writes, so a run
 *    that lost its lease can never record anything). A retry after a redeploy sends the
 *    frozen bytes, never a new rendering: Resend refuses a reused idempotency key with a
 *    different payload. Mails that fail the transport's header checks (mail.ts) are never
 *    frozen; the subject is one line whatever the post title holds.
 * 3. A run that dies after its claim leaves a `sending` record whose lease runs out; the
 *    next run (deploy or schedule) takes it over and sends only the batches not yet
 *    recorded. A batch sent but not recorded is sent again with the same idempotency
 *    key, which Resend (and the outbox) answer without delivering twice.
 * 4. A batch the provider refuses as a whole (one bad address) is split in halves, down
 *    to the single mail that is refused, so one address never costs 99 others their mail.
 * 5. When all batches are done the record becomes `sent` and the frozen batches are
 *    deleted (only counts remain); the purge job removes those of a send that never ended.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';
import { store } from '../stores.ts';
import { now as clockNow } from '../../../src/lib/clock.ts';
import { checkMail } from '../mail.ts';
import { writeIfUnchanged } from '../blobs/cas.ts';
import { MAX_BATCH_SIZE, sendBatch, type BatchMail, type BatchResult } from './batch.ts';
import { newsletterSecret, publicOrigin } from './config.ts';
import { postNetworks, type NewsletterData, type NewsletterPost } from './data.ts';
import { recipientLinks } from './links.ts';
import { ageInDays, CHOICE_OF, MAX_AGE_DAYS, type Mailing, type MailingFacts, type MailKind, type Recipient, type SkipReason } from './mailing.ts';
import { isSettled, meetingMailings, meetingParts } from './meeting-mailings.ts';
import { recipientsFor } from './subscribers.ts';
import { issueMail } from './templates.ts';

export { unsubscribeUrl } from './links.ts';
export type { Recipient } from './mailing.ts';

export const SENDS_STORE = 'newsletter-sends';
export { MAX_AGE_DAYS } from './mailing.ts';
/** How long a claim protects a running send; a crashed run's post is resumed after this. */
export const LEASE_MS = 5 * 60 * 1000;

/** A batch (its number) or a part of a refused batch that was split (`"3/0"`, `"3/1/0"` …). */
export type Part = number | string;
export interface FailedPart {
  batch: Part;
  message: string;
  /** Mails in the part. */
  mails?: number;
}

/** Records written before meetings were mailed carry no `kind`: they are news posts. */
export type SendRecord =
  | { state: 'skipped'; reason: SkipReason; postDate: string; seenAt: string; kind?: MailKind; title?: string }
  | {
      state: 'sending';
      kind?: MailKind;
      title?: string;
      facts?: MailingFacts;
      /** Distinguishes this claim's idempotency keys from any earlier claim of the same slug. */
      claimId: string;
      claimedAt: string;
      owner: string;
      leaseUntil: string;
      /** null until frozen; then the number of recipients (the addresses live in the frozen batches). A list: a claim from before freezing existed. */
      recipients: Recipient[] | number | null;
      /** Where the rendered batches are frozen, once they are. */
      frozen?: { id: string; batches: number };
      batchSize: number;
      done: Part[];
      /** Parts refused as a whole and sent as halves instead. */
      split?: Part[];
      failed: FailedPart[];
      takeovers: number;
    }
  | {
      state: 'sent';
      kind?: MailKind;
      title?: string;
      facts?: MailingFacts;
      claimId: string;
      claimedAt: string;
      sentAt: string;
      recipients: number;
      batches: number;
      failed: FailedPart[];
      takeovers: number;
    };

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

export function sends(): Store {
  return store(SENDS_STORE);
}

/** The send record of a post (by slug) or of any mailing (by its key, `meetings/…`). */
export async function getSendRecord(slugOrKey: string): Promise<SendRecord | null> {
  const key = slugOrKey.includes('/') ? slugOrKey : postKey(slugOrKey);
  return (await sends().get(key, { type: 'json' })) as SendRecord | null;
}

/** Whole days between the post's date and today (Europe/Berlin). */
export const postAgeDays = ageInDays;

/** A subject is one header line: a line break in a post title becomes a space. */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\u0085\u2028\u2029\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** A news post as a mailing: mailed once, unless older than 14 days when first seen. */
export function postMailing(post: NewsletterPost, data: NewsletterData, now: Date): Mailing {
  return {
    key: postKey(post.slug),
    name: post.slug,
    kind: 'news',
    networks: postNetworks(post, data.networks),
    date: post.date,
    title: post.title,
    skip: postAgeDays(post.date, now) > MAX_AGE_DAYS ? 'too-old' : undefined,
    render: (recipient, links, origin) => issueMail(post, data, origin, { networks: recipient.networks, ...links }),
  };
}

/** The mails for `recipients`, rendered once (they are frozen before the first send). */
export function buildBatch(mailing: Mailing, data: NewsletterData, origin: string, recipients: Recipient[], secret: string): BatchMail[] {
  return recipients.map((r) => {
    const mail = mailing.render(r, recipientLinks(origin, r.email, r.networks, secret), origin);
    return { from: data.site.mailFrom, to: r.email, subject: singleLine(mail.subject), html: mail.html, text: mail.text, headers: mail.headers };
  });
}

function frozenKey(name: string, freezeId: string, batch: number): string {
  return `frozen/${name}/${freezeId}/${batch}`;
}

interface FrozenBatch {
  frozenAt: string;
  mails: BatchMail[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type ResolvedOptions = Required<Omit<SendOptions, 'log'>> & { log: (m: string) => void };

async function sendMailing(mailing: Mailing, options: ResolvedOptions): Promise<PostOutcome> {
  const { data, now, owner } = options;
  const blobs = sends();
  const { key, name } = mailing;
  const described = { kind: mailing.kind, title: mailing.title };

  let current = await blobs.getWithMetadata(key, { type: 'json' });
  if (!current) {
    const seenAt = now().toISOString();
    if (mailing.skip) {
      const skipped: SendRecord = { state: 'skipped', reason: mailing.skip, postDate: mailing.date, seenAt, ...described };
      const result = await blobs.setJSON(key, skipped, { onlyIfNew: true });
      if (result.modified) {
        options.log(`${name}: ${mailing.skip === 'past' ? 'already past' : `older than ${MAX_AGE_DAYS} days`} when first seen, not sent`);
        return 'skipped';
      }
    } else {
      const claim: SendRecord = {
        state: 'sending',
        ...described,
        ...(mailing.facts ? { facts: mailing.facts } : {}),
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
    options.log(`${name}: resuming an interrupted send (claimed ${record.claimedAt})`);
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
  const origin = publicOrigin(data.site.url);
  if (!record.frozen) {
    const claim = record;
    const recipients = Array.isArray(claim.recipients) ? claim.recipients : await recipientsFor(mailing.networks, CHOICE_OF[mailing.kind]);
    const rendered = buildBatch(mailing, data, origin, recipients, newsletterSecret());
    // The transport's header checks, once, before anything is frozen: a mail that fails them never goes out.
    const refused: FailedPart[] = [];
    const mails = rendered.filter((mail) => {
      const problem = checkMail(mail);
      if (problem) refused.push({ batch: 'checks', message: problem, mails: 1 });
      return !problem;
    });
    for (const r of refused) options.log(`${name}: one mail not sent: ${r.message}`);
    const freezeId = randomUUID();
    const frozenAt = now().toISOString();
    const batches = Math.ceil(mails.length / claim.batchSize);
    for (let batch = 0; batch < batches; batch++) {
      const frozen: FrozenBatch = { frozenAt, mails: mails.slice(batch * claim.batchSize, (batch + 1) * claim.batchSize) };
      await blobs.setJSON(frozenKey(name, freezeId, batch), frozen);
    }
    const next: SendRecord = { ...claim, recipients: recipients.length, frozen: { id: freezeId, batches }, failed: [...claim.failed, ...refused], leaseUntil: new Date(now().getTime() + LEASE_MS).toISOString() };
    if (!(await save(next))) return 'lost-lease';
  }

  const sending = () => record as Extract<SendRecord, { state: 'sending' }>;
  const { id: freezeId, batches: batchCount } = sending().frozen!;
  let sentThisRun = 0;
  const isSettled = (part: Part) => sending().done.includes(part) || sending().failed.some((f) => f.batch === part);
  const lease = () => new Date(now().getTime() + LEASE_MS).toISOString();

  /** Sends one part; a refused part is split. 'incomplete' / 'lost-lease' stop the run. */
  const sendPart = async (part: Part, mails: BatchMail[]): Promise<'ok' | 'incomplete' | 'lost-lease'> => {
    if (isSettled(part)) return 'ok';
    if (!(sending().split ?? []).includes(part)) {
      if (sentThisRun++ > 0) await sleep(options.paceMs);
      const idempotencyKey = `newsletter/${name}/${sending().claimId}/${part}`;
      let result: BatchResult = { ok: false, retryable: true, message: 'not attempted' };
      for (let attempt = 0; attempt < options.attempts; attempt++) {
        if (attempt > 0) await sleep(options.retryDelayMs * attempt);
        result = await options.transport(mails, { idempotencyKey });
        if (result.ok || !result.retryable) break;
      }
      if (result.ok) return (await save({ ...sending(), done: [...sending().done, part], leaseUntil: lease() })) ? 'ok' : 'lost-lease';
      if (result.retryable) {
        // Give the post back at once, so the next trigger need not wait for the lease.
        options.log(`${name}: batch ${part} failed (${result.message}); the next run continues`);
        await save({ ...sending(), leaseUntil: now().toISOString() });
        return 'incomplete';
      }
      options.log(`${name}: batch ${part} refused (${mails.length} mails): ${result.message}`);
      if (mails.length === 1) {
        // The one mail the provider will not take: recorded, never retried.
        return (await save({ ...sending(), failed: [...sending().failed, { batch: part, message: result.message, mails: 1 }], leaseUntil: lease() })) ? 'ok' : 'lost-lease';
      }
      if (!(await save({ ...sending(), split: [...(sending().split ?? []), part], leaseUntil: lease() }))) return 'lost-lease';
    }
    const half = Math.ceil(mails.length / 2);
    for (const [index, piece] of [mails.slice(0, half), mails.slice(half)].entries()) {
      const outcome = await sendPart(`${part}/${index}`, piece);
      if (outcome !== 'ok') return outcome;
    }
    return 'ok';
  };

  for (let batch = 0; batch < batchCount; batch++) {
    if (isSettled(batch)) continue;
    const frozen = (await blobs.get(frozenKey(name, freezeId, batch), { type: 'json' })) as FrozenBatch | null;
    if (!frozen) {
      // Purged after its retention (a send that stalled for days): never re-rendered, given up.
      options.log(`${name}: batch ${batch} no longer frozen; not sent`);
      if (!(await save({ ...sending(), failed: [...sending().failed, { batch, message: 'frozen batch missing' }], leaseUntil: lease() }))) return 'lost-lease';
      continue;
    }
    const outcome = await sendPart(batch, frozen.mails);
    if (outcome !== 'ok') return outcome;
  }

  const finished = sending();
  const sent: SendRecord = {
    state: 'sent',
    ...(finished.kind ? { kind: finished.kind, title: finished.title } : {}),
    ...(finished.facts ? { facts: finished.facts } : {}),
    claimId: finished.claimId,
    claimedAt: finished.claimedAt,
    sentAt: now().toISOString(),
    recipients: typeof finished.recipients === 'number' ? finished.recipients : 0,
    batches: batchCount,
    failed: finished.failed,
    takeovers: finished.takeovers,
  };
  if (!(await save(sent))) return 'lost-lease';
  // The addresses are needed no longer (data minimisation); the purge job catches a failed delete.
  for (let batch = 0; batch < batchCount; batch++) await blobs.delete(frozenKey(name, freezeId, batch)).catch(() => undefined);
  options.log(`${name}: sent to ${sent.recipients} recipients in ${batchCount} batches`);
  return 'sent';
}

/**
 * One run over every newsletter post and every meeting of the current deploy. Outcomes
 * are keyed by the mailing's name: a post's slug, `meetings/<slug>/<kind>` for a meeting.
 */
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
  const send = async (mailing: Mailing) => {
    try {
      outcomes[mailing.name] = await sendMailing(mailing, resolved);
    } catch (error) {
      // One broken mailing must not keep the others from going out; the next run retries it.
      resolved.log(`${mailing.name}: ${String(error)}`);
      outcomes[mailing.name] = 'incomplete';
    }
  };
  for (const post of options.data.posts) await send(postMailing(post, options.data, resolved.now()));
  const meetings = options.data.meetings ?? [];
  const parts = meetings.length ? await meetingParts(sends()) : new Map<string, Set<string>>();
  for (const meeting of meetings) {
    const known = parts.get(meeting.slug) ?? new Set<string>();
    if (isSettled(meeting, known, resolved.now())) continue;
    let planned: Mailing[];
    try {
      planned = await meetingMailings(meeting, options.data, resolved.now(), sends(), known);
    } catch (error) {
      resolved.log(`meetings/${meeting.slug}: ${String(error)}`);
      outcomes[`meetings/${meeting.slug}`] = 'incomplete';
      continue;
    }
    for (const mailing of planned) await send(mailing);
  }
  return outcomes;
}
