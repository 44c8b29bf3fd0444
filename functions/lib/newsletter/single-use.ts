/**
 * Confirmation links work once. The first POST claims the token with a write that
 * succeeds only if new (store `newsletter-tokens`), so a replayed or double-clicked link
 * cannot confirm twice; if recording the subscription then fails, the claim is released
 * and the same link can be tried again.
 */
import { createHash } from 'node:crypto';
import { store } from '../stores.ts';

export const TOKENS_STORE = 'newsletter-tokens';

function tokenKey(token: string): string {
  return `confirm/${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

/** True if this call is the first use of the token. */
export async function claimToken(token: string, at: string): Promise<boolean> {
  const result = await store(TOKENS_STORE).setJSON(tokenKey(token), { usedAt: at }, { onlyIfNew: true });
  return result.modified;
}

export async function releaseToken(token: string): Promise<void> {
  await store(TOKENS_STORE).delete(tokenKey(token));
}

export async function isTokenUsed(token: string): Promise<boolean> {
  return (await store(TOKENS_STORE).get(tokenKey(token))) !== null;
}
