/**
 * The translation run: finds what is missing or stale, sends each distinct text once per
 * language to DeepL in batches, and writes each entry's file once, after all its texts
 * came back. Stops before the monthly character budget would be passed. Importable by a
 * scheduled function: it only needs the project root and a translator.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from '../../../src/schema/translations.ts';
import { settingsSchema } from '../../../src/schema/settings.ts';
import { readEntryFile, writeTranslations } from './entry-file.ts';
import { glossaryPattern, IGNORE_TAG, markdownSegments, textSegment, type Segment } from './markup.ts';
import { checkedState, germanSources, MARKDOWN_FIELDS, sourceHash, translationHash, TRANSLATION_META_KEYS, type Sources, type TranslatedCollection } from './sources.ts';

/** The part of deepl-node's Translator the run uses (tests and functions pass the real one). */
export interface TranslatorLike {
  translateText(texts: string[], source: 'de', target: string, options: Record<string, unknown>): Promise<{ text: string }[]>;
  getUsage(): Promise<{ character?: { count: number; limit: number } | null }>;
}

/** DeepL accepts up to 50 texts per request. */
const BATCH_SIZE = 50;
/** Our language codes → DeepL target codes (British English, as agreed for the site). */
export const DEEPL_TARGET: Record<TranslationLanguage, string> = { en: 'EN-GB', tr: 'TR', ar: 'AR', ru: 'RU', uk: 'UK' };

const COLLECTIONS: TranslatedCollection[] = ['offers', 'organisations'];

interface Job {
  file: string;
  collection: TranslatedCollection;
  lang: TranslationLanguage;
  kind: 'missing' | 'stale' | 'incomplete';
  /** Field → segments to translate and how to rebuild the field value. */
  fields: { name: string; segments: Segment[]; build(texts: string[]): string | string[] }[];
  /** The translation group as it stands (kept fields stay). */
  existing: Record<string, unknown>;
  hash: string;
}

export interface TranslateReport {
  /** Entry files rewritten, relative to the root. */
  written: string[];
  /** One line per translation done, e.g. "content/offers/x.md: tr (neu)". */
  done: string[];
  /** Translations that were needed but not done because of the budget. */
  left: string[];
  /** Checked translations whose German text changed (never touched). */
  checkedStale: string[];
  /** Characters sent in this run (what DeepL bills). */
  charactersSent: number;
  /** What DeepL reported as used this month after the run. */
  usage?: { count: number; limit: number };
  budget: number;
  stoppedByBudget: boolean;
}

/** The monthly budget from content/settings/site.yml; the schema holds the default. */
function budgetOf(root: string): number {
  const settings = parse(readFileSync(join(root, 'content/settings/site.yml'), 'utf8')) as { translation_budget?: unknown } | null;
  const parsed = settingsSchema.shape.translation_budget.safeParse(settings?.translation_budget);
  if (!parsed.success) throw new Error('content/settings/site.yml: „translation_budget“ muss eine ganze Zahl von Zeichen sein, z. B. 400000.');
  return parsed.data;
}

/** Names that must come out unchanged: organisations, places, streets (from the content itself). */
function glossaryNames(entries: { collection: TranslatedCollection; data: Record<string, unknown> }[]): string[] {
  const names: string[] = [];
  const add = (v: unknown) => typeof v === 'string' && names.push(v);
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
  return names;
}

function fieldSegments(name: string, value: string | string[], glossary: RegExp | undefined): Job['fields'][number] {
  if (Array.isArray(value)) {
    const segments = value.map((v) => textSegment(v, glossary));
    return { name, segments, build: (texts) => segments.map((s, i) => s.restore(texts[i])) };
  }
  if (MARKDOWN_FIELDS.has(name)) {
    const md = markdownSegments(value, glossary);
    return { name, segments: md.segments, build: (texts) => md.assemble(texts) };
  }
  const segment = textSegment(value, glossary);
  return { name, segments: [segment], build: (texts) => segment.restore(texts[0]) };
}

interface Planned {
  file: string;
  jobs: Job[];
  checkedStale: string[];
  /** Checked translations without a hash (new, or just brought up to date): record the current one. */
  stamps: Record<string, { source_hash: string; translation_hash: string }>;
}

