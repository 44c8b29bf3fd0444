/**
 * Sliding-window limits for "Link anfordern" in Blobs, keyed by salted hashes (no IPs or
 * addresses stored in clear). Kept in one module so the shared Blobs concurrency module
 * can replace it.
 */
import { createHash } from 'node:crypto';
import { readForUpdate, store } from '../stores.ts';

export const THROTTLE_STORE = 'partner-throttle';

export function hashedKey(kind: string, value: string): string {
  const salt = process.env.QN_RATE_LIMIT_SALT ?? 'quartiersnetz-partner';
  return `${kind}/${createHash('sha256').update(`${salt}:${kind}:${value}`).digest('hex').slice(0, 32)}`;
}

/** Counts one request under `key`; false when the window is full. Lets through when Blobs is down. */
export async function takeSlot(key: string, limit: { count: number; windowMs: number }, nowMs = Date.now()): Promise<boolean> {
  try {
    const blobs = store(THROTTLE_STORE);
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await readForUpdate<{ hits?: number[] }>(blobs, key);
      const hits = (current?.data.hits ?? []).filter((at) => at > nowMs - limit.windowMs);
      if (hits.length >= limit.count) return false;
      hits.push(nowMs);
      const written = current ? await blobs.setJSON(key, { hits }, { onlyIfMatch: current.etag }) : await blobs.setJSON(key, { hits }, { onlyIfNew: true });
      if (written.modified) return true;
    }
    return false;
  } catch (error) {
    console.error('partner: throttle store unavailable:', (error as Error).message);
    return true;
  }
}
