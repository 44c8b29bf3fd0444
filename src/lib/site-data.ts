/**
 * What the pages read: the collections with the publication rules applied once, and the
 * relations the content model leaves to be derived (a network's members, an
 * organisation's offers). Pages never filter drafts or expired offers themselves.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { now } from './clock.ts';
import { isMeetingUpcoming, isOfferPublished, todayIn } from './publication.ts';
import { byTitle, german } from './content-order.ts';

export type OfferEntry = CollectionEntry<'offers'>;
export type OrganisationEntry = CollectionEntry<'organisations'>;
export type NetworkEntry = CollectionEntry<'networks'>;
export type MeetingEntry = CollectionEntry<'meetings'>;
export type NewsEntry = CollectionEntry<'news'>;
export type PageEntry = CollectionEntry<'pages'>;

/** The instant this build judges "now" by (fixed by QN_NOW in tests). */
export const buildInstant = now();
export const buildToday = todayIn(buildInstant);


/**
 * During a build the content does not change, so each list is read, filtered and sorted
 * once instead of on every one of thousands of pages (issue 17); callers get their own
 * copy of the array. The dev server reads afresh on every call, so edits show at once.
 */
function oncePerBuild<T>(read: () => Promise<T[]>): () => Promise<T[]> {
  if (import.meta.env.DEV) return read;
  let cached: Promise<T[]> | undefined;
  return async () => [...(await (cached ??= read()))];
}

async function readSettings() {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('content/settings/site.yml fehlt.');
  return entry.data;
}

// Every page reads the settings; the store hands out a fresh copy on each call (issue 17).
let settings: ReturnType<typeof readSettings> | undefined;
export function getSettings(): ReturnType<typeof readSettings> {
  if (import.meta.env.DEV) return readSettings();
  return (settings ??= readSettings());
}

export const getCategories = oncePerBuild(async () => (await getCollection('categories')).map((e) => e.data));

export const getAudiences = oncePerBuild(async () => (await getCollection('audiences')).map((e) => e.data));

export const getOffers = oncePerBuild(async (): Promise<OfferEntry[]> => (await getCollection('offers', (e) => isOfferPublished(e.data, buildToday))).sort(byTitle));

export const getOrganisations = oncePerBuild(async (): Promise<OrganisationEntry[]> => (await getCollection('organisations')).sort((a, b) => german.compare(a.data.name, b.data.name)));

export const getNetworks = oncePerBuild(async (): Promise<NetworkEntry[]> => (await getCollection('networks')).sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || byTitle(a, b)));

/** All meetings, newest first. */
export const getMeetings = oncePerBuild(async (): Promise<MeetingEntry[]> => (await getCollection('meetings')).sort((a, b) => Date.parse(b.data.starts_at) - Date.parse(a.data.starts_at)));

export async function getUpcomingMeetings(networkId?: string): Promise<MeetingEntry[]> {
  return (await getMeetings())
    .filter((m) => isMeetingUpcoming(m.data, buildInstant))
    .filter((m) => !networkId || appliesToNetwork(m.data.networks, networkId))
    .reverse();
}

export async function getPastMeetings(): Promise<MeetingEntry[]> {
  return (await getMeetings()).filter((m) => !isMeetingUpcoming(m.data, buildInstant));
}

/** News, newest first. */
export const getNews = oncePerBuild(async (): Promise<NewsEntry[]> => (await getCollection('news')).sort((a, b) => b.data.date.localeCompare(a.data.date) || byTitle(a, b)));

export const getPages = oncePerBuild(async (): Promise<PageEntry[]> => (await getCollection('pages')).sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || byTitle(a, b)));

/** An empty network list means "all networks" (content model). */
export function appliesToNetwork(networks: readonly string[] | undefined, networkId: string): boolean {
  return !networks || networks.length === 0 || networks.includes(networkId);
}

export async function getNetworkMembers(networkId: string): Promise<OrganisationEntry[]> {
  return (await getOrganisations()).filter((o) => o.data.networks?.includes(networkId));
}

const offersByProvider = oncePerBuild(async () => {
  const map = new Map<string, OfferEntry[]>();
  for (const offer of await getOffers()) map.set(offer.data.provider, [...(map.get(offer.data.provider) ?? []), offer]);
  return [map];
});

/** An organisation's published offers, by title (a map built once, not a scan per page). */
export async function getOffersByProvider(organisationId: string): Promise<OfferEntry[]> {
  const [map] = await offersByProvider();
  return [...(map.get(organisationId) ?? [])];
}

const lookups = oncePerBuild(async () => {
  const [organisations, networks, categories, audiences] = await Promise.all([getOrganisations(), getNetworks(), getCategories(), getAudiences()]);
  return [
    {
      organisations: new Map(organisations.map((o) => [o.id, o])),
      networks: new Map(networks.map((n) => [n.id, n])),
      categories: new Map(categories.map((c) => [c.slug, c])),
      audiences: new Map(audiences.map((a) => [a.slug, a])),
    },
  ];
});

/** Lookup tables for rendering references by slug (read-only: shared by every page of a build). */
export async function getLookups() {
  return (await lookups())[0];
}
