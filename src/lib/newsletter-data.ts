/**
 * Builds generated/newsletter.json from the validated content: the one hand-over from
 * the build to the newsletter functions (functions/lib/newsletter/data.ts reads it).
 * Post bodies are rendered here with the site's own Markdown sanitising, so a mail
 * never shows HTML the web page would have removed.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeExternalLinks from 'rehype-external-links';
import { loadContent, type ContentSet, type Entry } from './load-content.ts';
import type { News } from '../schema/index.ts';
import { markdownSanitizeSchema, rehypeUntrustedContent } from './markdown-sanitize.ts';
import { NEWSLETTER_DATA_FILE, type NewsletterData, type NewsletterPost } from '../../functions/lib/newsletter/data.ts';

let processor: Promise<MarkdownRenderer> | undefined;

function markdown(): Promise<MarkdownRenderer> {
  processor ??= createMarkdownProcessor({
    syntaxHighlight: false,
    // The same plugins as `markdown.processor` in astro.config.mjs: keep the two in step.
    rehypePlugins: [
      rehypeRaw,
      [rehypeSanitize, markdownSanitizeSchema],
      rehypeUntrustedContent,
      [rehypeExternalLinks, { rel: ['noopener', 'noreferrer'], target: false }],
    ],
  });
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
  const o = settings.office;
  return {
    site: {
      title: settings.title,
      url: new URL(settings.website_url ?? siteUrl).origin,
      from: `${settings.newsletter.from_name} <${settings.newsletter.from_email}>`,
      office: { name: o.name, street: o.street, postalCode: o.postal_code, city: o.city, email: o.email, phone: o.phone },
      imprintPath: '/impressum/',
      privacyPath: '/datenschutz/',
    },
    networks,
    posts,
  };
}

/** Writes generated/newsletter.json (write-then-rename: a running function never reads half a file). */
export async function writeNewsletterData(root: string, outDir = join(root, 'generated'), siteUrl = 'http://localhost:4321'): Promise<NewsletterData | undefined> {
  const { content } = loadContent(root);
  if (!content.settings) return undefined;
  const data = await buildNewsletterData(content, siteUrl);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, NEWSLETTER_DATA_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(temporary, file);
  return data;
}
