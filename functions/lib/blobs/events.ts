/**
 * Ordered events: the concurrency primitive that needs no atomic compare-and-swap.
 *
 * Why: Netlify's local Blobs server (netlify serve, astro dev, tests) checks `if-match` /
 * `if-none-match` and then writes across several awaits, so two concurrent conditional
 * writes can both win there. Guarantees that must hold on a laptop as well as on Netlify
 * therefore rest on plain writes and strongly consistent listings only:
 *
 * 1. every contender writes its own key `<prefix>/<time>_<id>[_<tag>]` (never contended);
 * 2. it waits until `time + settle`, then lists the prefix;
 * 3. the decision is a pure function of the sorted listing (first wins, rank < limit, ...).
 *
 * Why that is safe: a contender whose own write returned later than `time + settle`
 * withdraws its key and tries again with a fresh time. So every key with an earlier time
 * than mine was written before `its time + settle < my time + settle`, the moment I list:
 * I see every event that precedes mine. A withdrawn key that someone else already counted
 * only makes that contender more cautious (it admits fewer, never more). Clocks of
 * function instances are NTP-synchronised; the settle time absorbs their skew.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';

export interface EventEntry {
  key: string;
  at: number;
  id: string;
  tag?: string;
}

/** Default 400 ms: far above a Blobs write here and on Netlify, short for a form post. */
const DEFAULT_SETTLE_MS = 400;
const MAX_TRIES = 4;
const TIME_DIGITS = 15;

export function settleMs(): number {
  const value = Number(process.env.QN_BLOBS_SETTLE_MS);
  return Number.isFinite(value) && value >= 0 && process.env.QN_BLOBS_SETTLE_MS !== '' ? value : DEFAULT_SETTLE_MS;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function eventKey(prefix: string, at: number, id: string, tag?: string): string {
  return `${prefix}/${String(at).padStart(TIME_DIGITS, '0')}_${id}${tag ? `_${tag}` : ''}`;
}

export function parseEvent(prefix: string, key: string): EventEntry | undefined {
  const match = /^(\d+)_([A-Za-z0-9-]+)(?:_([A-Za-z0-9-]+))?$/.exec(key.slice(prefix.length + 1));
  if (!key.startsWith(`${prefix}/`) || !match) return undefined;
  return { key, at: Number(match[1]), id: match[2], tag: match[3] };
}

/** Every event under `prefix`, oldest first (ties broken by id, the same order for everyone). */
export async function listEvents(store: Store, prefix: string): Promise<EventEntry[]> {
  const keys: string[] = [];
  for await (const page of store.list({ prefix: `${prefix}/`, paginate: true })) keys.push(...page.blobs.map((b) => b.key));
  return keys
    .map((key) => parseEvent(prefix, key))
    .filter((e): e is EventEntry => e !== undefined)
    .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface Appended {
  mine: EventEntry;
  /** The listing after the settle time: contains every event that precedes mine. */
  events: EventEntry[];
}

/**
 * Writes one event and returns it with the settled listing. `value` is stored with it
 * (small JSON); `id` defaults to a random UUID.
 */
export async function appendEvent(store: Store, prefix: string, options: { id?: string; tag?: string; value?: unknown; now?: () => number } = {}): Promise<Appended> {
  const now = options.now ?? Date.now;
  const settle = settleMs();
  const id = options.id ?? randomUUID();
  for (let attempt = 1; ; attempt++) {
    const at = now();
    const key = eventKey(prefix, at, id, options.tag);
    await store.setJSON(key, options.value ?? {});
    const landed = now();
    if (landed - at > settle) {
      // Too slow to be seen in time by a contender that listed early: withdraw, go again.
      await store.delete(key);
      if (attempt >= MAX_TRIES) throw new Error(`blobs events: writes under ${prefix} took longer than ${settle} ms ${attempt} times`);
      continue;
    }
    await sleep(at + settle - landed);
    const events = await listEvents(store, prefix);
    const mine = events.find((e) => e.key === key) ?? { key, at, id, tag: options.tag };
    if (!events.some((e) => e.key === key)) events.push(mine);
    return { mine, events: events.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1)) };
  }
}

/** Deletes events older than `beforeMs` (best effort: a failed sweep is retried by the next caller). */
export async function sweepEvents(store: Store, events: EventEntry[], beforeMs: number): Promise<void> {
  await Promise.all(events.filter((e) => e.at < beforeMs).map((e) => store.delete(e.key).catch(() => {})));
}
