/**
 * The search data: what the build writes to /angebote/suche.json and what the CLI builds
 * in memory from content/. Only published offers go in (the caller passes them).
 *
 * Why this shape: a serialised fuse.js index is larger than the records and slow to
 * parse, and the full Markdown body makes every query slower. So each offer carries
 * short, already folded search texts (body reduced to the words not found elsewhere),
 * and taxonomy terms with their synonyms are stored once in facet tables that offers
 * point to by position. Display data stays in the page's HTML.
 */
import type { Offer, TaxonomyTerm } from '../schema/index.ts';
import { searchText } from './normalize.ts';
import { bodyStopwords } from './body-stopwords.ts';
import { DAYS as DAY_CODES, type Day as DayCode } from '../schema/days.ts';
import { LANGUAGE_NAMES, synonymGroups } from './synonyms.ts';
import { wordWeight, wordWeights } from './weights.ts';

export const SEARCH_DATA_VERSION = 2;

/** A filterable, partly searchable value: category, audience, language, network, provider. */
export interface Facet {
  slug: string;
  label: string;
  /** Folded phrases a query can match (label, synonyms, other names); empty = filter only. */
  terms: string[];
  /** How much a match counts (see weights.ts), when below 1: the entry applies to many offers. */
  w?: number;
}

/** Bits of `SearchRecord.f`. */
export const FLAG = { free: 1, wheelchair: 2, childcare: 4, online: 8 } as const;

/** Day codes in the order of their bits in a schedule slot (mo = 1, tu = 2, … su = 64): the schema's. */
export { DAY_CODES, type DayCode };

export interface SearchRecord {
  /** Slug of the offer (its page is /angebote/<id>/). */
  id: string;
  /** Title, folded. */
  t: string;
  /** Keywords, folded, one phrase each. */
  k: string[];
  /** Summary, folded, without stop words. */
  s: string;
  /** Body, place and cost note: folded words not already in t, k or s. */
  b: string;
  /** Positions in `categories`, `audiences`, `languages`, `networks`; `p` in `providers`. */
  c: number[];
  a: number[];
  l: number[];
  n: number[];
  p: number;
  /** FLAG bits. */
  f: number;
  /** Weekly slots: [day bits, opens (minutes after midnight), closes]. */
  h?: [number, number, number][];
  /** [lat, lng] of the place, if known. */
  g?: [number, number];
  /** `starts_on` (YYYY-MM-DD): not "open now" before that day. */
  o?: string;
}

export interface SearchData {
  v: typeof SEARCH_DATA_VERSION;
  categories: Facet[];
  audiences: Facet[];
  languages: Facet[];
  networks: Facet[];
  providers: Facet[];
  offers: SearchRecord[];
  /** Words found in many offers → their weight below 1 (see weights.ts), computed here at build time. */
  w: Record<string, number>;
  /** Groups of folded phrases meant the same (synonyms.ts): a query word in a group also searches the others. */
  syn: string[][];
}

/** What the builder needs; matches both Astro collection entries and loadContent entries. */
export interface SearchSource {
  offers: { id: string; data: Offer; body?: string }[];
  organisations: { id: string; data: { name: string; short_name?: string } }[];
  networks: { id: string; data: { title: string; short_title?: string } }[];
  categories: TermSource[];
  audiences: TermSource[];
}

/** What the search needs of a topic or audience (taxonomy files). */
export type TermSource = Pick<TaxonomyTerm, 'slug' | 'label' | 'synonyms'> & { translations?: TaxonomyTerm['translations'] };

const phrases = (values: readonly (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)).map((v) => searchText(v)).filter(Boolean))];

/** Markdown to words: link targets, URLs and markup carry nothing a resident types. */
function markdownWords(markdown: string): string {
  return markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#*_>`[\]|]/g, ' ');
}

/** A language: its German name, its own name, its name in the finder's language, and the other names residents use. */
function languageFacet(code: string, lang: string): Facet {
  const label = displayName('de', code);
  // German is the default language of nearly every offer: as a search word it would match everything.
  const terms = code === 'de' ? [] : phrases([label, displayName(code, code), displayName(lang, code), ...(LANGUAGE_NAMES[code] ?? [])]);
  return { slug: code, label, terms };
}

function displayName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The offer's translation into `lang` (not for German). Kept here rather than imported from
 * src/i18n: the finder's browser bundle imports this module's types and constants, and must
 * not pull in the interface catalogues.
 */
function translationFor(data: Offer, lang: string): NonNullable<Offer['translations']>[keyof NonNullable<Offer['translations']>] | undefined {
  if (lang === 'de') return undefined;
  return (data.translations as Record<string, NonNullable<Offer['translations']>['tr']> | undefined)?.[lang];
}

/**
 * A topic or audience as a facet in `lang`: its label in that language where the taxonomy
 * has one, and the words of both languages, so a query in Turkish or German finds the
 * topic's offers alike.
 */
