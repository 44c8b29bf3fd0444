/**
 * Sliding-window limits for "Link anfordern", keyed by salted hashes (no IPs or addresses
 * stored in clear), on the shared ordered-events window (functions/lib/blobs/window.ts).
 */
import { createHash } from 'node:crypto';
import { admitInWindow } from '../blobs/window.ts';
import { store } from '../stores.ts';

export const THROTTLE_STORE = 'partner-throttle';

export function hashedKey(kind: string, value: string): string {
  const salt = process.env.QN_RATE_LIMIT_SALT ?? 'quartiersnetz-partner';
  return `${kind}/${createHash('sha256').update(`${salt}:${kind}:${value}`).digest('hex').slice(0, 32)}`;
}

/** Counts one request under `key`; false when the window is full. Lets through when Blobs is down. */
export async function takeSlot(key: string, limit: { count: number; windowMs: number }, nowMs = Date.now()): Promise<boolean> {
  try {
    const decision = await admitInWindow(store(THROTTLE_STORE), key, { limit: limit.count, windowMs: limit.windowMs }, { now: () => nowMs });
    return decision.admitted;
  } catch (error) {
    console.error('partner: throttle store unavailable:', (error as Error).message);
    return true;
  }
}