/** What needs doing, per file. Pure apart from reading the content. */
export function plan(root: string): Planned[] {
  const loaded = COLLECTIONS.flatMap((collection) =>
    readdirSync(join(root, 'content', collection))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => {
        const file = `content/${collection}/${f}`;
        return { collection, file, ...readEntryFile(readFileSync(join(root, file), 'utf8'), file) };
      }),
  );
  const glossary = glossaryPattern(glossaryNames(loaded));
  const planned: Planned[] = [];
  for (const entry of loaded) {
    if (entry.data.draft === true) continue;
    const sources: Sources = germanSources(entry.collection, entry);
    if (Object.keys(sources).length === 0) continue;
    const hash = sourceHash(sources);
    const translations = (entry.data.translations ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const jobs: Job[] = [];
    const checkedStale: string[] = [];
    const stamps: Planned['stamps'] = {};
    for (const lang of TRANSLATION_LANGUAGES) {
      const existing = translations[lang];
      if (existing?.machine_translated === false) {
        const state = checkedState(existing, hash);
        if (state === 'record') stamps[lang] = { source_hash: hash, translation_hash: translationHash(existing) };
        else if (state === 'stale') checkedStale.push(`${entry.file}: ${lang}`);
        continue;
      }
      const kind: Job['kind'] = !existing ? 'missing' : typeof existing.source_hash === 'string' && existing.source_hash !== hash ? 'stale' : 'incomplete';
      const wanted = Object.entries(sources).filter(([name]) => kind !== 'incomplete' || isEmpty(existing?.[name]));
      // A machine translation made before hashes existed is adopted: its hash is recorded
      // so that the next change of the German text renews it.
      if (wanted.length === 0 && existing?.source_hash === hash) continue;
      jobs.push({ file: entry.file, collection: entry.collection, lang, kind, existing: existing ?? {}, hash, fields: wanted.map(([name, value]) => fieldSegments(name, value, glossary)) });
    }
    if (jobs.length > 0 || checkedStale.length > 0 || Object.keys(stamps).length > 0) planned.push({ file: entry.file, jobs, checkedStale, stamps });
  }
  return planned;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

const KIND_LABEL: Record<Job['kind'], string> = { missing: 'neu', stale: 'erneuert, deutscher Text geändert', incomplete: 'ergänzt' };

export interface RunOptions {
  root: string;
  translator: TranslatorLike;
  log?: (line: string) => void;
}

export async function translateProject({ root, translator, log = () => {} }: RunOptions): Promise<TranslateReport> {
  const budget = budgetOf(root);
  const planned = plan(root);
  const before = (await translator.getUsage()).character;
  let used = before?.count ?? 0;
  const report: TranslateReport = { written: [], done: [], left: [], checkedStale: planned.flatMap((p) => p.checkedStale), charactersSent: 0, budget, stoppedByBudget: false };

  // Texts already known in this run, per language: each distinct text is sent once.
  const known = new Map<string, string>();
  const keyOf = (lang: string, xml: string) => `${lang}\u0001${xml}`;

  // Texts waiting to be sent, per language, and the files that wait for them. Files are
  // gathered until a language has a full batch, so requests carry up to 50 texts each.
  const pending = new Map<string, Set<string>>();
  let pendingCost = 0;
  let waiting: Planned[] = [];

  const flush = async () => {
    for (const [lang, texts] of pending) {
      const list = [...texts];
      for (let i = 0; i < list.length; i += BATCH_SIZE) {
        const batch = list.slice(i, i + BATCH_SIZE);
        // deepl-node retries 429 and 5xx itself (with backoff); the results land here once.
        const results = await translator.translateText(batch, 'de', DEEPL_TARGET[lang as TranslationLanguage], {
          tagHandling: 'xml',
          ignoreTags: [IGNORE_TAG],
          splitSentences: 'nonewlines',
        });
        batch.forEach((xml, k) => known.set(keyOf(lang, xml), results[k].text));
        const chars = batch.reduce((n, xml) => n + xml.length, 0);
        used += chars;
        report.charactersSent += chars;
      }
    }
    pending.clear();
    pendingCost = 0;
    for (const planned of waiting) writeEntry(planned);
    waiting = [];
  };

  const writeEntry = ({ file, jobs, stamps }: Planned) => {
    const changed: Record<string, Record<string, unknown>> = {};
    for (const job of jobs) {
      const next: Record<string, unknown> = { ...job.existing };
      for (const key of TRANSLATION_META_KEYS) delete next[key];
      for (const f of job.fields) next[f.name] = f.build(f.segments.map((s) => known.get(keyOf(job.lang, s.xml))!));
      changed[job.lang] = { ...next, machine_translated: true, source_hash: job.hash };
      report.done.push(`${file}: ${job.lang} (${KIND_LABEL[job.kind]})`);
    }
    if (jobs.length === 0 && Object.keys(stamps).length === 0) return;
    const path = join(root, file);
    writeFileSync(path, writeTranslations(readFileSync(path, 'utf8'), file, changed, stamps));
    report.written.push(file);
    log(`Übersetzt: ${file} (${jobs.map((j) => j.lang).join(', ') || 'Prüfstand vermerkt'})`);
  };

  for (const entry of planned) {
    // A file's new texts must fit the budget as a whole, so a file is either translated
    // completely or left for next month, never half.
    const fresh = new Map<string, Set<string>>();
    for (const job of entry.jobs) for (const f of job.fields) for (const s of f.segments) {
      const key = keyOf(job.lang, s.xml);
      if (known.has(key) || pending.get(job.lang)?.has(s.xml)) continue;
      if (!fresh.has(job.lang)) fresh.set(job.lang, new Set());
      fresh.get(job.lang)!.add(s.xml);
    }
    const cost = [...fresh.values()].reduce((sum, set) => sum + [...set].reduce((n, xml) => n + xml.length, 0), 0);
    if (cost > 0 && (report.stoppedByBudget || used + pendingCost + cost > budget)) {
      report.stoppedByBudget = true;
      report.left.push(...entry.jobs.map((j) => `${entry.file}: ${j.lang}`));
      continue;
    }
    for (const [lang, texts] of fresh) {
      if (!pending.has(lang)) pending.set(lang, new Set());
      for (const xml of texts) pending.get(lang)!.add(xml);
    }
    pendingCost += cost;
    waiting.push(entry);
    if ([...pending.values()].some((set) => set.size >= BATCH_SIZE)) await flush();
  }
  await flush();
  const after = (await translator.getUsage()).character;
  if (after) report.usage = { count: after.count, limit: after.limit };
  return report;
}
