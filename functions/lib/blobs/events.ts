/**
 * Ordered events: the concurrency primitive that needs no atomic compare-and-swap and
 * no assumption about how fast a write is.
 *
 * Why: Netlify's local Blobs server (netlify serve, astro dev, tests) checks `if-match` /
 * `if-none-match` and then writes across several awaits, so two concurrent conditional
 * writes can both win there. Guarantees that must hold on a laptop as well as on Netlify
 * therefore rest on plain writes and strongly consistent listings only. The order comes
 * from Lamport's bakery algorithm, whose registers need not be atomic either:
 *
 * 1. mark `<prefix>/c/<time>_<id>` ("choosing");
 * 2. list the tickets, take the highest number plus one, write the ticket
 *    `<prefix>/t/<number>_<time>_<id>[_<tag>]`;
 * 3. list the choosing marks, tickets and withdrawals, and wait (listing again) until
 *    each mark seen has its ticket: every event ordered before mine, by (number, id), is
 *    then in the ticket listing.
 * Step 3 is complete: an event ordered before mine either had its ticket when I listed,
 * or had its mark there and I waited for its ticket (marks are never removed while they
 * matter); one that starts choosing after my
 * step 3 sees my ticket in its step 2 and takes a higher number. A mark older than any
 * function may run (DEAD_MS) belongs to an invocation that no longer exists.
 *
 * Nothing is deleted while others may list it, and every entry is a folder holding one
 * file `v`: the local server's listing walks folders and stops early (silently) when an
 * entry vanishes under it, e.g. a temporary file renamed or a blob deleted. Listing with
 * `directories: true` names the entries without walking into them. So an event is
 * withdrawn by a tombstone `<prefix>/w/<ticket>`, and old entries are swept by deleting
 * their file only. Keep an event space where no blob is written in any folder above it
 * (a store, or a top-level folder, of its own).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';

export interface EventEntry {
  /** The ticket's name (last path segment). */
  name: string;
  /** Position in the order (bakery ticket number); ties broken by id. */
  number: number;
  /** When the event was written (real clock): for windows and sweeping. */
  at: number;
  id: string;
  tag?: string;
}

/** Netlify stops a synchronous function after at most 26 s: its marks are dead after this. */
export const DEAD_MS = 60_000;
const POLL_MS = 15;
const NUMBER_DIGITS = 12;
const TIME_DIGITS = 15;
const FILE = 'v';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = (value: number, digits: number) => String(value).padStart(digits, '0');

function parseTicket(name: string): EventEntry | undefined {
  const match = /^(\d+)_(\d+)_([A-Za-z0-9-]+)(?:_([A-Za-z0-9-]+))?$/.exec(name);
  return match ? { name, number: Number(match[1]), at: Number(match[2]), id: match[3], tag: match[4] } : undefined;
}

const byOrder = (a: EventEntry, b: EventEntry) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Names of the entries (folders) directly below `folder`, without walking into them. */
async function entryNames(store: Store, folder: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of store.list({ prefix: `${folder}/`, directories: true, paginate: true })) {
    for (const directory of page.directories) names.push(directory.replace(/\/+$/, '').split('/').pop() as string);
  }
  return names;
}

async function tickets(store: Store, prefix: string): Promise<EventEntry[]> {
  return (await entryNames(store, `${prefix}/t`)).map(parseTicket).filter((e): e is EventEntry => e !== undefined);
}

/** Every event under `prefix` that was not withdrawn, in order. */
export async function listEvents(store: Store, prefix: string): Promise<EventEntry[]> {
  const [all, withdrawn] = await Promise.all([tickets(store, prefix), entryNames(store, `${prefix}/w`)]);
  const gone = new Set(withdrawn);
  return all.filter((e) => !gone.has(e.name)).sort(byOrder);
}

export interface Appended {
  mine: EventEntry;
  /** Every event ordered before mine, mine, and whatever came after and was seen. */
  events: EventEntry[];
}

/** Writes one event and returns it with a listing complete up to it. */
export async function appendEvent(store: Store, prefix: string, options: { id?: string; tag?: string; now?: () => number } = {}): Promise<Appended> {
  const now = options.now ?? Date.now;
  const id = options.id ?? randomUUID();
  const at = now();
  await store.set(`${prefix}/c/${pad(at, TIME_DIGITS)}_${id}/${FILE}`, '');
  const highest = (await tickets(store, prefix)).reduce((max, e) => Math.max(max, e.number), 0);
  const mine: EventEntry = { name: `${pad(highest + 1, NUMBER_DIGITS)}_${pad(at, TIME_DIGITS)}_${id}${options.tag ? `_${options.tag}` : ''}`, number: highest + 1, at, id, tag: options.tag };
  await store.set(`${prefix}/t/${mine.name}/${FILE}`, '');
  // Marks, tickets and withdrawals read together: a mark whose ticket is missing from this
  // ticket listing is waited for below; marks that start later cannot precede mine.
  let [marks, all, withdrawn] = await Promise.all([entryNames(store, `${prefix}/c`), tickets(store, prefix), entryNames(store, `${prefix}/w`)]);
  const waiting = new Set<string>();
  for (const mark of marks) {
    const match = /^(\d+)_([A-Za-z0-9-]+)$/.exec(mark);
    if (match && match[2] !== id && now() - Number(match[1]) < DEAD_MS) waiting.add(match[2]);
  }
  for (;;) {
    const seen = new Set(all.map((e) => e.id));
    for (const other of waiting) if (seen.has(other)) waiting.delete(other);
    if (waiting.size === 0) break;
    await sleep(POLL_MS);
    [all, withdrawn] = await Promise.all([tickets(store, prefix), entryNames(store, `${prefix}/w`)]);
  }
  const gone = new Set(withdrawn);
  const events = all.filter((e) => !gone.has(e.name));
  if (!events.some((e) => e.name === mine.name)) events.push(mine);
  return { mine, events: events.sort(byOrder) };
}

/** Takes an event back: it no longer counts for anyone who lists after this. */
export async function withdrawEvent(store: Store, prefix: string, event: EventEntry): Promise<void> {
  await store.set(`${prefix}/w/${event.name}/${FILE}`, '');
}

/**
 * Deletes the files of events, tombstones and marks written before `beforeMs` (best
 * effort). On Netlify they vanish from listings; the local server keeps their empty
 * folders, whose names say they are old.
 */
export async function sweepEvents(store: Store, prefix: string, events: EventEntry[], beforeMs: number): Promise<void> {
  const old = events.filter((e) => e.at < beforeMs);
  await Promise.all(
    old.flatMap((e) => [`${prefix}/t/${e.name}/${FILE}`, `${prefix}/w/${e.name}/${FILE}`, `${prefix}/c/${pad(e.at, TIME_DIGITS)}_${e.id}/${FILE}`].map((key) => store.delete(key).catch(() => {}))),
  );
}

/**
 * When an event-space entry (ticket, mark or tombstone file) was written, read from its
 * key; undefined for any other key. For the purge job, which deletes old entries of
 * stores whose keys are events (functions/lib/purge/run.ts).
 */
export function eventTime(key: string): number | undefined {
  const match = /\/[tcw]\/(?:\d+_)?(\d{15})_[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)?\/v$/.exec(key);
  return match ? Number(match[1]) : undefined;
}
