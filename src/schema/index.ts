/**
 * The content model in one place: which collection lives where, in which format, under
 * which schema. Used by src/content.config.ts (the site), the loader behind
 * `npm run check`, the CMS config and the tests.
 */
import { z } from 'zod';
import { meetingSchema } from './meeting.ts';
import { networkSchema } from './network.ts';
import { newsSchema } from './news.ts';
import { offerSchema } from './offer.ts';
import { organisationSchema } from './organisation.ts';
import { pageSchema } from './page.ts';
import { settingsSchema } from './settings.ts';
import { taxonomyTermSchema } from './taxonomy.ts';

export const CONTENT_DIR = 'content';

/** Markdown files with YAML front matter, one entry per file; file name = slug. */
export const MARKDOWN_COLLECTIONS = {
  networks: { folder: 'content/networks', schema: networkSchema, label: 'Netzwerk', labelPlural: 'Netzwerke' },
  organisations: { folder: 'content/organisations', schema: organisationSchema, label: 'Organisation', labelPlural: 'Organisationen' },
  offers: { folder: 'content/offers', schema: offerSchema, label: 'Angebot', labelPlural: 'Angebote' },
  meetings: { folder: 'content/meetings', schema: meetingSchema, label: 'Treffen', labelPlural: 'Treffen' },
  news: { folder: 'content/news', schema: newsSchema, label: 'Meldung', labelPlural: 'Aktuelles' },
  pages: { folder: 'content/pages', schema: pageSchema, label: 'Seite', labelPlural: 'Seiten' },
} as const;

/** YAML files holding a list of terms at the root. */
export const TAXONOMY_COLLECTIONS = {
  categories: { file: 'content/taxonomies/categories.yml', schema: taxonomyTermSchema, label: 'Thema', labelPlural: 'Themen' },
  audiences: { file: 'content/taxonomies/audiences.yml', schema: taxonomyTermSchema, label: 'Zielgruppe', labelPlural: 'Zielgruppen' },
} as const;

export const SETTINGS_FILE = 'content/settings/site.yml';

export type MarkdownCollection = keyof typeof MARKDOWN_COLLECTIONS;
export type TaxonomyCollection = keyof typeof TAXONOMY_COLLECTIONS;

/**
 * "An empty string is treated as left out" (content model): Decap writes `''` for a
 * cleared text field and `null` for a cleared list, so both are dropped before validation.
 */
export function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry === '' || entry === null || entry === undefined) continue;
      result[key] = dropEmpty(entry);
    }
    return result;
  }
  return value;
}

/** Wraps a schema so that empty values are dropped first (what content.config.ts uses). */
export const withEmptyDropped = <T extends z.ZodType>(schema: T) => z.preprocess(dropEmpty, schema);

export { settingsSchema, taxonomyTermSchema, networkSchema, organisationSchema, offerSchema, meetingSchema, newsSchema, pageSchema };
export type { Settings } from './settings.ts';
export type { TaxonomyTerm } from './taxonomy.ts';
export type { Network } from './network.ts';
export type { Organisation } from './organisation.ts';
export type { Offer, ScheduleSlot } from './offer.ts';
export type { Meeting, DocumentKind } from './meeting.ts';
export type { News } from './news.ts';
export type { Page } from './page.ts';
