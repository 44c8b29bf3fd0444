/**
 * One search, two front doors: the finder page and `npm run search` call `search()`.
 *
 * The query becomes units: a word, or a phrase of the synonym list ("Hartz 4"), each with
 * its other names ("Bürgergeld"). The inverted index finds every offer a unit reaches,
 * exactly, as the start or part of a compound ("kurs" → "Sprachkurs"), as a taxonomy
 * synonym ("Job" → Arbeit), or with a typo ("Bewerbng"), and scores it by field (title >
 * keywords > taxonomy > summary > body), match quality and the word's build-time weight
 * (a word in many offers counts little). Every specific unit must match (AND); units
 * found in many offers ("Hilfe", "Kurs") only add to the score. When the specific units
 * find nothing together, the largest set of them that does find something is kept and
 * the others are reported, so an answer is never empty while some words match.
 */
import type { SearchRecord } from './data.ts';
import { audienceTier, compileFilters, type Filters } from './filters.ts';
import { FIELD_WEIGHT, type SearchIndex } from './inverted-index.ts';
import { allowedTypos, bigrams, substringDistance } from './fuzzy.ts';
import { STOPWORDS, words as textWords } from './normalize.ts';

/** Match quality per kind of word match, multiplied with the field weight. */
const QUALITY = { exact: 1, prefix: 0.7, part: 0.55, stem: 0.8, typo1: 0.6, typo2: 0.45, synonym: 0.9 } as const;

/**
 * A unit reaching more than this share of all offers is general ("Hilfe", "Kurs",
 * "Beratung"): it ranks, but does not exclude offers that lack it.
 */
export const GENERAL_SHARE = 0.15;

/**
 * A unit whose best match anywhere scores below this (a typo or a word part in a summary
 * or body, nothing in a title, keywords or taxonomy) is too weak to exclude offers that
 * match the other units well.
 */
export const WEAK_SCORE = 2.5;

/**
 * Words that say what the resident wants to do, not what they look for ("Wohnung finden",
 * "Pflegegrad beantragen", "Abschluss machen"). They rank offers that contain them
 * higher but never exclude one that lacks them: the thing asked for decides. Folded.
 */
export const ACTION_WORDS: ReadonlySet<string> = new Set(
  (
    'machen mache macht tun tue finden finde suchen suche sucht gesucht bekommen bekomme kriegen kriege brauchen brauche ' +
    'braucht benoetige benoetigen beantragen beantrage lernen lerne moechte moechten will wollen gerne gern bitte ' +
    'lassen geben gibt gehen hilft helfen'
  ).split(' '),
);

/** What an action word adds to an offer's score, relative to a word of the thing asked for. */
const ACTION_WEIGHT = 0.3;

/** Each further field a unit is found in adds this share of its best field's score. */
const FIELD_BONUS = 0.1;

/**
 * An offer that has the word only as part, start, inflection or misspelling of other
 * words ranks below one that has the word itself, field for field: "kahve" (coffee) is
 * the Sprachcafé's word, not the breakfast's ("kahvaltı").
 */
const INEXACT = 0.85;

/** Bit in `WordMatch.fields` beside the FIELD bits: the offer contains the word itself. */
const EXACT_BIT = 1 << 7;
const FIELD_BITS = EXACT_BIT - 1;

/** Above this many specific units, relaxing drops one unit at a time instead of trying every subset. */
const MAX_SUBSET_UNITS = 6;

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
  /** Distance from the best hit: 0 for the best, towards 1 for weaker ones; `null` when there is no query. */
  score: number | null;
  /** The summed, weighted score of the query units (higher = better). */
  prescore: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Words and phrases the hits match (folded). */
  words: string[];
  /**
   * Words the hits do not match: found nowhere, or found only in offers that lack the
   * others. The finder names them ("Zu „…“ gibt es nichts").
   */
  ignored: string[];
}

export interface SearchOptions {
  now?: Date;
}

/** Query words: folded, numbers as digits, without stop words and single letters, each once. */
export function queryWords(query: string): string[] {
  const words = textWords(query).filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(words)];
}

/** One thing the resident asked for: a word or a known phrase, and the other ways to say it. */
export interface QueryUnit {
  /** As typed (folded). */
  text: string;
  /** Word lists that count as this unit; the first is what was typed. */
  alternatives: string[][];
}

/** The query's units: known phrases of the synonym list taken together ("hartz 4"), other words alone. */
export function queryUnits(index: SearchIndex, query: string): QueryUnit[] {
  const words = queryWords(query);
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = index.synonyms.get(words[i])?.find((p) => p.words.every((w, k) => words[i + k] === w));
    const typed = phrase ? phrase.words : [words[i]];
    i += typed.length;
    const text = typed.join(' ');
    const alternatives = [typed];
    if (phrase) {
      const groups = new Set(index.synonyms.get(typed[0])?.filter((p) => p.words.join(' ') === text).map((p) => p.group));
      for (const group of groups) {
        for (const other of index.data.syn[group]) if (other !== text && !alternatives.some((a) => a.join(' ') === other)) alternatives.push(other.split(' '));
      }
    }
    if (!units.some((u) => u.text === text)) units.push({ text, alternatives });
  }
  return units;
}

