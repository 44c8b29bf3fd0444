/**
 * Claims on ordered events (events.ts): the holder of `prefix` is its earliest live
 * event. `onlyIfNew`-style claims (a confirmation link, a mail per period) never expire;
 * a lease expires after `leaseMs`, so a holder that crashed is taken over by the next
 * contender. A losing contender withdraws its event, so it never becomes holder later
 * without asking again. No atomic compare-and-swap is involved (see events.ts).
 */
import type { Store } from '@netlify/blobs';
import { appendEvent, type EventEntry } from './events.ts';

export interface Claim {
  entry: EventEntry;
  /** Gives the claim back: the next contender may take it. */
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** Omitted: the claim never expires (first wins for good). */
  leaseMs?: number;
  /**
   * The clock that judges leases (default: the real one). The order of events always
   * uses the real clock; a job that runs on a schedule's notion of "now" passes it here.
   */
  clock?: () => number;
}

/** Stored in each event: until when its lease runs. */
interface LeaseValue {
  until?: number;
}

export async function claim(store: Store, prefix: string, options: ClaimOptions = {}): Promise<Claim | undefined> {
  const clock = options.clock ?? Date.now;
  const until = options.leaseMs === undefined ? undefined : clock() + options.leaseMs;
  const { mine, events } = await appendEvent(store, prefix, { value: { until } satisfies LeaseValue });
  const live: EventEntry[] = [];
  for (const e of events) {
    if (e.key === mine.key) {
      live.push(e);
      break;
    }
    const value = (await store.get(e.key, { type: 'json' })) as LeaseValue | null;
    // Gone means released; an expired lease belongs to a holder that will never release.
    if (value && (value.until === undefined || value.until > clock())) live.push(e);
  }
  if (live[0]?.key === mine.key) {
    // Holders whose lease ran out will never release: clear them away.
    const before = events.slice(0, events.findIndex((e) => e.key === mine.key));
    await Promise.all(before.filter((e) => !live.includes(e)).map((e) => store.delete(e.key).catch(() => {})));
    return { entry: mine, release: () => store.delete(mine.key) };
  }
  await store.delete(mine.key);
  return undefined;
}

/** True if someone holds (or held, for claims without lease) `prefix`. */
export async function isClaimed(store: Store, prefix: string): Promise<boolean> {
  const { blobs } = await store.list({ prefix: `${prefix}/` });
  return blobs.length > 0;
}
