/**
 * Email addresses as the newsletter stores them: checked by ../address.ts (the rule the
 * contact form uses too), trimmed and lower-cased (two spellings of one mailbox must
 * never become two subscriptions), and keyed by a hash so Blobs keys hold no address.
 */
import { createHash } from 'node:crypto';

export function normaliseEmail(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/** Stable, address-free key for Blobs (keys appear in listings and logs). */
export function addressKey(email: string): string {
  return createHash('sha256').update(normaliseEmail(email), 'utf8').digest('hex');
}
