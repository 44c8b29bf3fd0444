/**
 * Email addresses as the newsletter stores them: trimmed and lower-cased (two spellings
 * of one mailbox must never become two subscriptions), checked with the same plain rule
 * the site's forms use, and keyed by a hash so Blobs keys hold no address.
 */
import { createHash } from 'node:crypto';

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
  return createHash('sha256').update(normaliseEmail(email), 'utf8').digest('hex');
}
