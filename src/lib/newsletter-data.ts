/**
 * Builds generated/newsletter.json from the validated content: the one hand-over from
 * the build to the newsletter functions (functions/lib/newsletter/data.ts reads it).
 * Post bodies are rendered here with the site's own Markdown plugins, so a mail never
 * shows HTML the web page would have removed.
 */
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { loadContentOnce, type ContentSet, type Entry } from './load-content.ts';
import type { News } from '../schema/index.ts';
import { rehypePlugins } from './markdown-sanitize.ts';
import { GENERATED_FILES, writeGenerated } from './generated-files.ts';
import { siteFactsFrom } from './site-facts.ts';
import type { NewsletterData, NewsletterPost } from './newsletter-types.ts';

export type { NewsletterData, NewsletterNetwork, NewsletterPost } from './newsletter-types.ts';

let processor: Promise<MarkdownRenderer> | undefined;

function markdown(): Promise<MarkdownRenderer> {
  processor ??= createMarkdownProcessor({ syntaxHighlight: false, rehypePlugins });
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

export async function buildNewsletterData(content: ContentSet, siteUrl: string): Promise<NewsletterData> {
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
  return { site: siteFactsFrom(settings, siteUrl), networks, posts };
}

/** Writes generated/newsletter.json for the project at `root`. */
export async function writeNewsletterData(
  root: string,
  outDir = join(root, 'generated'),
  siteUrl = 'http://localhost:4321',
  content: ContentSet = loadContentOnce(root).content,
): Promise<NewsletterData | undefined> {
  if (!content.settings) return undefined;
  const data = await buildNewsletterData(content, siteUrl);
  writeGenerated(outDir, GENERATED_FILES.newsletter, data);
  return data;
}
