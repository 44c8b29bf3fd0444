/**
 * "Once per period, even under retries": whoever sends the mail for `key` holds its
 * lease (../blobs/claim.ts, ordered events: one sender at a time on Netlify and on the
 * local Blobs server alike), reads the record, and sends only if it is not `sent`. The
 * record keeps the composed mail: a run that failed or died leaves it `failed` or
 * `sending`, and the next run that gets the lease (a crashed run's lease runs out after
 * LEASE_MS) sends the identical mail with the same idempotency key, which Resend and the
 * local outbox answer without a second delivery (Resend refuses a reused key with a
 * different payload, so the payload must not change).
 */
import type { Store } from '@netlify/blobs';
import { claim } from '../blobs/claim.ts';
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

/** Long enough for one send with its timeout; a crashed run's lease is free after it. */
export const LEASE_MS = 10 * 60_000;

/**
 * Sends the mail for `key` at most once (a failed or abandoned send is retried by a later
 * run). `claims` holds the leases: a store of their own (see ../blobs/events.ts).
 */
export async function sendOnce(store: Store, claims: Store, key: string, now: Date, compose: () => Promise<OutgoingMail> | OutgoingMail, send: Sender): Promise<OnceOutcome> {
  const lease = await claim(claims, key, { leaseMs: LEASE_MS, clock: () => now.getTime() });
  if (!lease) {
    const current = (await store.get(key, { type: 'json' })) as OnceRecord | null;
    return current?.state === 'sent' ? 'already-sent' : 'busy';
  }
  // Released on every known outcome; a run that dies mid-send keeps it until it runs out.
  const outcome = await sendHolding(store, key, now, compose, send);
  await lease.release().catch(() => {});
  return outcome;
}

async function sendHolding(store: Store, key: string, now: Date, compose: () => Promise<OutgoingMail> | OutgoingMail, send: Sender): Promise<OnceOutcome> {
  const previous = (await store.get(key, { type: 'json' })) as OnceRecord | null;
  if (previous?.state === 'sent') return 'already-sent';
  const record: OnceRecord = { state: 'sending', claimedAt: now.toISOString(), attempts: (previous?.attempts ?? 0) + 1, mail: previous?.mail ?? (await compose()) };
  await store.setJSON(key, record);
  const result = await send(record.mail as OutgoingMail, { idempotencyKey: `qn-reminder:${key}` });
  if (result.ok) {
    const { mail: _sent, ...rest } = record;
    await store.setJSON(key, { ...rest, state: 'sent', sentAt: new Date().toISOString(), id: result.id } satisfies OnceRecord);
    return 'sent';
  }
  await store.setJSON(key, { ...record, state: 'failed', error: result.message.slice(0, 300) } satisfies OnceRecord);
  return 'failed';
}
