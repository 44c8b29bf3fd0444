/**
 * The validated content as one value: what loadContent (src/lib/load-content.ts)
 * returns and what the cross-checks, health report, exports and tools read. Types only,
 * here beside the schemas so that the cross-checks need not import the loader that
 * calls them.
 */
import type { Meeting, Network, News, Offer, Organisation, Page, Settings, TaxonomyTerm } from './index.ts';

export interface Entry<T> {
  /** The slug: file name without `.md`. */
  id: string;
  /** Path relative to the project root. */
  file: string;
  data: T;
  /** Markdown body after the front matter. */
  body: string;
}

export interface ContentSet {
  settings: Settings | undefined;
  categories: TaxonomyTerm[];
  audiences: TaxonomyTerm[];
  networks: Entry<Network>[];
  organisations: Entry<Organisation>[];
  offers: Entry<Offer>[];
  meetings: Entry<Meeting>[];
  news: Entry<News>[];
  pages: Entry<Page>[];
}
