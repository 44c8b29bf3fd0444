/**
 * "Once per period, even under retries": a mail is claimed in Blobs with a write that
 * succeeds only if new, sent, then marked sent. Of concurrent runs exactly one wins the
 * claim. The claim keeps the composed mail: a run that dies after its claim leaves a
 * `sending` record, and once its lease has run out the next run takes it over
 * (takeOver below) and sends the identical mail with the same idempotency key,
 * which Resend and the local outbox answer without a second delivery (Resend refuses a
 * reused key with a different payload, so the payload must not change).
 */
import type { Store } from '@netlify/blobs';
import type { OutgoingMail, SendOptions, SendResult } from '../mail.ts';

export interface OnceRecord {
  state: 'sending' | 'sent' | 'failed';
  claimedAt: string;
  attempts: number;
  /** The mail as first composed; dropped once it is sent. */
  mail?: OutgoingMail;
  sentAt?: string;
  id?: string;
  error?: string;
}

export type OnceOutcome = 'sent' | 'already-sent' | 'busy' | 'failed';
export type Sender = (mail: OutgoingMail, options: SendOptions) => Promise<SendResult>;

/** Long enough for one send with its timeout; a crashed run's claim is free after it. */
export const LEASE_MS = 10 * 60_000;

/**
 * Takes over a failed or abandoned send. Each attempt number can be claimed once
 * (`onlyIfNew` on `attempts/<key>/<n>`), so of concurrent runs exactly one proceeds;
 * ETags would do too, but the local Blobs server used in development and tests does not
 * return them on reads. An attempt claimed by a run that died before writing its record
 * is skipped once its lease has run out.
 */
async function takeOver(store: Store, key: string, previous: OnceRecord, now: Date): Promise<number | undefined> {
  for (let attempt = previous.attempts + 1; attempt <= previous.attempts + 10; attempt++) {
    // Not below `key` itself: the local Blobs server keeps keys as files, and a file
    // cannot also be a folder.
    const token = `attempts/${key}/${attempt}`;
    if ((await store.set(token, now.toISOString(), { onlyIfNew: true })).modified) return attempt;
    const claimedAt = await store.get(token, { type: 'text' });
    if (claimedAt && now.getTime() - Date.parse(claimedAt) < LEASE_MS) return undefined;
  }
  return undefined;
}

async function claim(store: Store, key: string, now: Date, compose: () => Promise<OutgoingMail>): Promise<OnceRecord | undefined> {
  const previous = (await store.get(key, { type: 'json' })) as OnceRecord | null;
  if (!previous) {
    const record: OnceRecord = { state: 'sending', claimedAt: now.toISOString(), attempts: 1, mail: await compose() };
    return (await store.setJSON(key, record, { onlyIfNew: true })).modified ? record : undefined;
  }
  if (previous.state === 'sent') return undefined;
  if (previous.state === 'sending' && now.getTime() - Date.parse(previous.claimedAt) < LEASE_MS) return undefined;
  const attempt = await takeOver(store, key, previous, now);
  if (attempt === undefined) return undefined;
  const record: OnceRecord = { state: 'sending', claimedAt: now.toISOString(), attempts: attempt, mail: previous.mail ?? (await compose()) };
  await store.setJSON(key, record);
  return record;
}

/** Sends the mail for `key` at most once (a failed or abandoned send is retried by a later run). */
export async function sendOnce(store: Store, key: string, now: Date, compose: () => Promise<OutgoingMail> | OutgoingMail, send: Sender): Promise<OnceOutcome> {
  const record = await claim(store, key, now, async () => compose());
  if (!record?.mail) {
    const current = (await store.get(key, { type: 'json' })) as OnceRecord | null;
    return current?.state === 'sent' ? 'already-sent' : 'busy';
  }
  const result = await send(record.mail, { idempotencyKey: `qn-reminder:${key}` });
  if (result.ok) {
    const { mail: _sent, ...rest } = record;
    await store.setJSON(key, { ...rest, state: 'sent', sentAt: new Date().toISOString(), id: result.id } satisfies OnceRecord);
    return 'sent';
  }
  await store.setJSON(key, { ...record, state: 'failed', error: result.message.slice(0, 300) } satisfies OnceRecord);
  return 'failed';
}
