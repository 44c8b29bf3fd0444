/**
 * Where the weekly link check keeps its result: one JSON document in a Blobs store,
 * read by the health report (build), the digest and the next check (failure streaks).
 */
import type { Store } from '@netlify/blobs';
import type { LinkReport } from '../../../src/lib/health/types.ts';

export const LINK_STORE = 'link-check';
const LATEST = 'latest';

export async function readLinkReport(store: Store): Promise<LinkReport | undefined> {
  const value = (await store.get(LATEST, { type: 'json' })) as LinkReport | null;
  return value && Array.isArray(value.results) ? value : undefined;
}

export async function writeLinkReport(store: Store, report: LinkReport): Promise<void> {
  await store.setJSON(LATEST, report);
}
