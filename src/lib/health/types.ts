/**
 * The health report's vocabulary. A finding names the entry, says why it needs a hand
 * and what to do, in German, so the social office can act on it without opening code.
 */
import type { ContentSet } from '../load-content.ts';
import type { Problem } from '../../schema/problems.ts';

/** `error`: the site cannot be built or must not go online; `warning`: a person should act; `info`: good to know. */
export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'invalid-content'
  | 'required-page-missing'
  | 'review-overdue'
  | 'offer-ending-soon'
  | 'offer-ended'
  | 'minutes-missing'
  | 'internal-link-broken'
  | 'external-link-failed'
  | 'external-link-redirected'
  | 'upload-too-large'
  | 'upload-unreferenced'
  | 'personal-data'
  | 'term-translation-missing'
  | 'translation-checked-stale'
  | 'placeholder'
  | 'proposal-waiting'
  | 'newsletter-waiting'
  | 'newsletter-sent';

export type CollectionName = 'settings' | 'taxonomies' | 'networks' | 'organisations' | 'offers' | 'meetings' | 'news' | 'pages' | 'uploads';

export interface EntryRef {
  collection: CollectionName;
  /** Slug, or the public path for uploads. */
  id: string;
  /** Path relative to the project root. */
  file: string;
  title: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  entry: EntryRef;
  /** German: what is wrong. */
  why: string;
  /** German: what to do about it. */
  todo: string;
  /** The organisation that should act (reminders go to it); absent when the office acts. */
  responsible?: string;
  /** A date the finding hinges on (due date, end date), for sorting and mails. */
  date?: string;
}

/** One external link as the last check saw it (written by functions/lib/links/). */
export interface LinkResult {
  url: string;
  ok: boolean;
  status?: number;
  /** Where the link ends up after redirects, when that differs from `url`. */
  finalUrl?: string;
  redirects?: { from: string; to: string; status: number }[];
  /** Short machine reason when not ok: `timeout`, `refused`, `dns`, `http`, `too-many-redirects`, `network`. */
  error?: string;
  /** How many checks in a row the link failed (1 = only the last one). */
  failures?: number;
  checkedAt: string;
}

export interface LinkReport {
  checkedAt: string;
  results: LinkResult[];
  /** Links the run had no time for; their result (if any) is the previous one. */
  unchecked?: string[];
}

export interface UploadFile {
  /** Public path, e.g. `/uploads/protokoll.pdf`. */
  path: string;
  bytes: number;
}

export interface HealthInput {
  content: ContentSet;
  /** Problems from loadContent: anything here stops the build. */
  problems?: Problem[];
  /** Calendar day in Europe/Berlin the report judges by. */
  today: string;
  /** The instant the report judges by (meetings have times). */
  now: Date;
  links?: LinkReport;
  uploads?: UploadFile[];
  /** Does a site path exist? Built by site-paths.ts from the routes and the content. */
  pathExists?: (path: string) => boolean;
  options?: Partial<HealthOptions>;
}

export interface HealthOptions {
  endingSoonDays: number;
  minutesGraceDays: number;
  uploadMaxBytes: number;
}

export const DEFAULT_OPTIONS: HealthOptions = {
  endingSoonDays: 30,
  minutesGraceDays: 14,
  // A scanned A4 protocol of a few pages stays well below this; beyond it residents on a
  // phone contract wait and pay for a download they may not need.
  uploadMaxBytes: 5 * 1024 * 1024,
};

export type Rule = (input: HealthInput, options: HealthOptions) => Finding[];
