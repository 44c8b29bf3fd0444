/**
 * What the build tells the newsletter functions (generated/newsletter.json, written by
 * src/lib/newsletter-data.ts at `astro:config:setup`): the networks one can subscribe
 * to, the site facts a mail needs, and every published post marked `newsletter: true`
 * with its body already rendered. Functions never parse content/ themselves.
 */
import { readGenerated } from '../generated.ts';

export interface NewsletterNetwork {
  slug: string;
  title: string;
  /** What menus and mails show (short title, else title). */
  label: string;
}

export interface NewsletterSite {
  title: string;
  /** Public origin of the site, e.g. https://quartiersnetz-kinderhaus.de */
  url: string;
  /** `Name <address>` of the newsletter sender (content/settings/site.yml). */
  from: string;
  office: { name: string; street: string; postalCode: string; city: string; email: string; phone: string };
  imprintPath: string;
  privacyPath: string;
}

export interface NewsletterPost {
  slug: string;
  title: string;
  /** Publication date `YYYY-MM-DD` (Europe/Berlin calendar day). */
  date: string;
  /** Network slugs; empty = all networks. */
  networks: string[];
  summary: string;
  /** Site-relative path of the web version, e.g. /aktuelles/<slug>/ */
  path: string;
  /** The body rendered and sanitised like on the site (links may be site-relative). */
  html: string;
  /** The body as Markdown source: readable as plain text. */
  text: string;
  attachments: { title: string; path: string }[];
}

export interface NewsletterData {
  site: NewsletterSite;
  networks: NewsletterNetwork[];
  posts: NewsletterPost[];
}

export const NEWSLETTER_DATA_FILE = 'newsletter.json';

export function newsletterData(): NewsletterData {
  return readGenerated<NewsletterData>(NEWSLETTER_DATA_FILE);
}

/** The networks a post goes to: its own list, or every network when the list is empty. */
export function postNetworks(post: Pick<NewsletterPost, 'networks'>, all: NewsletterNetwork[]): string[] {
  return post.networks.length > 0 ? [...post.networks] : all.map((n) => n.slug);
}
