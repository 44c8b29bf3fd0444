/**
 * The open data the build hands to functions/hsds-api.ts and functions/oparl-api.ts
 * (generated/opendata.json): built by the same HsdsExport, hsdsEntries and buildOparl as
 * the static files, from the validated content with the same publication rule, so a
 * filtered answer and a static file never disagree about a record.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ContentSet } from '../load-content.ts';
import { isOfferPublished, todayIn } from '../publication.ts';
import { byTitle } from '../content-order.ts';
import type { HsdsApiData, HsdsResourceName } from './hsds-api.ts';
import type { OparlApiData } from './oparl-api.ts';
import { HsdsExport } from './hsds.ts';
import { hsdsApiData, hsdsEntries as hsdsEntriesOf, type HsdsEntry } from './hsds-api-data.ts';
import { buildOparl } from './oparl.ts';
import { createTimesOf } from './timestamps.ts';

/** generated/opendata.json: the HSDS list records with the facts their filters read, and every OParl list's items. */
export interface OpenData {
  hsds: HsdsApiData;
  oparl: OparlApiData;
}

/** Folders whose git history dates the exported records (see timestamps.ts). */
export const TIMED_FOLDERS = ['content', 'public/uploads'];

/** Size in bytes of a file under `<root>/public` (`/uploads/x.pdf`), if it exists. */
export function publicFileSize(root: string) {
  return (publicPath: string): number | undefined => {
    try {
      return statSync(join(root, 'public', publicPath)).size;
    } catch {
      return undefined;
    }
  };
}

/** The open data and the HSDS entries it came from (their detail answers become files in dist/). */
export interface OpenDataExports {
  openData: OpenData;
  hsdsEntries: Record<HsdsResourceName, HsdsEntry[]>;
}

export function openDataExports(root: string, content: ContentSet, site: URL, instant: Date): OpenDataExports | undefined {
  const settings = content.settings;
  if (!settings) return undefined;
  const timesOf = createTimesOf(root, TIMED_FOLDERS, instant);
  const today = todayIn(instant);
  const hsds = new HsdsExport({
    site,
    instant,
    settings,
    categories: content.categories,
    audiences: content.audiences,
    organisations: content.organisations,
    // In the site's order (site-data.ts): an organisation's services are listed in it.
    offers: content.offers.filter((offer) => isOfferPublished(offer.data, today)).sort(byTitle),
    timesOf,
  });
  const oparl = buildOparl({ site, instant, settings, networks: content.networks, meetings: content.meetings, timesOf, fileSize: publicFileSize(root) });
  const hsdsEntries = hsdsEntriesOf(hsds);
  return {
    openData: { hsds: hsdsApiData(hsdsEntries), oparl: { site: site.href, lists: Object.fromEntries(oparl.lists) } },
    hsdsEntries,
  };
}

// On globalThis, not in a module variable: Astro bundles this module twice (once for the
// integrations, once into the prerendered pages) and a build runs both in one process.
const HELD_KEY = Symbol.for('quartiersnetz.hsdsEntries');
type HeldEntries = Map<string, { site: string; today: string; entries: OpenDataExports['hsdsEntries'] }>;
const heldEntries = ((globalThis as Record<symbol, unknown>)[HELD_KEY] ??= new Map()) as HeldEntries;

/**
 * Hands the HSDS entries a build made for generated/opendata.json to its pages (the
 * static lists, /daten/), so the export is not made a second time (issue 17); `undefined`
 * takes them back once the build is done. For builds only: content does not change then.
 */
export function holdHsdsEntries(root: string, held?: { site: URL; instant: Date; entries: OpenDataExports['hsdsEntries'] }): void {
  if (held) heldEntries.set(resolve(root), { site: held.site.href, today: todayIn(held.instant), entries: held.entries });
  else heldEntries.delete(resolve(root));
}

/** The entries held for `root`, if they were made for the same site address and day. */
export function heldHsdsEntries(root: string, site: URL, today: string): OpenDataExports['hsdsEntries'] | undefined {
  const held = heldEntries.get(resolve(root));
  return held && held.site === site.href && held.today === today ? held.entries : undefined;
}

export function buildOpenData(root: string, content: ContentSet, site: URL, instant: Date): OpenData | undefined {
  return openDataExports(root, content, site, instant)?.openData;
}
