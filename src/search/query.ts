/**
 * One search, two front doors: the finder page and `npm run search` call `search()`.
 *
 * The query becomes units (units.ts), each unit reaches offers with a score (match.ts).
 * Every specific unit must match (AND); units found in many offers that are common words
 * themselves ("Hilfe", "Kurs") and action words ("finden") only add to the score. When the
 * specific units find nothing together, the largest set of them that does find something
 * is kept and the others are reported, so an answer is never empty while some words
 * match. With an audience filter, offers named for the audience come first.
 */
import type { SearchRecord } from './data.ts';
import { audienceTier, compileFilters, type Filters } from './filters.ts';
import type { SearchIndex } from './inverted-index.ts';
import { bitCount, matchUnit, release, unitScore, type WordMatch } from './match.ts';
import { ACTION_WORDS } from './normalize.ts';
import { queryUnits, type QueryUnit } from './units.ts';

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

/** What an action word adds to an offer's score, relative to a word of the thing asked for. */
const ACTION_WEIGHT = 0.3;

/** Above this many specific units, relaxing drops one unit at a time instead of trying every subset. */
const MAX_SUBSET_UNITS = 6;

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
