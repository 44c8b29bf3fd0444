/**
 * How the search understands residents (issue 20), one behaviour per test on small
 * made-up data: numbers in three spellings, language names and short forms, words
 * common across offers weighed down at build time, action words, an answer that is
 * never empty while some words match, and offers for everyone under an audience filter.
 */
import { describe, expect, it } from 'vitest';
import { buildSearchData, type SearchSource } from '../../src/search/data.ts';
import { createSearchIndex } from '../../src/search/inverted-index.ts';
import { words } from '../../src/search/normalize.ts';
import { search } from '../../src/search/query.ts';
import { SEARCH_SYNONYMS } from '../../src/search/synonyms.ts';
import { commonFrom, wordWeight } from '../../src/search/weights.ts';
import type { Offer } from '../../src/schema/index.ts';

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
    networks: [],
    categories: [{ slug: 'thema', label: 'Thema' }],
    audiences: [
      { slug: 'eltern', label: 'Eltern' },
      { slug: 'aeltere', label: 'Ältere Menschen' },
    ],
  };
}

const searcher = (offers: Parameters<typeof source>[0], lang = 'de') => {
  const index = createSearchIndex(buildSearchData(source(offers), lang));
  return (query: string, filters = {}) => search(index, query, filters);
};
const ids = (result: ReturnType<ReturnType<typeof searcher>>) => result.hits.map((h) => h.id);

/** Filler offers that make a word common: `count` offers with `title`. */
const many = (count: number, title: string) => Array.from({ length: count }, (_, i) => ({ id: `filler-${i}`, data: { title: `${title} ${i}` } }));

describe('numbers and numerals', () => {
  it.each([
    ['Hartz IV', ['hartz', '4']],
    ['Hartz 4', ['hartz', '4']],
    ['Hartz vier', ['hartz', '4']],
    ['Ein-Euro-Job', ['1', 'euro', 'job']],
    ['1-Euro-Job', ['1', 'euro', 'job']],
    ['die vierte Klasse', ['die', '4', 'klasse']],
    ['Erste Hilfe', ['1', 'hilfe']],
    ['SGB II', ['sgb', '2']],
  ])('%s → %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('leaves the article "ein", single letters and look-alike words alone', () => {
    expect(words('ein Kurs, Teil V, Vitamin C')).toEqual(['ein', 'kurs', 'teil', 'v', 'vitamin', 'c']);
    expect(words('Regeln achten')).toEqual(['regeln', 'achten']);
  });

  it('finds "Modul IV" by "Modul 4" and "Modul vier", and the Ein-Euro-Job by "1 Euro Job"', () => {
    const find = searcher([
      { id: 'modul', data: { title: 'Quereinstieg ab Modul IV' } },
      { id: 'agh', data: { title: 'Arbeitsgelegenheit (Ein-Euro-Job)' } },
      { id: 'other', data: { title: 'Modul I für Anfänger' } },
    ]);
    expect(ids(find('Modul 4'))).toEqual(['modul']);
    expect(ids(find('modul vier'))).toEqual(['modul']);
    expect(ids(find('1 Euro Job'))).toEqual(['agh']);
  });
});

describe('other names: language names and short forms', () => {
  const find = searcher([
    { id: 'persisch', data: { title: 'Sozialberatung', languages: ['fa', 'de'] } },
    { id: 'kurdisch', data: { title: 'Frauengruppe', languages: ['ku'] } },
    { id: 'buergergeld', data: { title: 'Hilfe beim Bürgergeld-Antrag' } },
    { id: 'handy', data: { title: 'Smartphone-Sprechstunde' } },
    { id: 'kita', data: { title: 'Anmeldung im Kindergarten' } },
  ]);

  it.each([
    ['Farsi', 'persisch'],
    ['Dari', 'persisch'],
    ['Persisch', 'persisch'],
    ['Kurmandschi', 'kurdisch'],
    ['Kurdî', 'kurdisch'],
    ['Hartz 4', 'buergergeld'],
    ['ALG II', 'buergergeld'],
    ['Handy', 'handy'],
    ['Kiga', 'kita'],
  ])('%s finds %s', (query, id) => {
    expect(ids(find(query))[0]).toBe(id);
  });

  it('names languages in the finder’s own language too', () => {
    const turkish = buildSearchData(source([{ id: 'persisch', data: { languages: ['fa'] } }]), 'tr');
    expect(turkish.languages.find((l) => l.slug === 'fa')?.terms).toContain('farsca');
  });

  it('keeps the list per interface language, German first', () => {
    expect(Object.keys(SEARCH_SYNONYMS)).toContain('de');
    const data = buildSearchData(source([]));
    expect(data.syn.some((group) => group.includes('kiga') && group.includes('kindergarten'))).toBe(true);
  });
});

