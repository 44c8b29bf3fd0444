/**
 * Coverage per language (issue 22, item 3): which published offers and organisations
 * have a text in each language, machine-made or checked, and which are outdated. One
 * computation and one wording in `npm run health` and the office's weekly digest.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeHealth } from '../../src/lib/health/index.ts';
import { coverageLines, translationCoverage } from '../../src/lib/health/translation-coverage.ts';
import { germanSources, sourceHash, translationHash } from '../../src/lib/translation-sources.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';
import { officeDigest } from '../../functions/lib/reminders/render.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { DIST } from '../helpers/dist.ts';
import { readFileSync } from 'node:fs';
import { content, input, offer, org } from '../health/fixtures.ts';

const SITE = {
  title: 'Testnetz',
  url: 'https://quartier.example.org',
  mailFrom: 'Testnetz <news@example.org>',
  office: { name: 'Sozialbüro', street: 'Weg 1', postalCode: '48159', city: 'Münster', email: 'office@example.org', phone: '0251 0001000' },
  imprintPath: '/impressum/',
  privacyPath: '/datenschutz/',
};

/** The hash of an offer's German text as the translate run records it. */
const hashOf = (data: Record<string, unknown>) => sourceHash(germanSources('offers', { data, body: '' }));
const base = { title: 'Kurs', summary: 'Deutsch lernen.' };

describe('translation coverage', () => {
  it('counts per language: machine, checked, outdated; drafts and ended offers do not count', () => {
    const current = hashOf(base);
    const checked = { summary: 'Learn German.', machine_translated: false };
    const parts = {
      offers: [
        offer('machine', { ...base, translations: { en: { title: 'Course', summary: 'Learn German.', machine_translated: true, source_hash: current } } }),
        offer('checked', { ...base, translations: { en: { title: 'Course', ...checked, source_hash: current, translation_hash: translationHash({ title: 'Course', ...checked }) } } }),
        // Made for an older German text.
        offer('stale', { ...base, translations: { en: { title: 'Course', summary: 'Old.', machine_translated: true, source_hash: '0123456789abcdef' }, tr: { title: 'Kurs', summary: 'Almanca.', machine_translated: true, source_hash: current } } }),
        offer('german-only', base),
        offer('draft', { ...base, draft: true, translations: { en: { title: 'Course', summary: 'x', machine_translated: true } } }),
        offer('ended', { ...base, ends_on: '2026-01-31', translations: { en: { title: 'Course', summary: 'x', machine_translated: true } } }),
      ],
      organisations: [org('org-a'), org('org-b', { translations: { uk: { summary: 'Тест', machine_translated: false } } })],
    };
    const coverage = translationCoverage(content(parts), '2026-11-21');
    expect(coverage.offers.en).toEqual({ total: 4, machine: 2, checked: 1, outdated: 1 });
    expect(coverage.offers.tr).toEqual({ total: 4, machine: 1, checked: 0, outdated: 0 });
    expect(coverage.offers.uk).toEqual({ total: 4, machine: 0, checked: 0, outdated: 0 });
    expect(coverage.organisations.uk).toEqual({ total: 2, machine: 0, checked: 1, outdated: 0 });
    expect(coverageLines(coverage)[0]).toBe('Englisch: Angebote 3 von 4 (2 maschinell, 1 geprüft, 1 veraltet), Organisationen 0 von 2 (0 maschinell, 0 geprüft)');

    // The digest shows the very lines of the report it is given.
    const report = computeHealth(input(parts, { today: '2026-11-21', now: new Date('2026-11-21T10:00:00+01:00') }));
    expect(report.translations).toEqual(coverage);
    const mail = officeDigest({ week: '2026-W47', now: new Date('2026-11-23T07:00:00+01:00'), site: SITE, report, reminders: [] });
    expect(mail.text).toContain('Übersetzungen je Sprache');
    for (const line of coverageLines(coverage)) {
      expect(mail.text).toContain(line);
      expect(mail.html).toContain(line.replace(/„/g, '&bdquo;'));
    }
  });

  it('npm run health prints the coverage of the sample content, counted from the files', () => {
    const root = resolve('.');
    const result = spawnSync(process.execPath, [join(root, 'scripts/health.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, QN_NOW: TEST_NOW, NETLIFY_BLOBS_CONTEXT: '' } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('\nÜbersetzungen je Sprache:\n');
    // Counted here the plain way: a group under translations.<lang> is a text in that language.
    const { content: sample } = loadContent(root);
    const offers = sample.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY));
    const names = { en: 'Englisch', tr: 'Türkisch', ar: 'Arabisch', ru: 'Russisch', uk: 'Ukrainisch' } as const;
    for (const lang of TRANSLATION_LANGUAGES) {
      const withText = (list: typeof offers | typeof sample.organisations) => list.filter((e) => e.data.translations?.[lang]).length;
      expect(result.stdout).toContain(`- ${names[lang]}: Angebote ${withText(offers)} von ${offers.length} (`);
      expect(result.stdout).toContain(`, Organisationen ${withText(sample.organisations)} von ${sample.organisations.length} (`);
    }
  });

  it('/admin/zustand/ of the build shows the same lines as its health report', () => {
    const report = JSON.parse(readFileSync('generated/health.json', 'utf8'));
    const page = readFileSync(join(DIST, 'admin/zustand/index.html'), 'utf8');
    expect(page).toContain('Übersetzungen je Sprache</h2>');
    for (const line of coverageLines(report.translations)) expect(page).toMatch(new RegExp(`<li[^>]*>${line.replace(/[()]/g, "\\$&")}</li>`));
  });
});
