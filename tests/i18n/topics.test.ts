/**
 * Topics and audiences in the resident's language: labels on every other-language page,
 * a health finding for a missing one, and searching in one's own language through them.
 * The cross-language queries were written and judged from the content before they were run:
 * each names the offers that answer it (any of them in the top three passes).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSearch } from '../../scripts/search.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { termIn } from '../../src/i18n/content.ts';
import { termTranslations } from '../../src/lib/health/term-translations.ts';
import { DEFAULT_OPTIONS } from '../../src/lib/health/types.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';
import { DIST } from '../helpers/dist.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const now = new Date(TEST_NOW);
const { content } = loadContent(process.cwd());
const terms = [...content.categories, ...content.audiences];

describe('topic and audience labels', () => {
  it('every term has a label, description and search words in every language', () => {
    for (const term of terms) {
      for (const lang of TRANSLATION_LANGUAGES) {
        const tr = term.translations?.[lang];
        expect(tr?.label?.trim(), `${term.slug} ${lang}`).toBeTruthy();
        expect(tr?.description?.trim(), `${term.slug} ${lang}`).toBeTruthy();
        expect(tr?.synonyms?.length, `${term.slug} ${lang}`).toBeGreaterThan(2);
      }
    }
  });

  it('termIn gives the translation, and the German label marked as German where there is none', () => {
    const term = { slug: 'x', label: 'Wohnen', description: 'Wohnungssuche', translations: { tr: { label: 'Konut', machine_translated: true } } };
    expect(termIn(term, 'tr')).toEqual({ label: { value: 'Konut', lang: 'tr' }, description: { value: 'Wohnungssuche', lang: 'de' } });
    expect(termIn(term, 'ar').label).toEqual({ value: 'Wohnen', lang: 'de' });
    expect(termIn(term, 'de').label).toEqual({ value: 'Wohnen', lang: 'de' });
  });

  it('the built finder, an offer page, the topic and audience pages and the home page of every other language show no German topic or audience label', () => {
    const offer = content.offers.find((o) => o.id === 'deutschkurs-a1-mit-kinderbetreuung')!;
    expect(offer.data.audiences?.length).toBeGreaterThan(0);
    for (const lang of TRANSLATION_LANGUAGES) {
      const pages = [`${lang}/angebote/index.html`, `${lang}/angebote/${offer.id}/index.html`, `${lang}/angebote/kategorie/sprache/index.html`, `${lang}/angebote/fuer/zugewanderte/index.html`, `${lang}/index.html`];
      for (const page of pages) {
        const html = readFileSync(join(DIST, page), 'utf8');
        for (const term of terms) {
          // A label as the whole text of an element: how filters, tags and lists show it.
          expect(html.includes(`>${term.label}<`), `${page} shows the German label „${term.label}“`).toBe(false);
        }
        // …and the translated labels do appear.
        expect(terms.some((term) => html.includes(`>${termIn(term, lang).label.value}<`)), `${page} shows no translated label`).toBe(true);
      }
    }
  });

  it('the health report names a term without a label in a language: file, entry and language', () => {
    const categories = content.categories.map((c) => (c.slug === 'wohnen' ? { ...c, translations: { ...c.translations, uk: undefined } } : c));
    const findings = termTranslations({ content: { ...content, categories }, today: '2026-11-21', now }, DEFAULT_OPTIONS);
    expect(findings).toHaveLength(1);
    expect(findings[0].entry).toMatchObject({ collection: 'taxonomies', id: 'categories/wohnen', file: 'content/taxonomies/categories.yml' });
    expect(findings[0].why).toContain('Ukrainisch');
    expect(termTranslations({ content, today: '2026-11-21', now }, DEFAULT_OPTIONS)).toEqual([]);
  });
});

const DEBT = ['mietschulden-wohnraumsicherung', 'online-schuldnerberatung', 'schuldnerberatung-offene-sprechstunde', 'stromspar-check'];
const HOUSING = ['mietschulden-wohnraumsicherung', 'wohnungssuche-sprechstunde', 'stromspar-check'];
const GERMAN = ['alphabetisierungskurs', 'berufssprachkurs-b1-b2', 'deutsch-im-familienzentrum-elternkurs', 'deutsch-intensiv-sommerkurs-2026', 'deutsch-lernen-online-lernbegleitung', 'deutschkurs-a1-mit-kinderbetreuung', 'deutschkurs-a2-herbstkurs-2026', 'integrationskurs-kinderhaus', 'sprachcafe-begegnungszentrum'];
const APPLICATION = ['ausbildungsplatzboerse-2027', 'bewerbungsmappen-check', 'bewerbungstraining-kai', 'bewerbungswerkstatt-herbst-2026', 'ferien-bewerbungscamp-2026', 'job-cafe', 'online-bewerbungstraining'];
const CHILDCARE = ['beratung-teilzeitausbildung-alleinerziehende', 'deutsch-im-familienzentrum-elternkurs', 'deutschkurs-a1-mit-kinderbetreuung', 'kita-platz-beratung', 'spielgruppe-st-josef'];
const HEALTH = ['familienhebamme-sprechstunde', 'gesundheitslotsinnen-mehrsprachig'];
const TRAINING = ['ausbildung-bei-den-awm', 'ausbildungsplatzboerse-2027', 'azubi-begleitung-junge-zugewanderte', 'beratung-teilzeitausbildung-alleinerziehende', 'berufsberatung-sprechstunde-schulzentrum', 'berufsorientierungsbuero-realschule', 'ferien-bewerbungscamp-2026', 'jugendberatung-wuddi', 'jugendmigrationsdienst-beratung', 'praktikumsboerse-kinderhaus'];
const RENT_DEBT = [...new Set([...HOUSING, ...DEBT])];

const QUERIES: Record<string, [string, string[]][]> = {
  en: [['debt advice', DEBT], ['flat', HOUSING], ['German course', GERMAN], ['CV', APPLICATION], ['childcare', CHILDCARE], ['doctor', HEALTH], ['apprenticeship', TRAINING], ['rent arrears', RENT_DEBT]],
  tr: [['borç', DEBT], ['ev arama', HOUSING], ['almanca kursu', GERMAN], ['özgeçmiş', APPLICATION], ['kreş', CHILDCARE], ['doktor', HEALTH], ['meslek eğitimi', TRAINING], ['kira borcu', RENT_DEBT]],
  ar: [['ديون', DEBT], ['البحث عن شقة', HOUSING], ['دورة لغة ألمانية', GERMAN], ['السيرة الذاتية', APPLICATION], ['حضانة', CHILDCARE], ['طبيب', HEALTH], ['تدريب مهني', TRAINING], ['ديون الإيجار', RENT_DEBT]],
  ru: [['долги', DEBT], ['поиск квартиры', HOUSING], ['курсы немецкого', GERMAN], ['резюме', APPLICATION], ['детский сад', CHILDCARE], ['врач', HEALTH], ['профессиональное обучение', TRAINING], ['долги по аренде', RENT_DEBT]],
  uk: [['борги', DEBT], ['пошук житла', HOUSING], ['курси німецької', GERMAN], ['резюме', APPLICATION], ['дитячий садок', CHILDCARE], ['лікар', HEALTH], ['професійне навчання', TRAINING], ['борги з оренди', RENT_DEBT]],
};

describe('searching in one\'s own language finds German-only offers through their topics', () => {
  for (const [lang, queries] of Object.entries(QUERIES)) {
    it.each(queries)(`[${lang}] %s`, (query, answers) => {
      const run = runSearch(['--lang', lang, query, '--json', '--limit', '0'], { now });
      const hits = (JSON.parse(run.stdout) as { hits: { slug: string }[] }).hits.map((h) => h.slug);
      expect(hits.length, `no answer for ${query}`).toBeGreaterThan(0);
      expect(hits.slice(0, 3).some((id) => answers.includes(id)), `top three for „${query}“: ${hits.slice(0, 3).join(', ')}`).toBe(true);
    });
  }
});