interface WordMatch {
  /** Offers matching the word, with their best weighted score for it. */
  scores: Float64Array;
  offers: number[];
  /** Per offer: bit per field (FIELD) the word was found in. */
  fields: Uint8Array;
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
    // A typo inside a longer word ("kohle" ~ "kollegen") is a guess on top of a guess.
    const inside = term.length > word.length + typos ? QUALITY.part : 1;
    if (distance <= typos) matches.set(id, (distance === 1 ? QUALITY.typo1 : QUALITY.typo2) * inside);
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

function newMatch(index: SearchIndex): WordMatch {
  const { scores, fields } = takeArrays(index.data.offers.length);
  return { scores, fields, offers: [] };
}

function hit(match: WordMatch, offer: number, fieldBits: number, score: number) {
  const before = match.scores[offer];
  if (before === 0) match.offers.push(offer);
  if (score > before) match.scores[offer] = score;
  match.fields[offer] |= fieldBits;
}

/**
 * Every offer one folded word reaches, with the word's best score in each; through the
 * taxonomy, languages and providers too unless `facets` is false.
 */
function matchWord(index: SearchIndex, word: string, parts: string[] | undefined, facets: boolean): WordMatch {
  const match = newMatch(index);
  for (const [id, quality] of matchVocabulary(index, word)) {
    const weight = index.termWeight[id];
    const exact = quality === QUALITY.exact ? EXACT_BIT : 0;
    for (const code of index.postings[id]) hit(match, code >> 3, (1 << (code & 7)) | exact, FIELD_WEIGHT[code & 7] * quality * weight);
    for (const facet of (facets && index.facetPostings[id]) || []) {
      const field = index.facetField[facet];
      const score = FIELD_WEIGHT[field] * quality * index.facetWeight[facet];
      for (const offer of index.facetMembers[facet]) hit(match, offer, (1 << field) | exact, score);
    }
  }
  if (parts) {
    // "Deutschkurs" also finds "Deutsch A2 … Herbstkurs": every part matching counts, a little less than the whole word.
    const both = matchAll(index, parts, facets);
    for (const offer of both.offers) hit(match, offer, both.fields[offer] & FIELD_BITS, QUALITY.part * both.scores[offer]);
    release(both);
  }
  return match;
}

/** Offers every word reaches; the score is the words' mean. */
function matchAll(index: SearchIndex, words: string[], facets: boolean): WordMatch {
  const single = (word: string) => matchWord(index, word, word.length >= 6 ? splitCompound(index, word) : undefined, facets);
  if (words.length === 1) return single(words[0]);
  const matches = words.map((word) => single(word)).sort((a, b) => a.offers.length - b.offers.length);
  const result = newMatch(index);
  for (const offer of matches[0].offers) {
    let sum = 0;
    let bits = 0;
    for (const m of matches) {
      if (m.scores[offer] === 0) {
        sum = 0;
        break;
      }
      sum += m.scores[offer];
      bits |= m.fields[offer];
    }
    if (sum > 0) hit(result, offer, bits, sum / words.length);
  }
  matches.forEach(release);
  return result;
}

/**
 * A unit's offers: the best of what was typed and its other names (which count a little
 * less). Other names reach offers by their own words only: through a taxonomy entry they
 * would bring in its every offer on a second guess ("EQ" → Einstiegsqualifizierung → all
 * of Ausbildung).
 */
function matchUnit(index: SearchIndex, unit: QueryUnit): WordMatch {
  if (unit.alternatives.length === 1) return matchAll(index, unit.alternatives[0], true);
  const result = newMatch(index);
  unit.alternatives.forEach((words, i) => {
    const m = matchAll(index, words, i === 0);
    const factor = i === 0 ? 1 : QUALITY.synonym;
    for (const offer of m.offers) hit(result, offer, m.fields[offer], m.scores[offer] * factor);
    release(m);
  });
  return result;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let b = bits; b; b &= b - 1) count++;
  return count;
}

/** The unit's score for one offer: its best field, plus a little for each further field it is found in. */
function unitScore(match: WordMatch, offer: number): number {
  const best = match.scores[offer];
  if (best === 0) return 0;
  const fields = match.fields[offer];
  return best * (1 + FIELD_BONUS * (bitCount(fields & FIELD_BITS) - 1)) * (fields & EXACT_BIT ? 1 : INEXACT);
}

/** Offers (passing the filters) that every one of `matches` reaches. */
function intersect(matches: WordMatch[], passes: ((record: SearchRecord) => boolean) | undefined, records: SearchRecord[]): number[] {
  if (!matches.length) return [];
  const rarest = matches.reduce((a, b) => (b.offers.length < a.offers.length ? b : a));
  return rarest.offers.filter((offer) => matches.every((m) => m.scores[offer] > 0) && (!passes || passes(records[offer])));
}

interface Unit {
  unit: QueryUnit;
  match: WordMatch;
  /** The unit's best score in any offer: how well it matched at all. */
  best: number;
}

