/**
 * The news as an Atom 1.0 feed (RFC 4287), for feed readers and for other sites that
 * show the network's news. Entry ids are UUID URNs from the slug, so they stay the same
 * if the site moves to another domain.
 */
import { escapeXml } from './xml.ts';

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  published: Date;
  updated: Date;
  summary: string;
  /** The post as HTML; site-relative links are made absolute. */
  html?: string;
  categories: string[];
}

export interface FeedSource {
  site: URL;
  id: string;
  title: string;
  subtitle?: string;
  feedUrl: string;
  pageUrl: string;
  author: string;
  rights?: string;
  entries: FeedEntry[];
  /** Used when there are no entries, so an empty feed still has a stable `updated`. */
  fallbackUpdated: Date;
}

/**
 * Site-relative links and images made absolute: `xml:base` says the same, but not every
 * feed reader honours it.
 */
export function absoluteLinks(html: string, site: URL): string {
  return html.replace(/\b(href|src)="(\/[^"]*)"/g, (_, attribute: string, path: string) => `${attribute}="${new URL(path, site).href}"`);
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function buildAtomFeed(source: FeedSource): string {
  const entries = [...source.entries].sort((a, b) => b.published.getTime() - a.published.getTime() || a.id.localeCompare(b.id));
  const updated = entries.length ? new Date(Math.max(...entries.map((e) => e.updated.getTime()))) : source.fallbackUpdated;
  const text = (tag: string, value: string) => `<${tag}>${escapeXml(value)}</${tag}>`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de" xml:base="${escapeXml(source.site.href)}">`,
    `  ${text('id', source.id)}`,
    `  ${text('title', source.title)}`,
    ...(source.subtitle ? [`  ${text('subtitle', source.subtitle)}`] : []),
    `  ${text('updated', iso(updated))}`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(source.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(source.pageUrl)}"/>`,
    `  <author>${text('name', source.author)}<uri>${escapeXml(source.site.href)}</uri></author>`,
    ...(source.rights ? [`  ${text('rights', source.rights)}`] : []),
    ...entries.flatMap((entry) => [
      '  <entry>',
      `    ${text('id', entry.id)}`,
      `    ${text('title', entry.title)}`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
      `    ${text('published', iso(entry.published))}`,
      `    ${text('updated', iso(entry.updated))}`,
      ...entry.categories.map((c) => `    <category term="${escapeXml(c)}"/>`),
      `    ${text('summary', entry.summary)}`,
      ...(entry.html ? [`    <content type="html">${escapeXml(absoluteLinks(entry.html, source.site))}</content>`] : []),
      '  </entry>',
    ]),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}
