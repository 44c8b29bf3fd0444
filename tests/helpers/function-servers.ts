/**
 * The `netlify serve` configurations the function tests share (tests/helpers/netlify-serve.ts
 * starts each once per run). Under `netlify serve` every test request comes from one client
 * (loopback), so per-client limits are a property of the server:
 * - `functions-open`: limits raised far out of the way, for hostile suites, double posts
 *   and the 200-message run;
 * - `functions-limit-5`: contact and subscribe limited to 5 per ten minutes, for bursts.
 */
import { netlifyServe, type ServedSite } from './netlify-serve.ts';

export const OPEN = { name: 'functions-open', env: { QN_CONTACT_RATE_LIMIT: '100000/600', QN_SUBSCRIBE_RATE_LIMIT: '100000/600' } };
export const LIMIT_5 = { name: 'functions-limit-5', env: { QN_CONTACT_RATE_LIMIT: '5/600', QN_SUBSCRIBE_RATE_LIMIT: '5/600' } };

export const openServer = (): Promise<ServedSite> => netlifyServe(OPEN);
export const limitedServer = (): Promise<ServedSite> => netlifyServe(LIMIT_5);

/**
 * Polls `count` until it reaches `expected` or stops changing for `quietMs`: invocations
 * the local tooling timed out keep running and may still send their mail.
 */
export async function settledCount(count: () => Promise<number>, expected: number, quietMs = 20_000, limitMs = 120_000): Promise<number> {
  const started = Date.now();
  let last = await count();
  let changed = Date.now();
  while (last !== expected && Date.now() - changed < quietMs && Date.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = await count();
    if (now !== last) changed = Date.now();
    last = now;
  }
  return last;
}

/** Runs `task` for 0..count-1, at most `concurrency` at a time, keeping the order of results. */
export async function inBatches<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}
