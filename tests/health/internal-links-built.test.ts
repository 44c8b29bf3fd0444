/**
 * Internal links are judged against the pages the build wrote (issue 16), in every
 * language: a copy of the sample content with one partner's entry carrying broken links,
 * checked against the real dist/ of the test build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherHealthInput } from '../../src/lib/health/gather.ts';
import { computeHealth } from '../../src/lib/health/index.ts';
import { builtPaths, pathIndex } from '../../src/lib/health/site-paths.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';

const FIXTURE = 'content/organisations/fixture-verein.md';
const { content } = loadContent(process.cwd());
const offer = content.offers.find((o) => isOfferPublished(o.data, TEST_TODAY))!;
const ended = content.offers.find((o) => !isOfferPublished(o.data, TEST_TODAY));
const network = content.networks[0];
// A link to the site's own address in a URL field is an internal link too.
const site = 'https://quartiersnetz-kinderhaus.example.org';
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'qn-links-'));
  cpSync('content', join(root, 'content'), { recursive: true });
  cpSync('public', join(root, 'public'), { recursive: true });
  if (!content.settings!.website_url) appendFileSync(join(root, 'content/settings/site.yml'), `website_url: ${site}\n`);
  writeFileSync(
    join(root, FIXTURE),
    [
      '---',
      'name: Fixture-Verein',
      'kind: verein',
      'summary: Ein Verein, der nur in diesem Test vorkommt.',
      `website: ${new URL('/quatsch/', site).href}`,
      'reviewed_at: 2026-11-01',
      '---',
      `Unser Kurs auf Englisch: [Course](/en/angebote/${offer.id}/), auf Türkisch [Kurs](/tr/netzwerke/${network.id}/).`,
      '',
      'Früher gab es [diesen Kurs](/angebote/gibt-es-nicht/) und [Englisch](/en/angebote/gibt-es-nicht/).',
      '',
    ].join('\n'),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('internal links against the build', () => {
  const exists = pathIndex(builtPaths('dist'));

  it('knows the built pages in every language and nothing else', () => {
    expect(exists('/')).toBe(true);
    expect(exists(`/angebote/${offer.id}/`)).toBe(true);
    expect(exists(`/en/angebote/${offer.id}/`)).toBe(true);
    expect(exists(`/ar/netzwerke/${network.id}/`)).toBe(true);
    expect(exists('/angebote/suche.json')).toBe(true);
    expect(exists('/en/angebote/suche.json')).toBe(true);
    expect(exists('/admin/zustand/')).toBe(true);
    expect(exists('/favicon.svg')).toBe(true);
    // What the old hand-kept route mirror let through (`[...lang]` matched every path).
    expect(exists('/angebote/gibt-es-nicht/')).toBe(false);
    expect(exists('/quatsch/')).toBe(false);
    expect(exists('/en/admin/zustand/')).toBe(false);
    expect(exists('/xx/angebote/')).toBe(false);
    if (ended) expect(exists(`/angebote/${ended.id}/`)).toBe(false);
  });

  it("names file, field and target of a broken link in a partner's entry; links to existing pages in other languages pass", () => {
    const report = computeHealth(gatherHealthInput(root, new Date(TEST_NOW), { loaded: loadContent(root), sitePaths: builtPaths('dist') }));
    const broken = report.findings.filter((f) => f.rule === 'internal-link-broken' && f.entry.file === FIXTURE);
    expect(broken.map((f) => f.why).sort()).toEqual(
      [
        `Der Link auf „${new URL('/quatsch/', site).href}“ (im Feld „website“) führt ins Leere: diese Seite gibt es auf der Website nicht.`,
        'Der Link auf „/angebote/gibt-es-nicht/“ (im Text, Zeile 3) führt ins Leere: diese Seite gibt es auf der Website nicht.',
        'Der Link auf „/en/angebote/gibt-es-nicht/“ (im Text, Zeile 3) führt ins Leere: diese Seite gibt es auf der Website nicht.',
      ].sort(),
    );
    expect(broken.every((f) => f.responsible === 'fixture-verein' && f.entry.collection === 'organisations')).toBe(true);
    // The sample content itself links only to pages that exist.
    expect(report.findings.filter((f) => f.rule === 'internal-link-broken' && f.entry.file !== FIXTURE)).toEqual([]);
  });

  it('says when internal links were not judged (no build)', () => {
    const report = computeHealth(gatherHealthInput(root, new Date(TEST_NOW), { loaded: loadContent(root) }));
    expect(report.findings.some((f) => f.rule === 'internal-link-broken')).toBe(false);
    expect(report.notes).toContain('Links innerhalb der Website wurden nicht geprüft.');
  });
});
