/**
 * Accepted messages in Netlify Blobs (strong consistency), written before the first
 * send so nothing is lost when the provider is down. Layout of the store:
 *   pending/<id>  marker: still to deliver (written first, deleted last)
 *   message/<id>  the message; its content is removed once delivered (data minimisation)
 *   lease/<id>    who is sending it right now (expires, so a crash never blocks it)
 *   dedupe/<hash> the same message sent twice within minutes (double click) is one message
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';
import { personalKey } from '../personal-keys.ts';
import { readForUpdate, store } from '../stores.ts';
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

export function newMessage(input: ContactInput, recipient: Recipient, now: Date): StoredMessage {
  return {
    id: randomUUID(),
    receivedAt: now.toISOString(),
    recipientKey: input.recipient,
    recipient,
    input: { name: input.name, email: input.email, message: input.message },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
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

export async function acquireLease(id: string, nowMs: number): Promise<boolean> {
  const blobs = messages();
  const key = `lease/${id}`;
  const current = await readForUpdate<{ until: number }>(blobs, key);
  const value = { until: nowMs + LEASE_MS };
  if (!current) return (await blobs.setJSON(key, value, { onlyIfNew: true })).modified;
  if (current.data.until > nowMs) return false;
  return (await blobs.setJSON(key, value, { onlyIfMatch: current.etag })).modified;
}

export async function releaseLease(id: string): Promise<void> {
  await messages().delete(`lease/${id}`);
}

/** Ten minutes: long enough for a double click or a reload, short enough not to hide a new message. */
const DEDUPE_MS = 10 * 60_000;

export function dedupeKey(input: ContactInput, ip: string): string {
  // Keyed: the key must not let anyone test whether a given person wrote a given text.
  const hash = personalKey('contact-dedupe', JSON.stringify([ip, input.recipient, input.email.toLowerCase(), input.name, input.message]));
  return `dedupe/${hash.slice(0, 40)}`;
}

/** Returns the id of an identical recent message, or claims the slot for `id`. */
export async function claimDedupe(key: string, id: string, nowMs: number): Promise<string | undefined> {
  const blobs = messages();
  const value = { id, at: nowMs };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readForUpdate<{ id: string; at: number }>(blobs, key);
    if (!current) {
      if ((await blobs.setJSON(key, value, { onlyIfNew: true })).modified) return undefined;
      continue;
    }
    if (nowMs - current.data.at < DEDUPE_MS) return current.data.id;
    if ((await blobs.setJSON(key, value, { onlyIfMatch: current.etag })).modified) return undefined;
  }
  return undefined;
}
