/**
 * Builds generated/newsletter.json from the validated content: the one hand-over from
 * the build to the newsletter functions (functions/lib/newsletter/data.ts reads it).
 * Post bodies are rendered here with the site's own Markdown plugins, so a mail never
 * shows HTML the web page would have removed.
 */
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { loadContentOnce, type ContentSet, type Entry } from './load-content.ts';
import type { Meeting, News } from '../schema/index.ts';
import { hasMinutes } from './health/minutes-missing.ts';
import { createTimesOf, type TimesOf } from './exports/timestamps.ts';
import { MARKDOWN_PIPELINE } from './markdown-pipeline.ts';
import { GENERATED_FILES, writeGenerated } from './generated-files.ts';
import { siteFactsFrom } from './site-facts.ts';
import type { NewsletterData, NewsletterMeeting, NewsletterPost } from './newsletter-types.ts';

export type { NewsletterData, NewsletterMeeting, NewsletterNetwork, NewsletterPost } from './newsletter-types.ts';

let processor: Promise<MarkdownRenderer> | undefined;

function markdown(): Promise<MarkdownRenderer> {
  processor ??= createMarkdownProcessor({ syntaxHighlight: false, ...MARKDOWN_PIPELINE });
  return processor;
}

export async function renderPostBody(body: string): Promise<string> {
  const { code } = await (await markdown()).render(body);
  return code.trim();
}

/** A news entry as the newsletter functions see it (also used by the preview CLI). */
export async function newsletterPost(entry: Entry<News>): Promise<NewsletterPost> {
  return {
    slug: entry.id,
    title: entry.data.title,
    date: entry.data.date,
    networks: entry.data.networks ?? [],
    summary: entry.data.summary,
    path: `/aktuelles/${entry.id}/`,
    html: await renderPostBody(entry.body),
    text: entry.body.trim(),
    attachments: (entry.data.attachments ?? []).map((a) => ({ title: a.title, path: a.file })),
  };
}

/** A meeting entry as the newsletter functions see it (also used by the preview CLI). */
export function newsletterMeeting(entry: Entry<Meeting>, timesOf?: TimesOf): NewsletterMeeting {
  const times = timesOf?.(`content/meetings/${entry.id}.md`);
  const fallback = new Date(0).toISOString();
  return {
    slug: entry.id,
    meeting: entry.data,
    path: `/archiv/${entry.id}/`,
    hasMinutes: hasMinutes(entry),
    times: { created: times?.created.toISOString() ?? fallback, modified: times?.modified.toISOString() ?? fallback },
  };
}

/** Git's times for the meeting files (one `git log`; a copy outside git falls back to the file system). */
export function meetingTimes(root: string): TimesOf {
  return createTimesOf(root, ['content/meetings'], new Date(0));
}

export async function buildNewsletterData(content: ContentSet, siteUrl: string, root?: string): Promise<NewsletterData> {
  const settings = content.settings;
  if (!settings) throw new Error('content/settings/site.yml fehlt oder ist ungültig.');
  const networks = [...content.networks]
    .sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || a.data.title.localeCompare(b.data.title, 'de'))
    .map((n) => ({ slug: n.id, title: n.data.title, label: n.data.short_title ?? n.data.title }));
  const posts: NewsletterPost[] = [];
  for (const entry of content.news) {
    if (entry.data.newsletter) posts.push(await newsletterPost(entry));
  }
  posts.sort((a, b) => a.date.localeCompare(b.date) || a.slug.localeCompare(b.slug));
  const timesOf = root ? meetingTimes(root) : undefined;
  const meetings = content.meetings
    .map((entry) => newsletterMeeting(entry, timesOf))
    .sort((a, b) => Date.parse(a.meeting.starts_at) - Date.parse(b.meeting.starts_at) || a.slug.localeCompare(b.slug));
  return { site: siteFactsFrom(settings, siteUrl), networks, posts, meetings };
}

/** Writes generated/newsletter.json for the project at `root`. */
export async function writeNewsletterData(
  root: string,
  outDir = join(root, 'generated'),
  siteUrl = 'http://localhost:4321',
  content: ContentSet = loadContentOnce(root).content,
): Promise<NewsletterData | undefined> {
  if (!content.settings) return undefined;
  const data = await buildNewsletterData(content, siteUrl, root);
  writeGenerated(outDir, GENERATED_FILES.newsletter, data);
  return data;
}
