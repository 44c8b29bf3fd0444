/**
 * "At most `limit` per window" on ordered events (events.ts): each hit is one event, and a
 * hit is admitted if fewer than `limit` hits precede it within the window. Every
 * contender sees the same order, so a burst of any size admits exactly `limit`, and no
 * hit is refused because a write lost a race (there are no races to lose). A refused hit
 * withdraws itself, so it does not push later hits out; an admitted one may be withdrawn
 * later (`release`) when what it paid for did not happen.
 */
import type { Store } from '@netlify/blobs';
import { appendEvent, sweepEvents, withdrawEvent, type EventEntry } from './events.ts';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export type WindowDecision =
  | { admitted: true; mine: EventEntry; events: EventEntry[]; release: () => Promise<void> }
  | { admitted: false; retryAfterMs: number; mine: EventEntry; events: EventEntry[] };

export async function admitInWindow(store: Store, prefix: string, rule: WindowLimit, options: { id?: string; tag?: string; now?: () => number } = {}): Promise<WindowDecision> {
  const { mine, events } = await appendEvent(store, prefix, options);
  const position = events.findIndex((e) => e.name === mine.name);
  const earlier = events.slice(0, position).filter((e) => e.at > mine.at - rule.windowMs);
  if (earlier.length < rule.limit) {
    // Twice the window: hits that old decide nothing any more (see admission.ts).
    await sweepEvents(store, prefix, events.slice(0, position), mine.at - 2 * rule.windowMs);
    return { admitted: true, mine, events, release: () => withdrawEvent(store, prefix, mine) };
  }
  await withdrawEvent(store, prefix, mine);
  // Admitted again once enough earlier hits have left the window to make room for one.
  const freeing = earlier[earlier.length - rule.limit];
  // Clamped: an event ordered earlier may carry a later time by a few milliseconds.
  return { admitted: false, mine, events, retryAfterMs: Math.min(rule.windowMs, Math.max(1_000, freeing.at + rule.windowMs - mine.at)) };
}

/** Parses "count/seconds" (e.g. "5/600") from an environment variable. */
export function windowFromEnv(name: string, fallback: WindowLimit): WindowLimit {
  const match = /^(\d+)\/(\d+)$/.exec((process.env[name] ?? '').trim());
  return match && Number(match[1]) > 0 ? { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 } : fallback;
}
