/** Naming entries the same way everywhere: title, CMS link, public address. */
import type { Entry } from '../load-content.ts';
import type { CollectionName, EntryRef } from './types.ts';

type Titled = { title?: string; name?: string };

export function refOf(collection: Exclude<CollectionName, 'settings' | 'uploads'>, entry: Entry<Titled>): EntryRef {
  return { collection, id: entry.id, file: entry.file, title: entry.data.name ?? entry.data.title ?? entry.id };
}

/** Deep link into Decap CMS for one entry; collections there are named like the content folders. */
export function cmsPath(ref: Pick<EntryRef, 'collection' | 'id'>): string | undefined {
  if (ref.collection === 'uploads') return '/admin/#/media';
  if (ref.collection === 'settings') return '/admin/#/collections/settings/entries/site';
  // Taxonomy findings carry `<file>/<slug>`: the CMS edits the whole list file.
  if (ref.collection === 'taxonomies') return `/admin/#/collections/taxonomies/entries/${ref.id.split('/')[0]}`;
  return `/admin/#/collections/${ref.collection}/entries/${ref.id}`;
}

const SITE_PREFIX: Record<Exclude<CollectionName, 'settings' | 'taxonomies' | 'uploads'>, string> = {
  networks: '/netzwerke/',
  organisations: '/organisationen/',
  offers: '/angebote/',
  meetings: '/archiv/',
  news: '/aktuelles/',
  pages: '/',
};

/** Public address of an entry's page (drafts and expired offers have none, but the path is still its name). */
export function sitePath(ref: Pick<EntryRef, 'collection' | 'id'>): string | undefined {
  if (ref.collection === 'uploads') return ref.id;
  if (ref.collection === 'settings' || ref.collection === 'taxonomies') return undefined;
  return `${SITE_PREFIX[ref.collection]}${ref.id}/`;
}
