/**
 * One search, two front doors: the finder page and `npm run search` call `search()`.
 *
 * Two stages. (1) The inverted index finds every offer that contains each query word,
 * exactly, as the start or part of a compound ("kurs" → "Sprachkurs"), as a taxonomy
 * synonym ("Job" → Arbeit), or with a typo ("Bewerbng"), and gives each a quick score
 * by field (title > keywords > taxonomy > summary > body). (2) fuse.js ranks the best
 * candidates with weighted keys. The quick score only decides which offers fuse.js
 * looks at and orders the long tail behind them; it keeps fuse.js off the thousands of
 * offers that cannot match, which is what makes large data sets fast.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { SearchRecord } from './data.ts';
import { compileFilters, type Filters } from './filters.ts';
import { FIELD, FIELD_WEIGHT, type SearchIndex } from './inverted-index.ts';
import { allowedTypos, bigrams, substringDistance } from './fuzzy.ts';
import { STOPWORDS, fold, tokenize } from './normalize.ts';

/** How many of the best candidates fuse.js ranks. More only costs time: the rest is a tail nobody scrolls to. */
export const RANKED_CANDIDATES = 40;

/** Match quality per kind of word match, multiplied with the field weight. */
const QUALITY = { exact: 1, prefix: 0.85, part: 0.7, stem: 0.9, typo1: 0.6, typo2: 0.45 } as const;

const ENDINGS = ['ern', 'en', 'er', 'es', 'e', 'n', 's'];

/** A light German stem: "Bewerbungen" → "bewerbung", "Kurse" → "kurs"; undefined when nothing is cut. */
export function stemOf(word: string): string | undefined {
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) return word.slice(0, -ending.length);
  }
  return undefined;
}

export interface SearchHit {
  /** Position of the offer in the search data. */
  index: number;
  id: string;
  /** fuse.js score (0 = perfect) for ranked hits; `null` for the tail ordered by the quick score. */
  score: number | null;
  /** The index stage's score (higher = better). */
  prescore: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Words searched for (folded). */
  words: string[];
  /** Words found nowhere; left out so the rest of the query still finds something. */
  ignored: string[];
}

export interface SearchOptions {
  now?: Date;
}

/** Query words: folded, without stop words and single letters, each once. */
export function queryWords(query: string): string[] {
  const words = tokenize(fold(query)).filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(words)];
}

interface WordMatch {
  /** Offers matching the word, with their best weighted score for it. */
  scores: Float64Array;
  offers: number[];
  /** Per offer: bit per field (FIELD) the word was found in. */
  fields: Uint8Array;
  /** Facet entries (global numbering) the word matched. */
  facets: Set<number>;
}

