/**
 * What the build tells the newsletter functions (generated/newsletter.json, written by
 * src/lib/newsletter-data.ts): the networks one can subscribe to, the site facts a mail
 * needs, and every published post marked `newsletter: true` with its body already rendered.
 */
import type { Meeting } from '../schema/index.ts';
import type { SiteFacts } from './site-facts.ts';

/** What a newsletter mail is: a news post, or a meeting's invitation, update, cancellation or minutes. */
export type MailKind = 'news' | 'invitation' | 'update' | 'cancellation' | 'minutes';

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

/**
 * A meeting as the newsletter functions see it: the validated front matter exactly as
 * the site's calendar reads it (so the mailed .ics and /termine.ics come from one
 * builder), plus what the mails need and cannot compute without content/.
 */
export interface NewsletterMeeting {
  slug: string;
  /** The schema's output: starts_at, ends_at, location, cancelled, agenda, documents … */
  meeting: Meeting;
  /** Site-relative path of the meeting's page in the archive, e.g. /archiv/<slug>/ */
  path: string;
  /** Minutes in the body or a document of kind `protokoll` (src/lib/health/minutes-missing.ts). */
  hasMinutes: boolean;
  /** When the file was created and last changed (git, else the file system): the calendar's DTSTAMP. */
  times: { created: string; modified: string };
}

export interface NewsletterData {
  site: SiteFacts;
  networks: NewsletterNetwork[];
  posts: NewsletterPost[];
  /** Every meeting (past and future): the functions decide what is due (invitation, update, minutes). */
  meetings: NewsletterMeeting[];
}
