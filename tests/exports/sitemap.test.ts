/** sitemap.xml lists every public page the build produced; robots.txt points to it. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/dist.ts';

describe('sitemap and robots.txt', () => {
  const sitemap = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

  it('lists every built HTML page that search engines may index, each once, as an absolute URL', () => {
    expect(sitemap.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
    expect(new Set(urls).size).toBe(urls.length);
    const origin = new URL(urls[0]).origin;
    const pages = readdirSync(DIST, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === 'index.html')
      .filter((e) => !/<meta name="robots" content="[^"]*noindex/.test(readFileSync(join(e.parentPath, e.name), 'utf8')))
      .map((e) => `/${relative(DIST, e.parentPath)}/`.replace(/\/+$/, '/').replace(/^\/+/, '/'));
    expect(pages).not.toContain('/admin/');
    expect(urls.map((u) => new URL(u).pathname).sort()).toEqual(pages.sort());
    for (const url of urls) expect(new URL(url).origin).toBe(origin);
  });

  it('robots.txt keeps the CMS out and names the sitemap by its absolute address', () => {
    const robots = readFileSync(join(DIST, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Disallow: \/admin\/$/m);
    const sitemapLine = /^Sitemap: (\S+)$/m.exec(robots);
    expect(sitemapLine?.[1]).toBe(new URL('/sitemap.xml', urls[0]).href);
    expect(existsSync(join(DIST, 'sitemap.xml'))).toBe(true);
  });
});
