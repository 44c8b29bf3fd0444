/**
 * From a query unit to the offers it reaches, through the inverted index: exactly, as
 * the start or part of a compound ("kurs" → "Sprachkurs"), as an inflection, with a typo
 * ("Bewerbng"), as a taxonomy synonym ("Job" → Arbeit), or by another name. Each offer
 * gets the unit's best score: field weight (title > keywords > taxonomy > summary >
 * body) × match quality × the word's build-time weight (weights.ts).
 */
import { allowedTypos, bigrams, substringDistance } from './fuzzy.ts';
import { FIELD_WEIGHT, type SearchIndex } from './inverted-index.ts';
import type { QueryUnit } from './units.ts';

/** Match quality per kind of word match, multiplied with the field weight. */
const QUALITY = { exact: 1, prefix: 0.7, part: 0.55, stem: 0.8, typo1: 0.6, typo2: 0.45, synonym: 0.9 } as const;

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

const ENDINGS = ['ern', 'en', 'er', 'es', 'e', 'n', 's'];
/**
 * Russian and Ukrainian case and number endings, longest first, as fold() spells them
 * (й → и, і → и, є → е): "курсы", "курсов", "курсами" → "курс"; "долгам" → "долг".
 */
const CYRILLIC_ENDINGS = ['иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ности', 'ность', 'ости', 'ость', 'ии', 'ои', 'еи', 'ыи', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ов', 'ев', 'ах', 'ях', 'ам', 'ям', 'ом', 'ем', 'ою', 'ею', 'ию', 'ив', 'и', 'ы', 'а', 'я', 'у', 'ю', 'е', 'о', 'ь'];
/** Arabic plural and relational endings: "دورات" → "دور", "المهنية" → "مهن" (after fold: ة → ه). */
const ARABIC_ENDINGS = ['يات', 'ات', 'ين', 'ون', 'يه', 'ه', 'ي'];
const CYRILLIC = /^[\u0400-\u04ff]+$/;
const ARABIC = /^[\u0600-\u06ff]+$/;

/**
 * A light stem per script: German "Bewerbungen" → "bewerbung", "Kurse" → "kurs"; Russian
 * and Ukrainian, Arabic by their endings above. Undefined when nothing is cut.
 */
export function stemOf(word: string): string | undefined {
  const [endings, keep] = CYRILLIC.test(word) ? [CYRILLIC_ENDINGS, 4] : ARABIC.test(word) ? [ARABIC_ENDINGS, 3] : [ENDINGS, 4];
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= keep) return word.slice(0, -ending.length);
  }
  return undefined;
}

export interface WordMatch {
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
export function release(match: WordMatch) {
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
export function matchUnit(index: SearchIndex, unit: QueryUnit): WordMatch {
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

export function bitCount(bits: number): number {
  let count = 0;
  for (let b = bits; b; b &= b - 1) count++;
  return count;
}

/** The unit's score for one offer: its best field, plus a little for each further field it is found in. */
export function unitScore(match: WordMatch, offer: number): number {
  const best = match.scores[offer];
  if (best === 0) return 0;
  const fields = match.fields[offer];
  return best * (1 + FIELD_BONUS * (bitCount(fields & FIELD_BITS) - 1)) * (fields & EXACT_BIT ? 1 : INEXACT);
}

