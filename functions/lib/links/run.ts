/**
 * One link-check run: the work list comes from the build (generated/health.json), the
 * previous result from Blobs (failure streaks), the new result goes back to Blobs.
 */
import type { Store } from '@netlify/blobs';
import type { HealthReport } from '../../../src/lib/health/index.ts';
import type { LinkReport } from '../../../src/lib/health/types.ts';
import { checkLinks, type CheckOptions } from './check.ts';
import { readLinkReport, writeLinkReport } from './results.ts';

export async function runLinkCheck(health: Pick<HealthReport, 'externalLinks'>, store: Store, options: CheckOptions = {}): Promise<LinkReport> {
  const urls = [...new Set(health.externalLinks.map((use) => use.url))];
  const previous = await readLinkReport(store);
  const report = await checkLinks(urls, { previous, ...options });
  await writeLinkReport(store, report);
  return report;
}
