/**
 * A subscribe form must not become a tool for flooding mailboxes (store
 * `newsletter-requests`, ordered events of ../blobs/window.ts, so the limits hold under
 * any burst without compare-and-swap):
 * - per address: at most a few confirmation mails a day. Past the limit the form still
 *   answers exactly as usual, so it reveals nothing about addresses. A mail that could
 *   not be sent gives its slot back.
 * - per client: at most a few subscribe requests in ten minutes (QN_SUBSCRIBE_RATE_LIMIT,
 *   "count/seconds"), answered with 429 and Retry-After. Netlify's `config.rateLimit`
 *   does the same at the edge in production only.
 */
import { personalKey } from '../personal-keys.ts';
import { store } from '../stores.ts';
import { admitInWindow, windowFromEnv, type WindowLimit } from '../blobs/window.ts';
import { addressKey } from './address.ts';

export const REQUESTS_STORE = 'newsletter-requests';
export const MAX_CONFIRMATIONS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_CLIENT_LIMIT: WindowLimit = { limit: 5, windowMs: 10 * 60_000 };

export type Slot = { allowed: true; release: () => Promise<void> } | { allowed: false; retryAfterMs: number };

/** Takes one of the address's confirmation mails of the last 24 hours, if one is left. */
export async function allowConfirmationMail(email: string): Promise<Slot> {
  const decision = await admitInWindow(store(REQUESTS_STORE), `address/${addressKey(email)}`, { limit: MAX_CONFIRMATIONS_PER_DAY, windowMs: DAY_MS });
  return decision.admitted ? { allowed: true, release: decision.release } : { allowed: false, retryAfterMs: decision.retryAfterMs };
}

export function clientLimit(): WindowLimit {
  return windowFromEnv('QN_SUBSCRIBE_RATE_LIMIT', DEFAULT_CLIENT_LIMIT);
}

/** Takes one of the client's subscribe requests; IPs are stored only as keyed hashes (personal-keys.ts). */
export async function allowSubscribeRequest(ip: string): Promise<Slot> {
  const decision = await admitInWindow(store(REQUESTS_STORE), `client/${personalKey('ip', ip).slice(0, 32)}`, clientLimit());
  return decision.admitted ? { allowed: true, release: decision.release } : { allowed: false, retryAfterMs: decision.retryAfterMs };
}
