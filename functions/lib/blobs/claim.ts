/**
 * Claims on ordered events (events.ts): the holder of `prefix` is its earliest live
 * event. `onlyIfNew`-style claims (a confirmation link, a mail per period) never expire;
 * a lease expires after `leaseMs`, so a holder that crashed is taken over by the next
 * contender. A losing contender withdraws its event, so it never becomes holder later
 * without asking again. No atomic compare-and-swap is involved.
 */
import type { Store } from '@netlify/blobs';
import { appendEvent, withdrawEvent, type EventEntry } from './events.ts';

export interface Claim {
  entry: EventEntry;
  /** Gives the claim back: the next contender may take it. */
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** Omitted: the claim never expires (first wins for good). */
  leaseMs?: number;
  /**
   * The clock that judges leases (default: the real one). The order of events never
   * depends on it; a job that runs on a schedule's notion of "now" passes it here.
   */
  clock?: () => number;
}

const FOREVER = 'forever';

export async function claim(store: Store, prefix: string, options: ClaimOptions = {}): Promise<Claim | undefined> {
  const clock = options.clock ?? Date.now;
  // Until when the lease runs travels in the event's name: no read needed to judge it.
  const tag = options.leaseMs === undefined ? FOREVER : String(clock() + options.leaseMs);
  const { mine, events } = await appendEvent(store, prefix, { tag });
  const live = (e: EventEntry) => e.name === mine.name || e.tag === FOREVER || Number(e.tag) > clock();
  const holder = events.find(live);
  if (holder?.name === mine.name) return { entry: mine, release: () => withdrawEvent(store, prefix, mine) };
  await withdrawEvent(store, prefix, mine);
  return undefined;
}
