/**
 * Confirmation links work once, and a confirmation that was interrupted can be finished
 * with the same link.
 *
 * The marker (store `newsletter-tokens`) is keyed by an HMAC of the signed payload
 * (token.ts `signed`), so every spelling of one link hits the same marker. It has two
 * states:
 * - `confirming`: a run owns the confirmation until `leaseUntil`. The steps after it
 *   (proof record, up to seven Resend calls) are idempotent, so if the run dies, the next
 *   click after the lease takes over and finishes them with the first click's time.
 * - `used`: done; every later click is told so.
 * A run that fails gives its claim back at once, so the same link works again; a stale
 * run can never give back a claim another run has taken over.
 *
 * Markers are only needed while the link is valid: the purge job deletes them after
 * RETENTION.confirmTokens (src/lib/retention.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { personalKey } from '../personal-keys.ts';
import { store } from '../stores.ts';
import { readVersioned as readForUpdate } from '../blobs/cas.ts';

export const TOKENS_STORE = 'newsletter-tokens';
/** Longer than any function may run on Netlify (26 s), so a live run never loses its claim. */
export const CONFIRM_LEASE_MS = 60_000;

export type TokenMarker =
  | { state: 'confirming'; owner: string; leaseUntil: string; confirmedAt: string }
  | { state: 'used'; confirmedAt: string };

export type Claim = { kind: 'claimed'; owner: string; confirmedAt: string; resumed: boolean } | { kind: 'used' } | { kind: 'busy' };

export function markerKey(signed: string): string {
  return `confirm/${personalKey('confirm-token', signed)}`;
}

/** Markers written before the payload-keyed ones: SHA-256 of the link as it was clicked. */
function legacyKey(token: string): string {
  return `confirm/${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

/**
 * Claims the confirmation of `signed` (token `token`, canonical spelling). Of any number
 * of concurrent clicks exactly one gets `claimed`; the others get `busy` until the
 * claim's lease runs out, then one of them takes it over (`resumed`).
 */
export async function claimToken(signed: string, token: string, at: Date = new Date()): Promise<Claim> {
  const blobs = store(TOKENS_STORE);
  const key = markerKey(signed);
  if ((await blobs.get(legacyKey(token))) !== null) return { kind: 'used' };
  const owner = randomUUID();
  const leaseUntil = new Date(at.getTime() + CONFIRM_LEASE_MS).toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readForUpdate<TokenMarker>(blobs, key);
    if (!current) {
      const confirmedAt = at.toISOString();
      const marker: TokenMarker = { state: 'confirming', owner, leaseUntil, confirmedAt };
      if ((await blobs.setJSON(key, marker, { onlyIfNew: true })).modified) return { kind: 'claimed', owner, confirmedAt, resumed: false };
      continue;
    }
    const marker = current.data;
    if (marker.state === 'used') return { kind: 'used' };
    if (Date.parse(marker.leaseUntil) > at.getTime()) return { kind: 'busy' };
    const takeover: TokenMarker = { state: 'confirming', owner, leaseUntil, confirmedAt: marker.confirmedAt };
    if ((await blobs.setJSON(key, takeover, { onlyIfMatch: current.etag })).modified) return { kind: 'claimed', owner, confirmedAt: marker.confirmedAt, resumed: true };
  }
  return { kind: 'busy' };
}

/** Every step is done: the link is used for good. */
export async function finishToken(signed: string, confirmedAt: string): Promise<void> {
  const marker: TokenMarker = { state: 'used', confirmedAt };
  await store(TOKENS_STORE).setJSON(markerKey(signed), marker);
}

/** Gives a failed run's claim back, unless another run has taken it over meanwhile. */
export async function releaseToken(signed: string, owner: string): Promise<void> {
  const blobs = store(TOKENS_STORE);
  const key = markerKey(signed);
  const current = await readForUpdate<TokenMarker>(blobs, key);
  if (current?.data.state !== 'confirming' || current.data.owner !== owner) return;
  await blobs.setJSON(key, { ...current.data, leaseUntil: new Date(0).toISOString() }, { onlyIfMatch: current.etag });
}

export async function markerState(signed: string, token: string): Promise<TokenMarker['state'] | 'legacy-used' | undefined> {
  const blobs = store(TOKENS_STORE);
  if ((await blobs.get(legacyKey(token))) !== null) return 'legacy-used';
  const marker = (await blobs.get(markerKey(signed), { type: 'json' })) as TokenMarker | null;
  return marker?.state;
}
