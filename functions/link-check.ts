/**
 * Checks every external link the site carries once a week and keeps the result in
 * Netlify Blobs, where the health report, the office digest and the next run read it.
 * It runs daily and checks only links whose result is older than six days: Netlify
 * stops scheduled functions after 30 s, so a long list is spread over several days
 * instead of being cut off.
 */
import type { Config } from '@netlify/functions';
import { readGenerated, siteFacts } from './lib/generated.ts';
import { GENERATED_FILES } from '../src/lib/generated-files.ts';
import { runLinkCheck } from './lib/links/run.ts';
import { LINK_STORE } from './lib/links/results.ts';
import { store } from './lib/stores.ts';

export default async (): Promise<Response> => {
  const health = readGenerated(GENERATED_FILES.health);
  let site = '';
  try {
    site = siteFacts().url;
  } catch {
    // Without site facts the checker still identifies itself, just without an address.
  }
  const started = new Date();
  const report = await runLinkCheck(health, store(LINK_STORE), {
    userAgent: `Quartiersnetz-Linkpruefung/1.0${site ? ` (+${site})` : ''}`,
    timeoutMs: 8_000,
    // Netlify stops scheduled functions after 30 s; what is left waits for the next run.
    budgetMs: 26_000,
    freshForMs: 6 * 24 * 60 * 60 * 1000,
  });
  const checked = report.results.filter((r) => Date.parse(r.checkedAt) >= started.getTime()).length;
  const failed = report.results.filter((r) => !r.ok).length;
  const pending = report.unchecked?.length ?? 0;
  console.log(`link-check: ${checked} links checked now, ${failed} failing, ${pending} left for the next run`);
  return Response.json({ checked, failed, pending });
};

// 04:00 UTC, before the daily rebuild and the Monday digest read the result.
export const config: Config = { schedule: '0 4 * * *' };
