/**
 * The content the exports publish, read once per build through the site's own
 * collections (so drafts and expired offers stay out exactly as on the pages), plus the
 * file times from git. Astro-only: the mapping modules beside it are plain functions.
 */
import {
  buildInstant,
  buildToday,
  getAudiences,
  getCategories,
  getMeetings,
  getNetworks,
  getNews,
  getOffers,
  getOrganisations,
  getSettings,
} from '../site-data.ts';
import { MARKDOWN_COLLECTIONS } from '../../schema/index.ts';
import { HsdsExport } from './hsds.ts';
import { hsdsEntries, type HsdsEntry } from './hsds-api-data.ts';
import type { HsdsResourceName } from './hsds-api.ts';
import type { JsonLdContext } from './jsonld.ts';
import { buildOparl, type OparlExport } from './oparl.ts';
import { createTimesOf, type TimesOf } from './timestamps.ts';
import { heldHsdsEntries, publicFileSize, TIMED_FOLDERS } from './open-data.ts';

/** The site's address: Astro's `site` (from `URL` on Netlify), as Astro exposes it to modules. */
export function siteUrl(site?: URL): URL {
  const value = site ?? import.meta.env.SITE;
  if (!value) throw new Error('astro.config.mjs: `site` fehlt; die Exporte brauchen absolute Adressen.');
  return new URL(String(value));
}

let times: TimesOf | undefined;

/** File times for `content/…` and `public/uploads/…` paths. */
export function timesOf(path: string) {
  times ??= createTimesOf(process.cwd(), TIMED_FOLDERS, buildInstant);
  return times(path);
}

export const contentPath = (collection: keyof typeof MARKDOWN_COLLECTIONS, id: string) => `${MARKDOWN_COLLECTIONS[collection].folder}/${id}.md`;

async function loadAll() {
  const [settings, categories, audiences, organisations, offers, networks, meetings, news] = await Promise.all([
    getSettings(),
    getCategories(),
    getAudiences(),
    getOrganisations(),
    getOffers(),
    getNetworks(),
    getMeetings(),
    getNews(),
  ]);
  return { settings, categories, audiences, organisations, offers, networks, meetings, news };
}

let all: ReturnType<typeof loadAll> | undefined;
export function exportContent() {
  all ??= loadAll();
  return all;
}

let hsds: Promise<HsdsExport> | undefined;
export function getHsdsExport(): Promise<HsdsExport> {
  hsds ??= exportContent().then(
    (c) =>
      new HsdsExport({
        site: siteUrl(),
        instant: buildInstant,
        settings: c.settings,
        categories: c.categories,
        audiences: c.audiences,
        organisations: c.organisations,
        offers: c.offers,
        timesOf,
      }),
  );
  return hsds;
}

let entries: Promise<Record<HsdsResourceName, HsdsEntry[]>> | undefined;
/**
 * The HSDS API's resources: list records and detail answers (see hsds-api-data.ts). In a
 * build, the ones the function-data integration made from the same content for
 * generated/opendata.json (the same HsdsExport and publication rule), so the static lists
 * and the functions' answers come from one export.
 */
export function getHsdsEntries(): Promise<Record<HsdsResourceName, HsdsEntry[]>> {
  if (!entries) {
    const held = import.meta.env.DEV ? undefined : heldHsdsEntries(process.cwd(), siteUrl(), buildToday);
    entries = held ? Promise.resolve(held) : getHsdsExport().then(hsdsEntries);
  }
  return entries;
}

let oparl: Promise<OparlExport> | undefined;
export function getOparlExport(): Promise<OparlExport> {
  oparl ??= exportContent().then((c) =>
    buildOparl({
      site: siteUrl(),
      instant: buildInstant,
      settings: c.settings,
      networks: c.networks,
      meetings: c.meetings,
      timesOf,
      fileSize: publicFileSize(process.cwd()),
    }),
  );
  return oparl;
}

export async function getJsonLdContext(): Promise<JsonLdContext> {
  const c = await exportContent();
  return {
    site: siteUrl(),
    settings: c.settings,
    organisations: new Map(c.organisations.map((o) => [o.id, o])),
    networks: new Map(c.networks.map((n) => [n.id, n])),
    categories: new Map(c.categories.map((term) => [term.slug, term])),
    audiences: new Map(c.audiences.map((term) => [term.slug, term])),
  };
}
