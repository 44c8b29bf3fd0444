/**
 * What the pages read: the collections with the publication rules applied once, and the
 * relations the content model leaves to be derived (a network's members, an
 * organisation's offers). Pages never filter drafts or expired offers themselves.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { now } from './clock.ts';
import { isMeetingUpcoming, isOfferPublished, todayIn } from './publication.ts';

export type OfferEntry = CollectionEntry<'offers'>;
export type OrganisationEntry = CollectionEntry<'organisations'>;
export type NetworkEntry = CollectionEntry<'networks'>;
export type MeetingEntry = CollectionEntry<'meetings'>;
export type NewsEntry = CollectionEntry<'news'>;
export type PageEntry = CollectionEntry<'pages'>;

/** The instant this build judges "now" by (fixed by QN_NOW in tests). */
export const buildInstant = now();
export const buildToday = todayIn(buildInstant);

const byTitle = (a: { data: { title: string } }, b: { data: { title: string } }) => a.data.title.localeCompare(b.data.title, 'de');

export async function getSettings() {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('content/settings/site.yml fehlt.');
  return entry.data;
}

export async function getCategories() {
  return (await getCollection('categories')).map((e) => e.data);
}

export async function getAudiences() {
  return (await getCollection('audiences')).map((e) => e.data);
}

export async function getOffers(): Promise<OfferEntry[]> {
  return (await getCollection('offers', (e) => isOfferPublished(e.data, buildToday))).sort(byTitle);
}

export async function getOrganisations(): Promise<OrganisationEntry[]> {
  return (await getCollection('organisations')).sort((a, b) => a.data.name.localeCompare(b.data.name, 'de'));
}

export async function getNetworks(): Promise<NetworkEntry[]> {
  return (await getCollection('networks')).sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || byTitle(a, b));
}

/** All meetings, newest first. */
export async function getMeetings(): Promise<MeetingEntry[]> {
  return (await getCollection('meetings')).sort((a, b) => Date.parse(b.data.starts_at) - Date.parse(a.data.starts_at));
}

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
export async function getNews(): Promise<NewsEntry[]> {
  return (await getCollection('news')).sort((a, b) => b.data.date.localeCompare(a.data.date) || byTitle(a, b));
}

export async function getPages(): Promise<PageEntry[]> {
  return (await getCollection('pages')).sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || byTitle(a, b));
}

/** An empty network list means "all networks" (content model). */
export function appliesToNetwork(networks: readonly string[] | undefined, networkId: string): boolean {
  return !networks || networks.length === 0 || networks.includes(networkId);
}

export async function getNetworkMembers(networkId: string): Promise<OrganisationEntry[]> {
  return (await getOrganisations()).filter((o) => o.data.networks?.includes(networkId));
}

export async function getOffersByProvider(organisationId: string): Promise<OfferEntry[]> {
  return (await getOffers()).filter((o) => o.data.provider === organisationId);
}

/** Lookup tables for rendering references by slug. */
export async function getLookups() {
  const [organisations, networks, categories, audiences] = await Promise.all([getOrganisations(), getNetworks(), getCategories(), getAudiences()]);
  return {
    organisations: new Map(organisations.map((o) => [o.id, o])),
    networks: new Map(networks.map((n) => [n.id, n])),
    categories: new Map(categories.map((c) => [c.slug, c])),
    audiences: new Map(audiences.map((a) => [a.slug, a])),
  };
}
