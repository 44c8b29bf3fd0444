/**
 * Environment of the newsletter functions, read in one place.
 *
 * NEWSLETTER_SECRET signs every link. Without RESEND_API_KEY nothing leaves the machine
 * (mail goes to .outbox/), so a fixed local secret is acceptable there and `npm start`
 * works without setup; as soon as real mail can go out, a real secret is required.
 */
export class NewsletterConfigError extends Error {}

const LOCAL_SECRET = 'quartiersnetz-local-development-only';
const MIN_SECRET_LENGTH = 32;

export function newsletterSecret(): string {
  const secret = process.env.NEWSLETTER_SECRET;
  if (secret) {
    if (secret.length < MIN_SECRET_LENGTH) throw new NewsletterConfigError(`NEWSLETTER_SECRET must have at least ${MIN_SECRET_LENGTH} characters`);
    return secret;
  }
  if (process.env.RESEND_API_KEY) throw new NewsletterConfigError('NEWSLETTER_SECRET is not set, but RESEND_API_KEY is: refusing to sign links with the local secret');
  return LOCAL_SECRET;
}

/**
 * Secrets a link may be signed with: the current one, then NEWSLETTER_SECRET_PREVIOUS
 * (comma-separated). Unsubscribe links in mails sent months ago must keep working after
 * the secret is rotated; new links are always signed with the current secret.
 */
export function verificationSecrets(): string[] {
  const previous = (process.env.NEWSLETTER_SECRET_PREVIOUS ?? '').split(',').map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH);
  return [newsletterSecret(), ...previous];
}

/** True when contacts and mails go to Resend (else: local outbox, no contacts). */
export function usesResend(): boolean {
  return Boolean(process.env.RESEND_API_KEY);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin links in mails point to. Never taken from a request's Host header on the
 * internet (a forged host would put someone else's domain into our mails); a loopback
 * request (`npm start`, tests) gets links back to itself, so the flow works locally.
 */
export function publicOrigin(siteUrl: string, request?: Request): string {
  if (process.env.QN_PUBLIC_URL) return process.env.QN_PUBLIC_URL.replace(/\/+$/, '');
  if (request) {
    const url = new URL(request.url);
    if (LOOPBACK.has(url.hostname)) return url.origin;
  }
  return new URL(siteUrl).origin;
}
