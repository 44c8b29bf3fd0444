/**
 * Accepted messages in Netlify Blobs (strong consistency), written before the first
 * send so nothing is lost when the provider is down. Layout of the store:
 *   pending/<id>  marker: still to deliver (written first, deleted last)
 *   message/<id>  the message; its content is removed once delivered (data minimisation)
 *   lease/<id>/…  who is sending it right now (../blobs/claim.ts; expires, so a crash
 *                 never blocks it)
 * Double clicks and the per-client limit are decided before a message exists (admission.ts).
 */
import type { Store } from '@netlify/blobs';
import { store } from '../stores.ts';
import { claim, type Claim } from '../blobs/claim.ts';
import type { Recipient } from './recipients.ts';
import type { ContactInput } from './types.ts';

export const STORE_NAME = 'contact-messages';

export interface StoredMessage {
  id: string;
  receivedAt: string;
  recipientKey: string;
  /** Snapshot from the directory at the time of sending: content may change later. */
  recipient: Recipient;
  /** What the visitor wrote; removed after delivery. */
  input?: Omit<ContactInput, 'recipient'>;
  /** `escalating`: the recipient could not be reached, the office gets it instead. */
  status: 'pending' | 'escalating' | 'sent' | 'escalated';
  /** Failed attempts so far (in the current phase). */
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  deliveredAt?: string;
  providerId?: string;
}

export function messages(): Store {
  return store(STORE_NAME);
}

/** The function's own first attempt ends long before this; only then may the retry job look. */
export const FIRST_RETRY_AFTER_MS = 60_000;

export function newMessage(id: string, input: ContactInput, recipient: Recipient, now: Date): StoredMessage {
  return {
    id,
    receivedAt: now.toISOString(),
    recipientKey: input.recipient,
    recipient,
    input: { name: input.name, email: input.email, message: input.message },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(now.getTime() + FIRST_RETRY_AFTER_MS).toISOString(),
  };
}

/** Pending marker first: a crash in between leaves a marker without message, never the reverse. */
export async function saveNew(message: StoredMessage): Promise<void> {
  const blobs = messages();
  await blobs.set(`pending/${message.id}`, message.nextAttemptAt);
  await blobs.setJSON(`message/${message.id}`, message);
}

export async function save(message: StoredMessage): Promise<void> {
  await messages().setJSON(`message/${message.id}`, message);
}

export async function load(id: string): Promise<StoredMessage | undefined> {
  return ((await messages().get(`message/${id}`, { type: 'json' })) as StoredMessage | null) ?? undefined;
}

export async function markDone(message: StoredMessage): Promise<void> {
  await save(message);
  await messages().delete(`pending/${message.id}`);
}

export async function pendingIds(): Promise<string[]> {
  const { blobs } = await messages().list({ prefix: 'pending/' });
  return blobs.map((b) => b.key.slice('pending/'.length));
}

/** How long a sender may hold a message before others may take over (crash safety). */
const LEASE_MS = 2 * 60_000;

export async function acquireLease(id: string): Promise<Claim | undefined> {
  return claim(messages(), `lease/${id}`, { leaseMs: LEASE_MS });
}
