/**
 * Email addresses as the newsletter stores them: trimmed and lower-cased (two spellings
 * of one mailbox must never become two subscriptions), checked with the same plain rule
 * the site's forms use, and keyed by an HMAC so Blobs keys hold no address and cannot be
 * reversed by hashing a list of likely addresses (personal-keys.ts).
 */
import { createHash } from 'node:crypto';
import { personalKey } from '../personal-keys.ts';

const EMAIL = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]{2,}$/;
/** RFC 5321: a forward path has at most 254 characters. */
const MAX_LENGTH = 254;

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function isValidEmail(value: string): boolean {
  return value.length <= MAX_LENGTH && EMAIL.test(value);
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
