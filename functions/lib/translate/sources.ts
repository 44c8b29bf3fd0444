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
