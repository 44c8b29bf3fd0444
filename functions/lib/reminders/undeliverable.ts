/**
 * Contact messages that could not be delivered, for the office digest: read from the
 * contact function's Blobs store (functions/lib/contact/messages.ts). Only who the
 * message was for and what happened is reported, never what the visitor wrote.
 */
import type { Store } from '@netlify/blobs';
import type { StoredMessage } from '../contact/messages.ts';

export interface UndeliverableMessage {
  receivedAt: string;
  /** Who the visitor wanted to reach (name from the recipient directory). */
  recipient: string;
  /** The page the form was on (site-relative). */
  path: string;
  /** `escalated`: could not reach the recipient, the office got it instead; `delayed`: still being retried. */
  state: 'escalated' | 'delayed';
  attempts: number;
  lastError?: string;
}

export async function undeliverableMessages(store: Store, since: Date): Promise<UndeliverableMessage[]> {
  const { blobs } = await store.list({ prefix: 'message/' });
  const found: UndeliverableMessage[] = [];
  for (const { key } of blobs) {
    const message = (await store.get(key, { type: 'json' })) as StoredMessage | null;
    if (!message) continue;
    const escalated = message.status === 'escalated' || message.status === 'escalating';
    const delayed = message.status === 'pending' && message.attempts > 0;
    if (!escalated && !delayed) continue;
    // Escalated ones are reported once, in the digest after they happened; delayed ones until delivered.
    if (escalated && message.status === 'escalated' && Date.parse(message.deliveredAt ?? message.receivedAt) < since.getTime()) continue;
    found.push({
      receivedAt: message.receivedAt,
      recipient: message.recipient?.name ?? message.recipientKey,
      path: message.recipient?.path ?? '',
      state: escalated ? 'escalated' : 'delayed',
      attempts: message.attempts,
      lastError: message.lastError,
    });
  }
  return found.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}
