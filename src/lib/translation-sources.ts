/**
 * Which German texts of an entry are machine translated, under which translation field,
 * and the hash that tells whether a translation still matches its German source. Shared
 * by the translate run and the health report, so both judge staleness the same way.
 * Leichte Sprache (summary_easy) is deliberately absent: it is written for German readers
 * with reading difficulties and must never come out of a machine.
 */
import { createHash } from 'node:crypto';

export type TranslatedCollection = 'offers' | 'organisations';
export type SourceValue = string | string[];
export type Sources = Record<string, SourceValue>;

/** The entry as read from its file: front matter (raw or parsed) and Markdown body. */
export interface SourceEntry {
  data: Record<string, unknown>;
  body: string;
}

/** Field names inside `translations.<lang>` that hold Markdown (translated block by block). */
export const MARKDOWN_FIELDS = new Set(['body']);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const nested = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);

/** Translation field → German text, only for fields the German entry actually has. */
export function germanSources(collection: TranslatedCollection, entry: SourceEntry): Sources {
  const { data } = entry;
  const candidates: Record<string, SourceValue | undefined> =
    collection === 'offers'
      ? {
          title: text(data.title),
          summary: text(data.summary),
          body: text(entry.body),
          keywords: Array.isArray(data.keywords) ? data.keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== '') : undefined,
          schedule_note: text(data.schedule_note),
          cost_note: text(nested(data.cost, 'note')),
          registration_how: text(nested(data.registration, 'how')),
        }
      : { summary: text(data.summary), body: text(entry.body) };
  return Object.fromEntries(Object.entries(candidates).filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length > 0))) as Sources;
}

/** A short, stable fingerprint of the German texts (field order fixed, whitespace trimmed). */
export function sourceHash(sources: Sources): string {
  const canonical = JSON.stringify(Object.keys(sources).sort().map((key) => [key, sources[key]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Bookkeeping keys inside `translations.<lang>` besides the texts. */
export const TRANSLATION_META_KEYS = ['machine_translated', 'source_hash', 'translation_hash'] as const;

/** Fingerprint of a translation's own texts (everything but the bookkeeping keys). */
export function translationHash(group: Record<string, unknown>): string {
  const texts = Object.fromEntries(
    Object.entries(group).filter(([key, value]) => !(TRANSLATION_META_KEYS as readonly string[]).includes(key) && value !== undefined && value !== null && value !== ''),
  ) as Sources;
  return sourceHash(texts);
}

/**
 * The state of a translation a person checked (`machine_translated: false`):
 * - `current`: made for the German text as it is;
 * - `stale`: the German text changed and the translation was not touched since;
 * - `record`: nothing recorded yet, or the person edited the translation after the German
 *   change (edited beside the current German in the CMS): the current state is recorded.
 * So a person brings a stale translation up to date simply by editing it.
 */
export function checkedState(group: Record<string, unknown>, germanHash: string): 'current' | 'stale' | 'record' {
  if (typeof group.source_hash !== 'string' || typeof group.translation_hash !== 'string') return 'record';
  if (group.translation_hash !== translationHash(group)) return 'record';
  return group.source_hash === germanHash ? 'current' : 'stale';
}

/**
 * Where one language of an entry stands, judged from the entry as it is now:
 * - `missing`: no translation at all;
 * - `stale`: a machine translation made for an older German text;
 * - `incomplete`: a machine translation lacking a field the German entry has;
 * - `unhashed`: a complete machine translation from before hashes were kept (adopted as is);
 * - `machine`: a current machine translation;
 * - `checked`, `checked-stale`, `checked-unrecorded`: a person checked it (see checkedState).
 * The translate run, the nightly work list, health and the coverage figures all read this.
 */
export type TranslationState = 'missing' | 'stale' | 'incomplete' | 'unhashed' | 'machine' | 'checked' | 'checked-stale' | 'checked-unrecorded';

/** States the machine has to send text for. */
export const NEEDS_TRANSLATION: ReadonlySet<TranslationState> = new Set(['missing', 'stale', 'incomplete']);

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export interface EntryTranslations {
  sources: Sources;
  hash: string;
  /** Per language (TRANSLATION_LANGUAGES order). */
  states: Record<string, TranslationState>;
  /** Per language, the German fields a machine translation has to (re)translate. */
  wanted: Record<string, string[]>;
}

/**
 * The translation state of every language of an entry, or undefined for an entry the
 * machine never translates (a draft, or one without German text).
 */
export function entryTranslations(collection: TranslatedCollection, entry: SourceEntry, languages: readonly string[]): EntryTranslations | undefined {
  if (entry.data.draft === true) return undefined;
  const sources = germanSources(collection, entry);
  if (Object.keys(sources).length === 0) return undefined;
  const hash = sourceHash(sources);
  const groups = (entry.data.translations ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const states: Record<string, TranslationState> = {};
  const wanted: Record<string, string[]> = {};
  for (const lang of languages) {
    const group = groups[lang];
    if (group?.machine_translated === false) {
      const state = checkedState(group, hash);
      states[lang] = state === 'current' ? 'checked' : state === 'stale' ? 'checked-stale' : 'checked-unrecorded';
      continue;
    }
    if (!group) {
      states[lang] = 'missing';
      wanted[lang] = Object.keys(sources);
    } else if (typeof group.source_hash === 'string' && group.source_hash !== hash) {
      states[lang] = 'stale';
      wanted[lang] = Object.keys(sources);
    } else {
      const lacking = Object.keys(sources).filter((name) => isEmpty(group[name]));
      if (lacking.length > 0) {
        states[lang] = 'incomplete';
        wanted[lang] = lacking;
      } else states[lang] = group.source_hash === hash ? 'machine' : 'unhashed';
    }
  }
  return { sources, hash, states, wanted };
}

/**
 * Names that must come out of the machine unchanged: organisations, places, streets (from
 * the content itself). The build lists them for the nightly run, which reads only the
 * files it translates.
 */
export function glossaryNames(entries: Iterable<{ data: Record<string, unknown> }>): string[] {
  const names = new Set<string>();
  const add = (v: unknown) => typeof v === 'string' && v.trim() && names.add(v);
  for (const { data } of entries) {
    add(data.name);
    add(data.short_name);
    for (const place of [data.location, data.address] as Record<string, unknown>[]) {
      if (place && typeof place === 'object') {
        add(place.name);
        add(place.street);
      }
    }
  }
  return [...names];
}
