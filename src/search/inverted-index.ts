/**
 * The in-memory index built from the search data when the finder (or the CLI) loads it:
 * a vocabulary of folded words, and for each word the offers and fields it occurs in.
 * It answers "which offers can match, and how well" in well under a millisecond instead
 * of scanning every offer; it also holds the build-time word weights and the synonym
 * phrases the query side looks up.
 */
import type { SearchData } from './data.ts';
import { bigrams } from './fuzzy.ts';
import { isQueryWord, tokenize } from './normalize.ts';

/** Fields in ranking order: a hit in the title counts more than one in the body. */
export const FIELD = { title: 0, keywords: 1, taxonomy: 2, summary: 3, body: 4, provider: 5 } as const;
export const FIELD_WEIGHT: readonly number[] = [10, 6, 4, 3, 1, 1];

export interface SearchIndex {
  data: SearchData;
  terms: string[];
  termIds: Map<string, number>;
  /** Per term: `offer * 8 + field` for every offer and field the word occurs in. */
  postings: number[][];
  /** Per term: facet entries (global numbering) whose label or synonyms contain it. */
  facetPostings: (number[] | undefined)[];
  /** Per global facet entry: the field a match counts for, and the offers it applies to. */
  facetField: number[];
  facetMembers: number[][];
  /** Per global facet entry: its searchable phrases (label, synonyms). */
  facetPhrases: string[][];
  /** Where each facet table starts in the global numbering. */
  facetOffsets: Record<'categories' | 'audiences' | 'languages' | 'providers', number>;
  /** Terms the prefix, compound and typo matching looks at: words of letters, two or more long. */
  words: number[];
  /** Letter pair → words containing it, for the typo pre-check. */
  bigramWords: Map<string, number[]>;
  /** Per term: its build-time weight (1 unless the word is common across offers). */
  termWeight: Float32Array;
  /** Per global facet entry: its build-time weight. */
  facetWeight: number[];
  /** First word of a synonym phrase → the phrases starting with it (as word lists) and the group of each. */
  synonyms: Map<string, { words: string[]; group: number }[]>;
}

const WORD = /^[a-z\u0400-\u04ff\u0600-\u06ff][a-z0-9\u0400-\u04ff\u0600-\u06ff]+$/;

export function createSearchIndex(data: SearchData): SearchIndex {
  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const postings: number[][] = [];
  const facetPostings: (number[] | undefined)[] = [];
  const lastCode: number[] = [];

  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      terms.push(term);
      termIds.set(term, id);
      postings.push([]);
      facetPostings.push(undefined);
      lastCode.push(-1);
    }
    return id;
  };
  const addText = (text: string, code: number) => {
    if (!text) return;
    for (const token of text.split(' ')) {
      const id = idOf(token);
      // A word repeated within one field of one offer is posted once.
      if (lastCode[id] === code) continue;
      lastCode[id] = code;
      postings[id].push(code);
    }
  };

  data.offers.forEach((offer, index) => {
    const base = index * 8;
    addText(offer.t, base + FIELD.title);
    for (const phrase of offer.k) addText(phrase, base + FIELD.keywords);
    addText(offer.s, base + FIELD.summary);
    addText(offer.b, base + FIELD.body);
  });

  const facetField: number[] = [];
  const facetWeight: number[] = [];
  const facetMembers: number[][] = [];
  const facetPhrases: string[][] = [];
  const facetOffsets = { categories: 0, audiences: 0, languages: 0, providers: 0 };
  const facetKinds = [
    ['categories', 'c', FIELD.taxonomy],
    ['audiences', 'a', FIELD.taxonomy],
    ['languages', 'l', FIELD.taxonomy],
    ['providers', 'p', FIELD.provider],
  ] as const;
  for (const [kind, key, field] of facetKinds) {
    const offset = facetField.length;
    facetOffsets[kind] = offset;
    data[kind].forEach((facet, i) => {
      const global = offset + i;
      facetField.push(field);
      facetWeight.push(facet.w ?? 1);
      facetMembers.push([]);
      facetPhrases.push(facet.terms);
      const seen = new Set<string>();
      for (const phrase of facet.terms) {
        for (const token of tokenize(phrase)) {
          if (seen.has(token)) continue;
          seen.add(token);
          const id = idOf(token);
          (facetPostings[id] ??= []).push(global);
        }
      }
    });
    data.offers.forEach((offer, index) => {
      const value = offer[key];
      if (typeof value === 'number') {
        if (value >= 0) facetMembers[offset + value].push(index);
      } else for (const i of value) facetMembers[offset + i].push(index);
    });
  }

  const words: number[] = [];
  const bigramWords = new Map<string, number[]>();
  terms.forEach((term, id) => {
    if (!WORD.test(term)) return;
    words.push(id);
    for (const pair of new Set(bigrams(term))) {
      let list = bigramWords.get(pair);
      if (!list) bigramWords.set(pair, (list = []));
      list.push(id);
    }
  });

  const termWeight = new Float32Array(terms.length).fill(1);
  for (const [term, weight] of Object.entries(data.w ?? {})) {
    const id = termIds.get(term);
    if (id !== undefined) termWeight[id] = weight;
  }

  const synonyms = new Map<string, { words: string[]; group: number }[]>();
  (data.syn ?? []).forEach((group, g) => {
    for (const phrase of group) {
      // Split as a query is (units.ts), so "жизнь в германии" meets the typed words.
      const phraseWords = phrase.split(' ').filter(isQueryWord);
      if (phraseWords.length === 0) continue;
      let list = synonyms.get(phraseWords[0]);
      if (!list) synonyms.set(phraseWords[0], (list = []));
      list.push({ words: phraseWords, group: g });
    }
  });
  // Longest phrase first: "hartz 4" wins over "hartz".
  for (const list of synonyms.values()) list.sort((a, b) => b.words.length - a.words.length);

  return { data, terms, termIds, postings, facetPostings, facetField, facetWeight, facetMembers, facetPhrases, facetOffsets, words, bigramWords, termWeight, synonyms };
}
