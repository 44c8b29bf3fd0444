/**
 * Blobs keys derived from personal data (an email address, an IP address, a signed link
 * that names an address). Keys show up in store listings, logs and backups, so they
 * must not let anyone get back to the person: a bare SHA-256 of an address can be
 * reversed by hashing a list of likely addresses, and an IPv4 hash by hashing all 2^32
 * addresses. Every such key is therefore an HMAC under a secret (QN_RATE_LIMIT_SALT),
 * with a label per kind, so a key of one kind never equals a key of another.
 *
 * The secret is required as soon as mail can go out (RESEND_API_KEY set), just like
 * NEWSLETTER_SECRET: without it the privacy page's "Hash mit geheimem Zusatz" would not
 * be true. Without RESEND_API_KEY (local outbox, tests) a fixed local key is used.
 */
import { createHmac } from 'node:crypto';

export class PersonalKeyConfigError extends Error {}

export type PersonalKeyKind = 'email' | 'ip' | 'confirm-token' | 'contact-dedupe';

const LOCAL_SECRET = 'quartiersnetz-local-development-only-personal-keys';
export const MIN_PERSONAL_KEY_SECRET_LENGTH = 32;

export function personalKeySecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.QN_RATE_LIMIT_SALT;
  if (secret) {
    if (secret.length < MIN_PERSONAL_KEY_SECRET_LENGTH) {
      throw new PersonalKeyConfigError(`QN_RATE_LIMIT_SALT must have at least ${MIN_PERSONAL_KEY_SECRET_LENGTH} characters`);
    }
    return secret;
  }
  if (env.RESEND_API_KEY) throw new PersonalKeyConfigError('QN_RATE_LIMIT_SALT is not set, but RESEND_API_KEY is: refusing to derive keys from addresses with a public secret');
  return LOCAL_SECRET;
}

/** Hex HMAC-SHA256 of `value` under the personal-key secret, labelled by `kind`. */
export function personalKey(kind: PersonalKeyKind, value: string, env: NodeJS.ProcessEnv = process.env): string {
  return createHmac('sha256', personalKeySecret(env)).update(`qn-personal-key:${kind}:${value}`, 'utf8').digest('hex');
}
