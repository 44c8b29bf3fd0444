/** The built report pages: /admin/health.json, /admin/zustand/ and the yearly report, all kept out of search engines. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gatherHealthInput } from '../../src/lib/health/gather.ts';
import { builtPaths } from '../../src/lib/health/site-paths.ts';
import { computeHealth, type HealthReport } from '../../src/lib/health/index.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const read = (path: string) => readFileSync(`dist${path}`, 'utf8');
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('health report in the build', () => {
  const built = JSON.parse(read('/admin/health.json')) as HealthReport;
  // The page judges internal links by the routes' getStaticPaths while it renders; this
  // judges them by the finished dist/: both must agree.
  const expected = computeHealth(gatherHealthInput(process.cwd(), new Date(TEST_NOW), { sitePaths: builtPaths('dist') }));

  it('writes the same report as npm run health for the build day', () => {
    expect(built.today).toBe('2026-11-21');
    expect(built.findings.map((f) => `${f.rule} ${f.entry.file}`)).toEqual(expected.findings.map((f) => `${f.rule} ${f.entry.file}`));
    expect(built.counts).toEqual(expected.counts);
    expect(built.findings.length).toBeGreaterThan(0);
  });

  it('shows every finding on /admin/zustand/, with its CMS link, and is not indexed', () => {
    const html = decode(read('/admin/zustand/index.html'));
    expect(html).toContain('<meta name="robots" content="noindex"');
    for (const f of built.findings) {
      expect(html).toContain(f.why);
      expect(html).toContain(`href="/admin/#/collections/${f.entry.collection}/entries/${f.entry.id}"`);
    }
  });
});

describe('yearly report page', () => {
  it('has the figures, the year before and inline SVG charts, and is not indexed', () => {
    const html = read('/admin/jahresbericht/2026/index.html');
    expect(html).toContain('<meta name="robots" content="noindex"');
    expect(html).toMatch(/<th scope="col"[^>]*>2026<\/th><th scope="col"[^>]*>2025<\/th>/);
    expect(html).toMatch(/Alle Treffen<\/th><td[^>]*>3 \/ 2<\/td><td[^>]*>1 \/ 1<\/td>/);
    expect(html.match(/<svg class="bar-chart/g)?.length).toBe(3);
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(read('/admin/jahresbericht/index.html')).toContain('href="/admin/jahresbericht/2026/"');
    expect(read('/sitemap.xml')).not.toContain('/admin/');
  });
});
