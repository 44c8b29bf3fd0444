/** Pure helpers behind the exports: OParl list pages and sitemap route paths. */
import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/lib/exports/oparl.ts';
import { routePath } from '../../src/lib/exports/sitemap.ts';
import { markdownToText } from '../../src/lib/exports/text.ts';

describe('OParl pagination', () => {
  const url = (page: number) => `https://x.example/list/${page}.json`;

  it('splits 45 items into full pages of 20 and a last page of 5, with next links up to the last page', () => {
    const items = Array.from({ length: 45 }, (_, i) => ({ id: `o${i}` }));
    const pages = paginate(items, url, 20);
    expect(pages.map((p) => (p.data as unknown[]).length)).toEqual([20, 20, 5]);
    expect(pages.map((p) => (p.links as Record<string, string>).next)).toEqual([url(2), url(3), undefined]);
    expect(pages.map((p) => (p.links as Record<string, string>).prev)).toEqual([undefined, url(1), url(2)]);
    expect(pages[2].pagination).toEqual({ totalElements: 45, elementsPerPage: 20, currentPage: 3, totalPages: 3 });
    expect(pages.flatMap((p) => p.data as unknown[])).toEqual(items);
  });

  it('gives an empty list one empty page', () => {
    const pages = paginate([], url, 20);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ data: [], pagination: { totalElements: 0, totalPages: 1 }, links: { self: url(1), first: url(1), last: url(1) } });
  });
});

describe('sitemap route paths', () => {
  it('turns route files and their params into URLs with a trailing slash', () => {
    expect(routePath('/src/pages/index.astro')).toBe('/');
    expect(routePath('/src/pages/daten.astro')).toBe('/daten/');
    expect(routePath('/src/pages/termine/index.astro')).toBe('/termine/');
    expect(routePath('/src/pages/angebote/[offer].astro', { offer: 'job-cafe' })).toBe('/angebote/job-cafe/');
    expect(routePath('/src/pages/archiv/jahr/[year].astro', { year: 2026 })).toBe('/archiv/jahr/2026/');
    expect(() => routePath('/src/pages/angebote/[offer].astro')).toThrow(/offer/);
  });
});

describe('markdown as plain text', () => {
  it('keeps words and link targets, drops markup and raw HTML', () => {
    const text = markdownToText('## TOP 1\n\n**Ergebnis:** siehe [Protokoll](/uploads/p.pdf).\n\n- eins\n- zwei\n\n<script>alert(1)</script>');
    expect(text).toBe('TOP 1\n\nErgebnis: siehe Protokoll (/uploads/p.pdf).\n\n– eins\n– zwei\n\nalert(1)');
  });
});
