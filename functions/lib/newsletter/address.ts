/**
 * Email addresses as the newsletter stores them: checked by ../address.ts (the rule the
 * contact form uses too), trimmed and lower-cased (two spellings of one mailbox must
 * never become two subscriptions), and keyed by an HMAC so Blobs keys hold no address and
 * cannot be reversed by hashing a list of likely addresses (personal-keys.ts).
 */
import { createHash } from 'node:crypto';
import { personalKey } from '../personal-keys.ts';

export function normaliseEmail(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/** Stable, address-free key for Blobs (keys appear in listings and logs). */
export function addressKey(email: string): string {
  return personalKey('email', normaliseEmail(email));
}

/**
 * The unkeyed SHA-256 that records were stored under before: read once to move such a
 * record to its HMAC key (subscribers.ts), and by the erasure script. Never written.
 */
export function legacyAddressKey(email: string): string {
  return createHash('sha256').update(normaliseEmail(email), 'utf8').digest('hex');
}