/** Vocabulary words that a query word matches, with the quality of each match. */
export function matchVocabulary(index: SearchIndex, word: string): Map<number, number> {
  const matches = new Map<number, number>();
  const exact = index.termIds.get(word);
  if (exact !== undefined) matches.set(exact, QUALITY.exact);
  if (word.length < 2 || /^\d+$/.test(word)) return matches;
  const stem = stemOf(word);
  for (const id of index.words) {
    if (id === exact) continue;
    const term = index.terms[id];
    if (term.startsWith(word) && term.length > word.length) matches.set(id, QUALITY.prefix);
    else if (word.length >= 3 && term.includes(word)) matches.set(id, QUALITY.part);
    else if (stem && term.startsWith(stem)) matches.set(id, QUALITY.prefix * QUALITY.stem);
    else if (stem && term.includes(stem)) matches.set(id, QUALITY.part * QUALITY.stem);
  }
  // A word the content itself contains is taken as meant: typo matches would only add noise ("schulden" → "schulen").
  const typos = exact === undefined ? allowedTypos(word.length) : 0;
  if (typos === 0) return matches;
  // Only words sharing enough letter pairs can be within `typos` edits (each edit breaks at most three pairs).
  const needed = Math.max(1, word.length - 1 - 3 * typos);
  const shared = new Map<number, number>();
  for (const pair of new Set(bigrams(word))) {
    for (const id of index.bigramWords.get(pair) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  }
  for (const [id, count] of shared) {
    if (count < needed || matches.has(id)) continue;
    const term = index.terms[id];
    if (term.length < word.length - typos) continue;
    const distance = substringDistance(word, term, typos);
    if (distance <= typos) matches.set(id, distance === 1 ? QUALITY.typo1 : QUALITY.typo2);
  }
  return matches;
}

/**
 * Per-offer arrays for one word, reused between searches: allocating them per word and
 * keystroke (160 KB at 20,000 offers) kept the garbage collector busy.
 */
const spareArrays: { scores: Float64Array; fields: Uint8Array }[] = [];

function takeArrays(count: number) {
  const spare = spareArrays.pop();
  if (spare && spare.scores.length === count) return spare;
  return { scores: new Float64Array(count), fields: new Uint8Array(count) };
}

/** Hands a word's arrays back, cleared where they were written (only there: that is the point). */
function release(match: WordMatch) {
  for (const offer of match.offers) {
    match.scores[offer] = 0;
    match.fields[offer] = 0;
  }
  match.offers.length = 0;
  if (spareArrays.length < 16) spareArrays.push({ scores: match.scores, fields: match.fields });
}

function matchWord(index: SearchIndex, word: string, parts?: string[], terms?: Set<string>): WordMatch {
  const { scores, fields } = takeArrays(index.data.offers.length);
  const facets = new Set<number>();
  const offers: number[] = [];
  const hit = (offer: number, fieldBits: number, score: number) => {
    const before = scores[offer];
    if (before === 0) offers.push(offer);
    if (score > before) scores[offer] = score;
    fields[offer] |= fieldBits;
  };
  for (const [id, quality] of matchVocabulary(index, word)) {
    terms?.add(index.terms[id]);
    for (const code of index.postings[id]) hit(code >> 3, 1 << (code & 7), FIELD_WEIGHT[code & 7] * quality);
    for (const facet of index.facetPostings[id] ?? []) {
      facets.add(facet);
      const field = index.facetField[facet];
      const score = FIELD_WEIGHT[field] * quality;
      for (const offer of index.facetMembers[facet]) hit(offer, 1 << field, score);
    }
  }
  if (parts) {
    // "Deutschkurs" also finds "Deutsch A2 … Herbstkurs": every part matching counts, a little less than the whole word.
    const partMatches = parts.map((part) => matchWord(index, part, undefined, terms));
    partMatches.sort((a, b) => a.offers.length - b.offers.length);
    for (const offer of partMatches[0].offers) {
      let sum = 0;
      for (const match of partMatches) {
        if (match.scores[offer] === 0) {
          sum = 0;
          break;
        }
        sum += match.scores[offer];
      }
      if (sum === 0) continue;
      let partFields = 0;
      for (const match of partMatches) partFields |= match.fields[offer];
      hit(offer, partFields, (QUALITY.part * sum) / parts.length);
    }
    for (const match of partMatches) {
      for (const facet of match.facets) facets.add(facet);
      release(match);
    }
  }
  return { scores, offers, fields, facets };
}

/** "Onlinebewerbung" → ["online", "bewerbung"] when both parts are words of the content. */
function splitCompound(index: SearchIndex, word: string): string[] | undefined {
  let best: string[] | undefined;
  for (let cut = 2; cut <= word.length - 2; cut++) {
    const head = word.slice(0, cut);
    // German joins compounds with a linking s ("Bewerbungstraining"), so try both.
    for (const tail of [word.slice(cut), word[cut] === 's' ? word.slice(cut + 1) : '']) {
      if (tail.length < 2 || !index.termIds.has(head) || !index.termIds.has(tail)) continue;
      if (!best || Math.min(head.length, tail.length) > Math.min(best[0].length, best[1].length)) best = [head, tail];
    }
  }
  return best;
}

const FUSE_KEYS = [
  { name: 't', weight: FIELD_WEIGHT[0] },
  { name: 'k', weight: FIELD_WEIGHT[1] },
  { name: 'x', weight: FIELD_WEIGHT[2] },
  { name: 's', weight: FIELD_WEIGHT[3] },
  { name: 'b', weight: FIELD_WEIGHT[4] },
  { name: 'o', weight: FIELD_WEIGHT[5] },
];

const FUSE_OPTIONS: IFuseOptions<FuseDoc> = {
  keys: FUSE_KEYS,
  // Token search: every query word is matched on its own, in any field (multi-word queries).
  useTokenSearch: true,
  ignoreLocation: true,
  // Field length must not outweigh the field order title > keywords > taxonomy > summary > body.
  ignoreFieldNorm: true,
  threshold: 0.3,
  includeScore: true,
  shouldSort: true,
};

interface FuseDoc {
  i: number;
  t: string;
  k: string;
  x: string;
  s: string;
  b: string;
  o: string;
}

/**
 * What fuse.js sees of one candidate: only the fields some query word was found in, of
 * the taxonomy only the matching phrases, of the body only the matching words. Fields no word reaches cannot change the
 * ranking, but scanning them (a long body, every synonym) is where fuse.js spends its time.
 */
function fuseDoc(index: SearchIndex, i: number, fields: number, facetTexts: ReadonlyMap<number, string>, terms: ReadonlySet<string>): FuseDoc {
  const { data } = index;
  const r: SearchRecord = data.offers[i];
  const has = (field: number) => (fields & (1 << field)) !== 0;
  let x = '';
  if (has(FIELD.taxonomy)) {
    const offsets = index.facetOffsets;
    x = [...r.c.map((c) => offsets.categories + c), ...r.a.map((a) => offsets.audiences + a), ...r.l.map((l) => offsets.languages + l)]
      .map((facet) => facetTexts.get(facet))
      .filter(Boolean)
      .join(' ');
  }
  return {
    i,
    t: has(FIELD.title) ? r.t : '',
    k: has(FIELD.keywords) ? r.k.join(' ') : '',
    x,
    s: has(FIELD.summary) ? r.s : '',
    // The body is a set of words: the ones that matched score exactly as the whole would (field norm is off).
    b: has(FIELD.body) ? r.b.split(' ').filter((word) => terms.has(word)).join(' ') : '',
    o: has(FIELD.provider) && r.p >= 0 ? (facetTexts.get(index.facetOffsets.providers + r.p) ?? '') : '',
  };
}

/** Of each matched taxonomy entry, the phrases that contain a matched word ("Deutsch lernen", not all twelve synonyms). */
function matchedFacetTexts(index: SearchIndex, facets: Iterable<number>, terms: ReadonlySet<string>): Map<number, string> {
  const texts = new Map<number, string>();
  for (const facet of facets) {
    const phrases = index.facetPhrases[facet].filter((phrase) => phrase.split(' ').some((word) => terms.has(word)));
    texts.set(facet, phrases.join(' '));
  }
  return texts;
}

/**
 * Searches the offers. An empty query returns every offer passing the filters in data
 * order (by title). Query words found nowhere are ignored (and reported) as long as
 * another word matches; every other word must match (AND).
 */
export function search(index: SearchIndex, query: string, filters: Filters = {}, options: SearchOptions = {}): SearchResult {
  const { data } = index;
  const passes = compileFilters(data, filters, options.now);
  let words = queryWords(query);

  if (words.length === 0) {
    const hits: SearchHit[] = [];
    data.offers.forEach((record, i) => {
      if (!passes || passes(record)) hits.push({ index: i, id: record.id, score: null, prescore: 0 });
    });
    return { hits, words: [], ignored: [] };
  }

  const matched: { word: string; match: WordMatch }[] = [];
  const ignored: string[] = [];
  const rankWords: string[] = [];
  const matchedTerms = new Set<string>();
  for (const word of words) {
    const parts = word.length >= 6 ? splitCompound(index, word) : undefined;
    const match = matchWord(index, word, parts, matchedTerms);
    if (match.offers.length === 0) {
      ignored.push(word);
      release(match);
      continue;
    }
    matched.push({ word, match });
    rankWords.push(word, ...(parts ?? []));
  }
  words = matched.map((m) => m.word);
  if (matched.length === 0) return { hits: [], words, ignored };

  // AND: walk the rarest word's offers and keep those every other word reaches too.
  matched.sort((a, b) => a.match.offers.length - b.match.offers.length);
  const candidates: SearchHit[] = [];
  const fieldBits = new Map<number, number>();
  for (const offer of matched[0].match.offers) {
    let prescore = 0;
    let bits = 0;
    for (const { match } of matched) {
      const score = match.scores[offer];
      if (score === 0) {
        prescore = 0;
        break;
      }
      prescore += score;
      bits |= match.fields[offer];
    }
    if (prescore === 0) continue;
    if (passes && !passes(data.offers[offer])) continue;
    candidates.push({ index: offer, id: data.offers[offer].id, score: null, prescore });
    fieldBits.set(offer, bits);
  }
  candidates.sort((a, b) => b.prescore - a.prescore || a.index - b.index);

  const matchedFacets = new Set<number>();
  for (const { match } of matched) {
    for (const facet of match.facets) matchedFacets.add(facet);
    release(match);
  }
  const facetTexts = matchedFacetTexts(index, matchedFacets, matchedTerms);
  const head = candidates.slice(0, RANKED_CANDIDATES);
  const docs = head.map((hit) => fuseDoc(index, hit.index, fieldBits.get(hit.index) ?? 0, facetTexts, matchedTerms));
  const fuse = new Fuse(docs, FUSE_OPTIONS);
  const ranked = fuse.search([...new Set(rankWords)].join(' '));
  const seen = new Set<number>();
  const hits: SearchHit[] = [];
  for (const result of ranked) {
    const hit = head[result.refIndex];
    seen.add(result.refIndex);
    hits.push({ ...hit, score: result.score ?? 0 });
  }
  head.forEach((hit, i) => seen.has(i) || hits.push(hit));
  for (let i = RANKED_CANDIDATES; i < candidates.length; i++) hits.push(candidates[i]);
  return { hits, words, ignored };
}