function termFacet(term: TermSource, lang: string): Facet {
  const tr = lang === 'de' ? undefined : term.translations?.[lang as keyof NonNullable<TaxonomyTerm['translations']>];
  return { slug: term.slug, label: tr?.label?.trim() || term.label, terms: phrases([tr?.label, ...(tr?.synonyms ?? []), term.label, ...(term.synonyms ?? [])]) };
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Builds the search data from published offers (the caller applies the publication rules),
 * offers in title order. For another interface language (`lang`) each offer's translated
 * text is indexed before its German text: a query in either language finds it.
 */
export function buildSearchData(source: SearchSource, lang = 'de'): SearchData {
  // Sorted here, whatever order the caller loaded things in: the build and the CLI must produce the same data.
  const bySlug = (a: Facet, b: Facet) => a.slug.localeCompare(b.slug);
  const byLabel = (a: Facet, b: Facet) => a.label.localeCompare(b.label, 'de') || bySlug(a, b);
  const categories: Facet[] = source.categories.map((c) => termFacet(c, lang)).sort(bySlug);
  const audiences: Facet[] = source.audiences.map((a) => termFacet(a, lang)).sort(bySlug);
  const networks: Facet[] = source.networks.map((n) => ({ slug: n.id, label: n.data.short_title ?? n.data.title, terms: [] })).sort(bySlug);
  const usedProviders = new Set(source.offers.map((o) => o.data.provider));
  const providers: Facet[] = source.organisations
    .filter((o) => usedProviders.has(o.id))
    .map((o) => ({ slug: o.id, label: o.data.name, terms: phrases([o.data.name, o.data.short_name]) }))
    .sort(byLabel);
  const languageCodes = [...new Set(source.offers.flatMap((o) => o.data.languages))].sort((a, b) => (a === 'de' ? -1 : b === 'de' ? 1 : displayName('de', a).localeCompare(displayName('de', b), 'de')));
  const languages = languageCodes.map((code) => languageFacet(code, lang));

  const position = (list: { slug: string }[]) => new Map(list.map((item, index) => [item.slug, index]));
  const positions = { c: position(categories), a: position(audiences), l: position(languages), n: position(networks), p: position(providers) };
  const indexOf = (map: Map<string, number>, slugs: readonly string[] | undefined) => (slugs ?? []).map((s) => map.get(s)).filter((i): i is number => i !== undefined);

  const sortedOffers = [...source.offers].sort((a, b) => a.data.title.localeCompare(b.data.title, 'de') || a.id.localeCompare(b.id));
  const offers = sortedOffers.map((offer): SearchRecord => {
    const d = offer.data;
    const tr = translationFor(d, lang);
    // Summary and body in the page's language; German only where the entry has none in it.
    // German title and keywords stay in every language's data (a resident may type
    // "Deutschkurs" or "Sprachcafé" anywhere), but German texts beside translated ones would double the
    // data a phone loads for the finder (the 60 kB budget, tests/browser/transfer-budget).
    const t = searchText([tr?.title ?? '', d.title]);
    const k = phrases([...(tr?.keywords ?? []), ...(d.keywords ?? [])]);
    const s = searchText([tr?.summary ?? d.summary]);
    const seen = new Set([...t.split(' '), ...k.flatMap((p) => p.split(' ')), ...s.split(' ')]);
    // The place's name and street; the city (the same for nearly every offer) and house
    // numbers tell no offer apart.
    const place = d.location ? [d.location.name, d.location.street] : [];
    const translatedBody = tr?.body ? [markdownWords(tr.body), tr.cost_note ?? '', tr.schedule_note ?? ''] : undefined;
    const germanBody = [markdownWords(offer.body ?? ''), d.cost.note ?? '', d.schedule_note ?? ''];
    const b = searchText([...(translatedBody ?? germanBody), ...place.filter((p): p is string => Boolean(p))], new Set([...seen, ...bodyStopwords()]))
      .split(' ')
      .filter((word) => !/^\d+$/.test(word))
      .join(' ');
    const f = (d.cost.free ? FLAG.free : 0) | (d.accessibility?.wheelchair ? FLAG.wheelchair : 0) | (d.childcare ? FLAG.childcare : 0) | (d.online ? FLAG.online : 0);
    const record: SearchRecord = {
      id: offer.id,
      t,
      k,
      s,
      b,
      c: indexOf(positions.c, d.categories),
      a: indexOf(positions.a, d.audiences),
      l: indexOf(positions.l, d.languages),
      n: indexOf(positions.n, d.networks),
      p: positions.p.get(d.provider) ?? -1,
      f,
    };
    if (d.schedule?.length) {
      record.h = d.schedule.map((slot) => [slot.days.reduce((bits, day) => bits | (1 << DAY_CODES.indexOf(day)), 0), minutes(slot.opens), minutes(slot.closes)]);
    }
    const geo = d.location?.geo;
    if (geo) record.g = [geo.lat, geo.lng];
    if (d.starts_on) record.o = d.starts_on;
    return record;
  });
  weighFacets(offers, { categories, audiences, languages, providers });
  const w = wordWeights(offers.map((r) => new Set([r.t, ...r.k, r.s, r.b].join(' ').split(' ').filter(Boolean))));
  const syn = synonymGroups(lang)
    .map((group) => phrases(group))
    .filter((group) => group.length > 1);
  return { v: SEARCH_DATA_VERSION, categories, audiences, languages, networks, providers, offers, w, syn };
}

/** A taxonomy entry, language or provider that many offers share says little about each of them. */
function weighFacets(offers: SearchRecord[], tables: Record<'categories' | 'audiences' | 'languages' | 'providers', Facet[]>) {
  const keys = { categories: 'c', audiences: 'a', languages: 'l', providers: 'p' } as const;
  for (const [table, facets] of Object.entries(tables) as [keyof typeof keys, Facet[]][]) {
    const counts = new Array<number>(facets.length).fill(0);
    for (const offer of offers) {
      const value = offer[keys[table]];
      for (const position of typeof value === 'number' ? [value] : value) if (position >= 0) counts[position]++;
    }
    facets.forEach((facet, i) => {
      const weight = wordWeight(counts[i], offers.length);
      if (weight < 1) facet.w = weight;
    });
  }
}
