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
import { entryTranslations, glossaryNames, MARKDOWN_FIELDS, translationHash, TRANSLATION_META_KEYS, type TranslatedCollection } from '../../../src/lib/translation-sources.ts';

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
  /** The run stopped starting files because its time was up (the nightly function's limit). */
  stoppedByTime?: boolean;
  /** DeepL failed beyond its retries; only the files written before are in this report. */
  failed?: boolean;
}

/** The monthly budget from content/settings/site.yml; the schema holds the default. */
function budgetOf(root: string): number {
  const settings = parse(readFileSync(join(root, 'content/settings/site.yml'), 'utf8')) as { translation_budget?: unknown } | null;
  const parsed = settingsSchema.shape.translation_budget.safeParse(settings?.translation_budget);
  if (!parsed.success) throw new Error('content/settings/site.yml: „translation_budget“ muss eine ganze Zahl von Zeichen sein, z. B. 400000.');
  return parsed.data;
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

export interface Planned {
  file: string;
  /** The file's text the plan was made from: the translations are written into it. */
  text: string;
  jobs: Job[];
  checkedStale: string[];
  /** Checked translations without a hash (new, or just brought up to date): record the current one. */
  stamps: Record<string, { source_hash: string; translation_hash: string }>;
}

/** An entry file as read from the project folder or from git. */
export interface SourceFile {
  file: string;
  collection: TranslatedCollection;
  text: string;
}

/** Every offer and organisation file of the project folder. */
export function projectFiles(root: string): SourceFile[] {
  return COLLECTIONS.flatMap((collection) =>
    readdirSync(join(root, 'content', collection))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => {
        const file = `content/${collection}/${f}`;
        return { collection, file, text: readFileSync(join(root, file), 'utf8') };
      }),
  );
}

/** What needs doing in these files; `names` are the glossary (all content's names, not only these files'). */
export function planFiles(files: SourceFile[], names: Iterable<string>): Planned[] {
  const loaded = files.map((f) => ({ ...f, ...readEntryFile(f.text, f.file) }));
  const glossary = glossaryPattern(names);
  const planned: Planned[] = [];
  for (const entry of loaded) {
    const state = entryTranslations(entry.collection, entry, TRANSLATION_LANGUAGES);
    if (!state) continue;
    const translations = (entry.data.translations ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const jobs: Job[] = [];
    const checkedStale: string[] = [];
    const stamps: Planned['stamps'] = {};
    for (const lang of TRANSLATION_LANGUAGES) {
      const existing = translations[lang];
      switch (state.states[lang]) {
        case 'checked-unrecorded':
          stamps[lang] = { source_hash: state.hash, translation_hash: translationHash(existing!) };
          continue;
        case 'checked-stale':
          checkedStale.push(`${entry.file}: ${lang}`);
          continue;
        case 'checked':
        case 'machine':
          continue;
      }
      // `unhashed`: a machine translation made before hashes existed is adopted: its hash
      // is recorded so that the next change of the German text renews it.
      const kind: Job['kind'] = state.states[lang] === 'missing' ? 'missing' : state.states[lang] === 'stale' ? 'stale' : 'incomplete';
      const wanted = (state.wanted[lang] ?? []).map((name) => fieldSegments(name, state.sources[name], glossary));
      jobs.push({ file: entry.file, collection: entry.collection, lang, kind, existing: existing ?? {}, hash: state.hash, fields: wanted });
    }
    if (jobs.length > 0 || checkedStale.length > 0 || Object.keys(stamps).length > 0) planned.push({ file: entry.file, text: entry.text, jobs, checkedStale, stamps });
  }
  return planned;
}

/** What needs doing in the project folder, per file. */
export function plan(root: string): Planned[] {
  const files = projectFiles(root);
  return planFiles(files, glossaryNames(files.map((f) => readEntryFile(f.text, f.file))));
}

const KIND_LABEL: Record<Job['kind'], string> = { missing: 'neu', stale: 'erneuert, deutscher Text geändert', incomplete: 'ergänzt' };

/** The report's lines for one planned file, e.g. "content/offers/x.md: tr (neu)". */
export const doneLines = ({ file, jobs }: Planned) => jobs.map((job) => `${file}: ${job.lang} (${KIND_LABEL[job.kind]})`);

export interface TranslateOptions {
  translator: TranslatorLike;
  /** Monthly character budget (content/settings/site.yml `translation_budget`). */
  budget: number;
  /** Receives each finished file's new text, once, complete. */
  write(file: string, text: string): void | Promise<void>;
  log?: (line: string) => void;
  /**
   * Texts already translated (key → translation), e.g. by an earlier try of the same
   * nightly run: they are not sent again. Filled with every translation of this run.
   */
  known?: Map<string, string>;
  /** Time (ms since epoch) after which no further file is started (a scheduled function's limit). */
  stopAt?: number;
}

/**
 * Translates what `planned` lists: each distinct text once per language, in batches of up
 * to 50, and hands every file to `write` once all its texts are back. A file is translated
 * completely or left for later (budget, time), never half.
 */
export async function translatePlanned(planned: Planned[], options: TranslateOptions): Promise<TranslateReport> {
  const { translator, budget, log = () => {} } = options;
  const before = (await translator.getUsage()).character;
  let used = before?.count ?? 0;
  const report: TranslateReport = { written: [], done: [], left: [], checkedStale: planned.flatMap((p) => p.checkedStale), charactersSent: 0, budget, stoppedByBudget: false };

  // Texts already known, per language: each distinct text is sent once.
  const known = options.known ?? new Map<string, string>();
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
    for (const planned of waiting) await writeEntry(planned);
    waiting = [];
  };

  const writeEntry = async ({ file, text, jobs, stamps }: Planned) => {
    const changed: Record<string, Record<string, unknown>> = {};
    for (const job of jobs) {
      const next: Record<string, unknown> = { ...job.existing };
      for (const key of TRANSLATION_META_KEYS) delete next[key];
      for (const f of job.fields) next[f.name] = f.build(f.segments.map((s) => known.get(keyOf(job.lang, s.xml))!));
      changed[job.lang] = { ...next, machine_translated: true, source_hash: job.hash };
    }
    report.done.push(...doneLines({ file, text, jobs, checkedStale: [], stamps }));
    if (jobs.length === 0 && Object.keys(stamps).length === 0) return;
    await options.write(file, writeTranslations(text, file, changed, stamps));
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
    const outOfTime = options.stopAt !== undefined && Date.now() > options.stopAt;
    if (cost > 0 && (report.stoppedByBudget || outOfTime || used + pendingCost + cost > budget)) {
      if (!outOfTime) report.stoppedByBudget = true;
      else report.stoppedByTime = true;
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

export interface RunOptions {
  root: string;
  translator: TranslatorLike;
  log?: (line: string) => void;
}

/** `npm run translate`: the project folder's files, each rewritten in place once it is done. */
export async function translateProject({ root, translator, log }: RunOptions): Promise<TranslateReport> {
  return translatePlanned(plan(root), { translator, budget: budgetOf(root), log, write: (file, text) => writeFileSync(join(root, file), text) });
}
