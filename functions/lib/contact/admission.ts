/**
 * Whether a contact message is admitted: the per-client limit and the double-click check
 * in one ordered event per request (../blobs/events.ts), so both hold under any burst,
 * on Netlify and on the local Blobs server alike.
 *
 * Each request writes `client/<hashed ip>/<time>_<message id>_<content hash>`:
 * - limit: admitted if fewer than `limit` hits of this client precede it in the window
 *   (on top of Netlify's `config.rateLimit`, which counts requests, not messages, and
 *   exists only in production);
 * - duplicate: an earlier admitted hit with the same content hash within ten minutes is
 *   the original, and this request answers with the original's id instead of storing a
 *   second message. Duplicates use a slot like any post.
 * IPs are stored only as keyed hashes. If Blobs is unreachable the message is let
 * through: losing a resident's message is worse than one spam mail. A deploy without
 * QN_RATE_LIMIT_SALT while mail is live throws PersonalKeyConfigError (never let through).
 */
import { randomUUID } from 'node:crypto';
import { personalKey } from '../personal-keys.ts';
import { store } from '../stores.ts';
import { admitInWindow, windowFromEnv, type WindowLimit } from '../blobs/window.ts';
import type { EventEntry } from '../blobs/events.ts';
import type { ContactInput } from './types.ts';

export const RATE_STORE = 'contact-rate';

/** Five messages per ten minutes: plenty for a person, useless for a spammer. */
export const DEFAULT_LIMIT: WindowLimit = { limit: 5, windowMs: 10 * 60_000 };

/** Ten minutes: long enough for a double click or a reload, short enough not to hide a new message. */
export const DEDUPE_MS = 10 * 60_000;

/** QN_CONTACT_RATE_LIMIT="5/600" (messages/seconds) adjusts the limit per deploy. */
export function rateLimitConfig(): WindowLimit {
  return windowFromEnv('QN_CONTACT_RATE_LIMIT', DEFAULT_LIMIT);
}

/** Keyed (HMAC, ../personal-keys.ts): a key must not lead back to the address. */
export function clientPrefix(ip: string): string {
  return `client/${personalKey('ip', ip).slice(0, 32)}`;
}

/** Keyed too: the key must not let anyone test whether a given person wrote a given text. */
export function contentTag(input: ContactInput): string {
  return personalKey('contact-dedupe', JSON.stringify([input.recipient, input.email.toLowerCase(), input.name, input.message])).slice(0, 24);
}

export type Admission = { state: 'new'; id: string } | { state: 'duplicate'; id: string } | { state: 'limited'; retryAfterMs: number };

/** Whether `entry` was admitted, judged from the same listing its own request saw. */
function wasAdmitted(events: EventEntry[], index: number, rule: WindowLimit): boolean {
  const entry = events[index];
  return events.slice(0, index).filter((e) => e.at > entry.at - rule.windowMs).length < rule.limit;
}

export async function admitMessage(ip: string, input: ContactInput): Promise<Admission> {
  const rule = rateLimitConfig();
  const id = randomUUID();
  // Outside the try: a misconfigured deploy must not let everything through.
  const prefix = clientPrefix(ip);
  const tag = contentTag(input);
  let decision;
  try {
    decision = await admitInWindow(store(RATE_STORE), prefix, rule, { id, tag });
  } catch (error) {
    console.error('contact: limit and duplicate check unavailable, letting the message through:', error);
    return { state: 'new', id };
  }
  if (!decision.admitted) return { state: 'limited', retryAfterMs: decision.retryAfterMs };
  const { events, mine } = decision;
  const position = events.findIndex((e) => e.name === mine.name);
  for (let index = 0; index < position; index++) {
    const e = events[index];
    if (e.tag === tag && e.at > mine.at - DEDUPE_MS && wasAdmitted(events, index, rule)) return { state: 'duplicate', id: e.id };
  }
  return { state: 'new', id };
}
