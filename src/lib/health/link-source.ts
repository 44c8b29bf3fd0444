/**
 * The last link-check result for builds and the CLI: read from Netlify Blobs when the
 * environment provides them (a Netlify build, `netlify dev`, tests), else none. A build
 * must never fail because Blobs are unreachable, so every error means "no result".
 */
import type { LinkReport } from './types.ts';

export const LINK_STORE = 'link-check';

export async function readLinkReportFromEnvironment(): Promise<LinkReport | undefined> {
  if (!process.env.NETLIFY_BLOBS_CONTEXT && !(globalThis as { netlifyBlobsContext?: unknown }).netlifyBlobsContext) return undefined;
  try {
    const { getStore } = await import('@netlify/blobs');
    const value = (await getStore({ name: LINK_STORE, consistency: 'strong' }).get('latest', { type: 'json' })) as LinkReport | null;
    return value && Array.isArray(value.results) ? value : undefined;
  } catch {
    return undefined;
  }
}
