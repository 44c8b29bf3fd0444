/**
 * What the build tells the newsletter functions (generated/newsletter.json, written by
 * src/lib/newsletter-data.ts): the networks one can subscribe to, the site facts a mail
 * needs, and every published post marked `newsletter: true` with its body already rendered.
 */
import type { SiteFacts } from './site-facts.ts';

export interface NewsletterNetwork {
  slug: string;
  title: string;
  /** What menus and mails show (short title, else title). */
  label: string;
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
  site: SiteFacts;
  networks: NewsletterNetwork[];
  posts: NewsletterPost[];
}
