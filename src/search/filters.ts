/**
 * The finder's filters: their URL names (German, so a shared link reads
 * `/angebote/?q=deutsch&kategorie=sprache&sprache=tr`), validation against the search
 * data, and the test each offer must pass. Shared by the browser and the CLI.
 */
import { berlinClock, berlinDate, berlinWeekday } from '../lib/dates.ts';
import { DAY_CODES, FLAG, type DayCode, type SearchData, type SearchRecord } from './data.ts';

/** Weekday codes as they appear in the URL (German) → the schema's codes. */
export const URL_DAYS: Record<string, DayCode> = { mo: 'mo', di: 'tu', mi: 'we', do: 'th', fr: 'fr', sa: 'sa', so: 'su' };
const DAY_TO_URL = Object.fromEntries(Object.entries(URL_DAYS).map(([url, code]) => [code, url])) as Record<DayCode, string>;

export interface Filters {
  kategorie?: string;
  fuer?: string;
  sprache?: string;
  netzwerk?: string;
  anbieter?: string;
  tag?: DayCode;
  kostenlos?: boolean;
  rollstuhl?: boolean;
  kinderbetreuung?: boolean;
  jetzt?: boolean;
}

export type FilterKey = keyof Filters;

/** Choice filters and the facet table each one selects from. */
export const CHOICE_FILTERS = {
  kategorie: 'categories',
  fuer: 'audiences',
  sprache: 'languages',
  netzwerk: 'networks',
  anbieter: 'providers',
} as const satisfies Partial<Record<FilterKey, keyof SearchData>>;

type ChoiceKey = keyof typeof CHOICE_FILTERS;
type FacetTable = (typeof CHOICE_FILTERS)[ChoiceKey];

const CHOICE_NAMES: Record<ChoiceKey, string> = { kategorie: 'Das Thema', fuer: 'Die Zielgruppe', sprache: 'Die Sprache', netzwerk: 'Das Netzwerk', anbieter: 'Den Anbieter' };

export const SWITCH_FILTERS = ['kostenlos', 'rollstuhl', 'kinderbetreuung', 'jetzt'] as const;

/** Every filter in the order the page shows them (and the URL lists them). */
export const FILTER_KEYS: readonly FilterKey[] = ['kategorie', 'fuer', 'sprache', 'tag', 'jetzt', 'kostenlos', 'rollstuhl', 'kinderbetreuung', 'netzwerk', 'anbieter'];

export interface FinderState {
  q: string;
  filters: Filters;
}

export function stateFromParams(params: URLSearchParams): FinderState {
  const filters: Filters = {};
  for (const key of Object.keys(CHOICE_FILTERS) as ChoiceKey[]) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const day = URL_DAYS[params.get('tag')?.trim().toLowerCase() ?? ''];
  if (day) filters.tag = day;
  for (const key of SWITCH_FILTERS) if (['1', 'ja', 'true'].includes(params.get(key) ?? '')) filters[key] = true;
  return { q: params.get('q')?.trim() ?? '', filters };
}

export function stateToParams(state: FinderState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value === undefined || value === false) continue;
    if (key === 'tag') params.set(key, DAY_TO_URL[value as DayCode]);
    else params.set(key, value === true ? '1' : String(value));
  }
  return params;
}

export function activeFilterKeys(filters: Filters): FilterKey[] {
  return FILTER_KEYS.filter((key) => filters[key] !== undefined && filters[key] !== false);
}

/** German message for every filter value the data does not know; valid filters kept. */
export function validateFilters(data: SearchData, filters: Filters): { filters: Filters; problems: string[] } {
  const valid: Filters = { ...filters };
  const problems: string[] = [];
  for (const [key, table] of Object.entries(CHOICE_FILTERS) as [ChoiceKey, FacetTable][]) {
    const value = filters[key];
    if (value === undefined) continue;
    const facets = data[table];
    if (!facets.some((f) => f.slug === value)) {
      delete valid[key];
      const known = facets.map((f) => f.slug).join(', ');
      problems.push(`${CHOICE_NAMES[key]} „${value}“ gibt es nicht (${key}). Möglich sind: ${known || '(keine)'}.`);
    }
  }
  if (filters.tag !== undefined && !DAY_CODES.includes(filters.tag)) {
    delete valid.tag;
    problems.push(`Den Wochentag „${filters.tag}“ gibt es nicht. Möglich sind: ${Object.keys(URL_DAYS).join(', ')}.`);
  }
  return { filters: valid, problems };
}

/** Is the offer open at this weekday and minute of the day? The closing minute counts as closed. */
export function isOpen(record: SearchRecord, dayBit: number, minute: number): boolean {
  return (record.h ?? []).some(([days, opens, closes]) => (days & dayBit) !== 0 && opens <= minute && minute < closes);
}

/**
 * The test an offer must pass, or `undefined` when no filter is set. Unknown values
 * match nothing (validate first to tell the user). "Jetzt geöffnet" is judged in
 * Europe/Berlin at `now`, whatever zone the device is in.
 */
export function compileFilters(data: SearchData, filters: Filters, now: Date = new Date()): ((record: SearchRecord) => boolean) | undefined {
  const tests: ((record: SearchRecord) => boolean)[] = [];
  const choice = (slug: string | undefined, table: FacetTable, read: (record: SearchRecord) => number[] | number) => {
    if (slug === undefined) return;
    const wanted = data[table].findIndex((f) => f.slug === slug);
    tests.push((record) => {
      const value = read(record);
      return typeof value === 'number' ? value === wanted : value.includes(wanted);
    });
  };
  choice(filters.kategorie, 'categories', (r) => r.c);
  if (filters.fuer !== undefined) {
    // An offer without audiences is for everyone (content model), so it is for this audience too.
    const wanted = data.audiences.findIndex((f) => f.slug === filters.fuer);
    tests.push((record) => record.a.length === 0 || record.a.includes(wanted));
  }
  choice(filters.sprache, 'languages', (r) => r.l);
  choice(filters.netzwerk, 'networks', (r) => r.n);
  choice(filters.anbieter, 'providers', (r) => r.p);
  if (filters.kostenlos) tests.push((r) => (r.f & FLAG.free) !== 0);
  if (filters.rollstuhl) tests.push((r) => (r.f & FLAG.wheelchair) !== 0);
  if (filters.kinderbetreuung) tests.push((r) => (r.f & FLAG.childcare) !== 0);
  if (filters.tag) {
    const bit = 1 << DAY_CODES.indexOf(filters.tag);
    tests.push((r) => (r.h ?? []).some(([days]) => (days & bit) !== 0));
  }
  if (filters.jetzt) {
    const bit = 1 << DAY_CODES.indexOf(berlinWeekday(now));
    const [hours, mins] = berlinClock(now).split(':').map(Number);
    const today = berlinDate(now);
    tests.push((r) => (!r.o || r.o <= today) && isOpen(r, bit, hours * 60 + mins));
  }
  if (!tests.length) return undefined;
  return (record) => tests.every((test) => test(record));
}

/**
 * With an audience filter: 0 for offers named for the audience, 1 for offers for
 * everyone, so the search can list the named ones first. `undefined` without the filter.
 */
export function audienceTier(data: SearchData, filters: Filters): ((record: SearchRecord) => number) | undefined {
  if (filters.fuer === undefined) return undefined;
  const wanted = data.audiences.findIndex((f) => f.slug === filters.fuer);
  return (record) => (record.a.includes(wanted) ? 0 : 1);
}
