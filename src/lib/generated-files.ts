/**
 * The build → functions contract: every file the build writes into generated/ for the
 * Netlify Functions, with its type, and the one way to write them. Functions read these
 * files (functions/lib/generated.ts) and never parse content/ themselves; the files may
 * hold addresses the site must not publish, so they never go into dist/.
 *
 * A new generated file is one new line in GENERATED_FILES (name and type), one
 * `writeGenerated` call in the build (src/integrations/function-data.ts) and one
 * `readGenerated(GENERATED_FILES.<key>)` in the function. Netlify ships the folder with
 * the functions (`included_files` in netlify.toml).
 */
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthReport } from './health/index.ts';
import { writeJsonFile } from './json-file.ts';
import type { NewsletterData } from './newsletter-types.ts';
import type { OpenData } from './exports/open-data.ts';
import type { RecipientDirectory } from './recipients.ts';
import type { SiteFacts } from './site-facts.ts';
import type { PartnerDirectory } from './partner-directory.ts';
import type { TranslationWork } from './translation-work.ts';

/** A file in generated/ whose JSON content has type T (T exists for the compiler only). */
export interface GeneratedFile<T> {
  readonly name: string;
  readonly type?: T;
}

const file = <T>(name: string): GeneratedFile<T> => ({ name });

export const GENERATED_FILES = {
  /** Contact-form recipients by key (`offers/<slug>`, `office`, …), with addresses. */
  recipients: file<RecipientDirectory>('recipients.json'),
  /** Title, origin, sender and the social office (src/lib/site-facts.ts). */
  site: file<SiteFacts>('site.json'),
  /** The health report without external link results: reminders and the link check read it. */
  health: file<HealthReport>('health.json'),
  /** Networks and newsletter posts with rendered bodies: the newsletter functions read it. */
  newsletter: file<NewsletterData>('newsletter.json'),
  /** HSDS and OParl records for the open-data API functions to filter and page. */
  openData: file<OpenData>('opendata.json'),
  /** Each organisation's profile and offers with review dates, and the slugs a proposal may reference: the partner functions read it. */
  partners: file<PartnerDirectory>('partners.json'),
  /** Offers and organisations whose machine translations are missing or outdated, the glossary and the budget: the nightly translation reads it. */
  translations: file<TranslationWork>('translations.json'),
} as const;

/** The type of a generated file's content. */
export type GeneratedContent<F> = F extends GeneratedFile<infer T> ? T : never;

/**
 * Writes one generated file. Write-then-rename: a function reading at the same moment
 * (the dev server rewrites these files while functions run) never sees half a file.
 * Without indentation: programs read these files, and at city scale opendata.json alone
 * is megabytes that indenting made a sixth larger and slower to write and parse (issue 17),
 * and it is written in pieces (json-file.ts), not made one string first.
 */
export function writeGenerated<T>(dir: string, target: GeneratedFile<T>, value: T): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, target.name);
  const temporary = `${path}.${process.pid}.tmp`;
  writeJsonFile(temporary, value);
  renameSync(temporary, path);
}
