/** The news feed, read by a real feed parser (rss-parser). */
import Parser from 'rss-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { DIST } from '../helpers/dist.ts';

const { content } = loadContent();

describe('news feed (Atom)', () => {
  it('parses, with one entry per post: title, absolute link, date, summary and content', async () => {
    const xml = readFileSync(join(DIST, 'aktuelles', 'feed.xml'), 'utf8');
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toContain(content.settings!.title);
    expect(feed.items).toHaveLength(content.news.length);
    for (const post of content.news) {
      const item = feed.items.find((i) => i.link?.endsWith(`/aktuelles/${post.id}/`));
      expect(item, post.id).toBeDefined();
      expect(item!.link).toMatch(/^https:\/\//);
      expect(item!.title).toBe(post.data.title);
      expect(item!.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      // Published at the start of the post's day in Berlin.
      const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(item!.isoDate!));
      expect(berlinDay).toBe(post.data.date);
      expect(item!.summary ?? item!.contentSnippet).toContain(post.data.summary.slice(0, 40));
      expect(item!.content, post.id).toBeTruthy();
      expect(item!.content).not.toMatch(/(href|src)="\//);
      for (const attachment of post.data.attachments ?? []) expect(item!.content).toContain(`${attachment.file}"`);
    }
  });

  it('lists the newest post first', async () => {
    const feed = await new Parser().parseString(readFileSync(join(DIST, 'aktuelles', 'feed.xml'), 'utf8'));
    const dates = feed.items.map((i) => Date.parse(i.isoDate!));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('is announced on the news page for feed readers to discover', () => {
    const html = readFileSync(join(DIST, 'aktuelles', 'index.html'), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/aktuelles\/feed\.xml">/);
  });
});