/**
 * General: the unit reaches many offers and is itself a common word (weight below 1).
 * A rare word that reaches many offers through a taxonomy entry ("Pflege" → Gesundheit)
 * still says what the resident wants.
 */
function isGeneral(index: SearchIndex, u: Unit, generalFrom: number): boolean {
  if (u.match.offers.length <= generalFrom || u.unit.alternatives[0].length > 1) return false;
  const id = index.termIds.get(u.unit.text);
  return id !== undefined && index.termWeight[id] < 1;
}

/**
 * The largest set of units that still finds offers together; among sets of one size,
 * the one whose units matched best. Few units: every subset is tried; many: the
 * weakest unit is dropped until something is found.
 */
function relax(units: Unit[], passes: ((record: SearchRecord) => boolean) | undefined, records: SearchRecord[]): { kept: Unit[]; offers: number[] } {
  if (units.length <= MAX_SUBSET_UNITS) {
    for (let size = units.length - 1; size >= 1; size--) {
      let choice: { kept: Unit[]; offers: number[]; strength: number } | undefined;
      for (let mask = 1; mask < 1 << units.length; mask++) {
        if (bitCount(mask) !== size) continue;
        const kept = units.filter((_, i) => mask & (1 << i));
        const strength = kept.reduce((sum, u) => sum + u.best, 0);
        if (choice && strength <= choice.strength) continue;
        const offers = intersect(kept.map((u) => u.match), passes, records);
        if (offers.length) choice = { kept, offers, strength };
      }
      if (choice) return choice;
    }
    return { kept: [], offers: [] };
  }
  const kept = [...units].sort((a, b) => b.best - a.best);
  while (kept.length > 1) {
    kept.pop();
    const offers = intersect(kept.map((u) => u.match), passes, records);
    if (offers.length) return { kept, offers };
  }
  return { kept: [], offers: [] };
}

/**
 * Searches the offers. An empty query returns every offer passing the filters in data
 * order (by title). With an audience filter, offers named for the audience come before
 * offers for everyone (no audience given).
 */
export function search(index: SearchIndex, query: string, filters: Filters = {}, options: SearchOptions = {}): SearchResult {
  const { data } = index;
  const records = data.offers;
  const passes = compileFilters(data, filters, options.now);
  const tier = audienceTier(data, filters);
  const units = queryUnits(index, query);

  if (units.length === 0) {
    const hits: SearchHit[] = [];
    records.forEach((record, i) => {
      if (!passes || passes(record)) hits.push({ index: i, id: record.id, score: null, prescore: 0 });
    });
    if (tier) hits.sort((a, b) => tier(records[a.index]) - tier(records[b.index]) || a.index - b.index);
    return { hits, words: [], ignored: [] };
  }

  const found: Unit[] = [];
  const ignored: string[] = [];
  for (const unit of units) {
    const match = matchUnit(index, unit);
    if (match.offers.length === 0) {
      ignored.push(unit.text);
      release(match);
      continue;
    }
    let best = 0;
    for (const offer of match.offers) best = Math.max(best, match.scores[offer]);
    found.push({ unit, match, best });
  }

  const generalFrom = GENERAL_SHARE * records.length;
  const meaningful = found.filter((u) => !ACTION_WORDS.has(u.unit.text));
  const specific = meaningful.filter((u) => !isGeneral(index, u, generalFrom) && u.best >= WEAK_SCORE);
  const required = specific.length ? specific : meaningful.length ? meaningful : found;
  const optional = found.filter((u) => !required.includes(u));
  let kept = required;
  let offers = intersect(required.map((u) => u.match), passes, records);
  if (offers.length === 0 && found.length > 1) {
    // Specific words that find nothing together: keep the best set of them, or of all words.
    let relaxed = required.length > 1 ? relax(required, passes, records) : { kept: [], offers: [] };
    if (!relaxed.offers.length && optional.length) relaxed = relax(found, passes, records);
    kept = relaxed.kept;
    offers = relaxed.offers;
  }
  const scored = kept.length ? [...kept, ...optional.filter((u) => !kept.includes(u))] : [];
  for (const u of found) if (kept.length && !scored.includes(u)) ignored.push(u.unit.text);
  if (!kept.length) for (const u of found) if (!ignored.includes(u.unit.text)) ignored.push(u.unit.text);

  const hits: SearchHit[] = offers.map((offer) => ({ index: offer, id: records[offer].id, score: 0, prescore: scored.reduce((sum, u) => sum + unitScore(u.match, offer) * (ACTION_WORDS.has(u.unit.text) ? ACTION_WEIGHT : 1), 0) }));
  for (const u of found) release(u.match);
  hits.sort((a, b) => (tier ? tier(records[a.index]) - tier(records[b.index]) : 0) || b.prescore - a.prescore || a.index - b.index);
  const top = hits.reduce((max, h) => Math.max(max, h.prescore), 0);
  for (const h of hits) h.score = top > 0 ? Math.max(0, 1 - h.prescore / top) : 0;
  return { hits, words: scored.map((u) => u.unit.text), ignored };
}