describe('words common across offers', () => {
  it('weigh less the more offers they are in, computed at build time', () => {
    const from = commonFrom(200);
    expect(wordWeight(from, 200)).toBe(1);
    expect(wordWeight(from + 10, 200)).toBeLessThan(1);
    expect(wordWeight(150, 200)).toBeLessThan(wordWeight(from + 10, 200));
    const data = buildSearchData(source([...many(30, 'Beratung'), { id: 'wohngeld', data: { title: 'Wohngeld' } }]));
    expect(data.w.beratung).toBeLessThan(0.5);
    expect(data.w.wohngeld).toBeUndefined();
  });

  it('let the specific word decide: an offer lacking the common word is found, and ranks first', () => {
    const find = searcher([
      ...many(20, 'Beratung'),
      { id: 'beratung-montag', data: { title: 'Beratung am Montag' }, body: 'Auch zum Wohngeld.' },
      { id: 'wohngeld', data: { title: 'Wohngeld' } },
    ]);
    expect(ids(find('Wohngeld Beratung'))).toEqual(['wohngeld', 'beratung-montag']);
  });

  it('treat action words as ranking only: "Arbeit finden" does not need "finden", nor does it find "Ehrenamt finden"', () => {
    const find = searcher([
      { id: 'ehrenamt', data: { title: 'Ehrenamt finden' } },
      { id: 'vermittlung', data: { title: 'Arbeitsvermittlung' } },
    ]);
    expect(ids(find('Arbeit finden'))).toEqual(['vermittlung']);
  });
});

describe('never an empty answer while some words match', () => {
  const find = searcher([
    { id: 'schulden', data: { title: 'Schuldnerberatung am Montag' } },
    { id: 'miete', data: { title: 'Mieterberatung', keywords: ['Vermieter'] } },
  ]);

  it('passes over a word found nowhere and names it', () => {
    const result = find('Schuldnerberatung Xylophonbau');
    expect(ids(result)).toEqual(['schulden']);
    expect(result.ignored).toEqual(['xylophonbau']);
  });

  it('keeps the words that find something together and names the others', () => {
    const result = find('Schuldnerberatung Vermieter');
    expect(result.hits.length).toBe(1);
    expect(result.ignored).toHaveLength(1);
    expect(result.words).toHaveLength(1);
    expect([...result.ignored, ...result.words].sort()).toEqual(['schuldnerberatung', 'vermieter']);
  });

  it('answers nothing only when no word matches', () => {
    const result = find('Xylophonbau Zither');
    expect(result.hits).toEqual([]);
    expect(result.ignored).toEqual(['xylophonbau', 'zither']);
  });
});

describe('audience filter', () => {
  const find = searcher([
    { id: 'a-fuer-alle', data: { title: 'Sprechstunde für alle' } },
    { id: 'b-eltern', data: { title: 'Sprechstunde für Eltern', audiences: ['eltern'] } },
    { id: 'c-aeltere', data: { title: 'Sprechstunde für Ältere', audiences: ['aeltere'] } },
    { id: 'd-eltern', data: { title: 'Elternabend', summary: 'Mit Sprechstunde', audiences: ['eltern', 'aeltere'] } },
  ]);

  it('includes offers for everyone, after those named for the audience', () => {
    // Without words: named ones first, each group by title.
    expect(ids(find('', { fuer: 'eltern' }))).toEqual(['d-eltern', 'b-eltern', 'a-fuer-alle']);
    expect(ids(find('Sprechstunde', { fuer: 'eltern' }))).toEqual(['b-eltern', 'd-eltern', 'a-fuer-alle']);
    expect(ids(find('Sprechstunde', { fuer: 'aeltere' }))).toEqual(['c-aeltere', 'd-eltern', 'a-fuer-alle']);
  });
});
