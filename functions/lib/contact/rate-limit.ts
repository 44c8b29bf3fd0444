/**
 * Per-IP limit inside the function, on top of Netlify's `config.rateLimit` (which only
 * exists in production and counts requests, not accepted messages). A sliding window
 * per IP in Blobs, updated with compare-and-swap (ETag), so concurrent requests count
 * correctly (on Netlify; the local Blobs server checks and writes non-atomically).
 * IPs are stored only as keyed hashes (HMAC, personal-keys.ts). If Blobs is unreachable the check lets the
 * message through: losing a resident's message is worse than one spam mail.
 */
import { personalKey } from '../personal-keys.ts';
import { readForUpdate, store } from '../stores.ts';

/** Five messages per ten minutes: plenty for a person, useless for a spammer. */
export const DEFAULT_LIMIT = { count: 5, windowMs: 10 * 60_000 };

export function rateLimitConfig(): { count: number; windowMs: number } {
  // QN_CONTACT_RATE_LIMIT="5/600" (messages/seconds) adjusts it per deploy.
  const match = /^(\d+)\/(\d+)$/.exec(process.env.QN_CONTACT_RATE_LIMIT ?? '');
  return match ? { count: Number(match[1]), windowMs: Number(match[2]) * 1000 } : DEFAULT_LIMIT;
}

export function ipKey(ip: string): string {
  return `ip/${personalKey('ip', ip).slice(0, 32)}`;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export async function takeRateSlot(ip: string, nowMs = Date.now()): Promise<RateDecision> {
  const { count, windowMs } = rateLimitConfig();
  const key = ipKey(ip);
  try {
    const blobs = store('contact-rate');
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await readForUpdate<{ hits?: number[] }>(blobs, key);
      const hits = (current?.data.hits ?? []).filter((at) => at > nowMs - windowMs);
      if (hits.length >= count) return { allowed: false, retryAfterMs: Math.max(1000, hits[0] + windowMs - nowMs) };
      hits.push(nowMs);
      const written = current
        ? await blobs.setJSON(key, { hits }, { onlyIfMatch: current.etag })
        : await blobs.setJSON(key, { hits }, { onlyIfNew: true });
      if (written.modified) return { allowed: true };
    }
    // Five lost races in a row: a burst from this IP, which is what the limit is for.
    return { allowed: false, retryAfterMs: 60_000 };
  } catch (error) {
    console.error('contact rate limit unavailable, letting the message through:', error);
    return { allowed: true };
  }
}
