/**
 * The search module on its own: German folding, the field order of the ranking, the
 * filters (including "jetzt geöffnet" in Europe/Berlin), the URL state, the search data
 * the build writes, and the CLI's answers to bad input.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSearch, searchDataFor } from '../../scripts/search.ts';
import { buildSearchData, type SearchSource } from '../../src/search/data.ts';
import { compileFilters, stateFromParams, stateToParams, validateFilters } from '../../src/search/filters.ts';
import { substringDistance } from '../../src/search/fuzzy.ts';
import { createSearchIndex } from '../../src/search/inverted-index.ts';
import { fold, searchTokens } from '../../src/search/normalize.ts';
import { search } from '../../src/search/query.ts';
import type { Offer } from '../../src/schema/index.ts';
import { TEST_NOW } from '../helpers/clock.ts';

describe('fold', () => {
  it.each([
    ['Müller', 'mueller'],
    ['MÜNSTER', 'muenster'],
    ['Straße', 'strasse'],
    ['Café', 'cafe'],
    ['Öffnungszeiten', 'oeffnungszeiten'],
    ['Türkçe', 'tuerkce'],
    ['Élève', 'eleve'],
  ])('%s → %s', (input, folded) => {
    expect(fold(input)).toBe(folded);
  });

  it('makes "ä" and "ae" the same word', () => {
    expect(fold('Nähwerkstatt')).toBe(fold('Naehwerkstatt'));
  });

  it('drops stop words and punctuation', () => {
    expect(searchTokens('Beratung auf Türkisch – für Eltern!')).toEqual(['beratung', 'tuerkisch', 'eltern']);
  });
});

describe('substringDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(substringDistance('sprahckurs', 'sprachkurs', 2)).toBe(1);
  });
  it('finds the query inside a compound', () => {
    expect(substringDistance('bewerbng', 'bewerbungstraining', 2)).toBe(1);
    expect(substringDistance('kurs', 'sprachkurs', 1)).toBe(0);
  });
  it('stops at the limit', () => {
    expect(substringDistance('xylophon', 'sprachkurs', 2)).toBe(3);
  });
});

const base: Offer = {
  title: 'Platzhalter',
  summary: 'Platzhalter',
  provider: 'org',
  categories: ['thema'],
  languages: ['de'],
  cost: { free: true },
  online: true,
  reviewed_at: '2026-01-01',
  draft: false,
};

function source(offers: { id: string; data: Partial<Offer>; body?: string }[]): SearchSource {
  return {
    offers: offers.map((o) => ({ id: o.id, data: { ...base, ...o.data }, body: o.body ?? '' })),
    organisations: [{ id: 'org', data: { name: 'Beispielverein' } }],
    networks: [{ id: 'netz', data: { title: 'Netzwerk' } }],
    categories: [
      { slug: 'thema', label: 'Thema' },
      { slug: 'zauber', label: 'Zauberei', synonyms: ['Zauberwort'] },
    ],
    audiences: [{ slug: 'eltern', label: 'Eltern' }],
  };
}

describe('ranking', () => {
  it('ranks a word in the title over keywords over categories over summary over body', () => {
    // Listed in reverse so data order cannot explain the result.
    const data = buildSearchData(
      source([
        { id: 'body', data: { title: 'Angebot E' }, body: 'Hier steht das Zauberwort nur im Text.' },
        { id: 'summary', data: { title: 'Angebot D', summary: 'Das Zauberwort in der Kurzbeschreibung.' } },
        { id: 'category', data: { title: 'Angebot C', categories: ['zauber'] } },
        { id: 'keywords', data: { title: 'Angebot B', keywords: ['Zauberwort'] } },
        { id: 'title', data: { title: 'Zauberwort-Kurs' } },
      ]),
    );
    const hits = search(createSearchIndex(data), 'zauberwort').hits.map((h) => h.id);
    expect(hits).toEqual(['title', 'keywords', 'category', 'summary', 'body']);
  });

  it('ranks a large data set and keeps every match once, the specific word deciding', () => {
    // "kurs" is in every title (general), "deutsch" in half of the summaries: the offers with both come first.
    const offers = Array.from({ length: 150 }, (_, i) => ({ id: `o${i}`, data: { title: `Kurs ${i}`, summary: i % 2 ? 'Deutsch lernen' : 'Nähen' } }));
    const result = search(createSearchIndex(buildSearchData(source(offers))), 'kurs deutsch');
    expect(result.hits).toHaveLength(75);
    expect(new Set(result.hits.map((h) => h.id)).size).toBe(75);
    expect(result.hits.every((h) => Number(h.id.slice(1)) % 2 === 1)).toBe(true);
  });
});

describe('filters', () => {
  const data = buildSearchData(
    source([
      { id: 'di-morgens', data: { schedule: [{ days: ['tu'], opens: '09:00', closes: '12:00' }], childcare: true } },
      { id: 'mo-abends', data: { schedule: [{ days: ['mo', 'we'], opens: '18:00', closes: '20:00' }], cost: { free: false, note: '5 €' } } },
      { id: 'ohne-zeiten', data: { accessibility: { wheelchair: true }, languages: ['de', 'tr'], audiences: ['eltern'] } },
      { id: 'bald', data: { starts_on: '2026-12-01', schedule: [{ days: ['tu'], opens: '09:00', closes: '12:00' }] } },
    ]),
  );
  const ids = (filters: Parameters<typeof compileFilters>[1], now?: Date) => {
    const passes = compileFilters(data, filters, now);
    return data.offers
      .filter((o) => !passes || passes(o))
      .map((o) => o.id)
      .sort();
  };

  it('"jetzt geöffnet" is judged in Berlin time, closing minute excluded, not before starts_on', () => {
    // Tuesday 24 November 2026, 10:30 in Berlin = 09:30 UTC.
    expect(ids({ jetzt: true }, new Date('2026-11-24T09:30:00Z'))).toEqual(['di-morgens']);
    expect(ids({ jetzt: true }, new Date('2026-11-24T11:00:00Z'))).toEqual([]);
    // Tuesday 1 December 2026: the later course has started.
    expect(ids({ jetzt: true }, new Date('2026-12-01T09:30:00Z'))).toEqual(['bald', 'di-morgens']);
  });

  it('weekday, free, wheelchair, childcare, language and audience', () => {
    expect(ids({ tag: 'we' })).toEqual(['mo-abends']);
    expect(ids({ kostenlos: true })).toEqual(['bald', 'di-morgens', 'ohne-zeiten']);
    expect(ids({ rollstuhl: true })).toEqual(['ohne-zeiten']);
    expect(ids({ kinderbetreuung: true })).toEqual(['di-morgens']);
    expect(ids({ sprache: 'tr' })).toEqual(['ohne-zeiten']);
    // Offers without audiences are for everyone, parents included (content model).
    expect(ids({ fuer: 'eltern', kostenlos: true })).toEqual(['bald', 'di-morgens', 'ohne-zeiten']);
    expect(ids({ fuer: 'eltern', rollstuhl: true })).toEqual(['ohne-zeiten']);
  });

  it('reports unknown values in German and keeps the valid ones', () => {
    const checked = validateFilters(data, { kategorie: 'gibtsnicht', sprache: 'tr' });
    expect(checked.filters).toEqual({ sprache: 'tr' });
    expect(checked.problems).toEqual(['Das Thema „gibtsnicht“ gibt es nicht (kategorie). Möglich sind: thema, zauber.']);
  });
});

describe('URL state', () => {
  it('round-trips query and filters with German names', () => {
    const params = new URLSearchParams('q=deutsch&kategorie=sprache&sprache=tr&tag=di&kostenlos=1&jetzt=1');
    const state = stateFromParams(params);
    expect(state).toEqual({ q: 'deutsch', filters: { kategorie: 'sprache', sprache: 'tr', tag: 'tu', kostenlos: true, jetzt: true } });
    expect(stateToParams(state).toString()).toBe('q=deutsch&kategorie=sprache&sprache=tr&tag=di&jetzt=1&kostenlos=1');
  });

  it('ignores empty and unknown parameters', () => {
    expect(stateFromParams(new URLSearchParams('q=&kategorie=&tag=xx&foo=1'))).toEqual({ q: '', filters: {} });
  });
});

describe('search data of the built site', () => {
  it('equals what the CLI builds from content/ for the same day', () => {
    const built = JSON.parse(readFileSync('dist/angebote/suche.json', 'utf8'));
    expect(built).toEqual(searchDataFor(process.cwd(), new Date(TEST_NOW)).data);
  });

  it('equals, with --lang tr, what the Turkish finder loads', () => {
    const built = JSON.parse(readFileSync('dist/tr/angebote/suche.json', 'utf8'));
    const turkish = searchDataFor(process.cwd(), new Date(TEST_NOW), 'tr').data;
    expect(built).toEqual(turkish);
    expect(turkish).not.toEqual(searchDataFor(process.cwd(), new Date(TEST_NOW)).data);
  });

  it('holds only published offers and no contact e-mail address', () => {
    const text = readFileSync('dist/angebote/suche.json', 'utf8');
    const data = JSON.parse(text);
    expect(data.offers.map((o: { id: string }) => o.id)).not.toContain('sprachpaten-kinderhaus');
    expect(data.offers.map((o: { id: string }) => o.id)).not.toContain('deutsch-intensiv-sommerkurs-2026');
    expect(text).not.toMatch(/[\w.-]+@[\w-]+\.\w+/);
  });
});

describe('npm run search', () => {
  const now = new Date(TEST_NOW);

  it('refuses an unknown category with a German message and exit code 2', () => {
    const run = runSearch(['deutsch', '--kategorie', 'sprachen'], { now });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^Das Thema „sprachen“ gibt es nicht \(kategorie\)\. Möglich sind: [a-z-, ]*\bsprache\b/);
  });

  it('refuses unknown options and missing values', () => {
    expect(runSearch(['--farbe', 'rot'], { now }).stderr).toContain('Die Option „--farbe“ gibt es nicht.');
    expect(runSearch(['deutsch', '--sprache'], { now }).stderr).toContain('Nach --sprache fehlt ein Wert.');
    expect(runSearch(['deutsch', '--tag', 'montag'], { now }).stderr).toContain('Den Wochentag „montag“ gibt es nicht.');
    expect(runSearch(['deutsch', '--lang', 'xx'], { now }).stderr).toContain('Die Sprache „xx“ gibt es auf der Website nicht.');
    expect(runSearch(['deutsch', '--lang'], { now }).exitCode).toBe(2);
  });

  it('runs as a command and prints slug, title and score', () => {
    const result = spawnSync('npm', ['run', '-s', 'search', '--', 'Sprahckurs', '--limit', '3'], { encoding: 'utf8', env: { ...process.env, QN_NOW: TEST_NOW } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Treffer für „Sprahckurs“/);
    expect(result.stdout).toMatch(/ 1\. 0\.\d{4}  berufssprachkurs-b1-b2 +Berufssprachkurs B1 bis B2 am Abend/);
  });
});
