/**
 * Reads and validates everything under content/ without Astro: the engine behind
 * `npm run check`, the build gate, and every tool that needs the content (search CLI,
 * health report, recipient directory). Collects every problem instead of stopping at
 * the first, so an editor sees the whole list at once.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { YAMLParseError } from 'yaml';
import { parseYaml } from './plain-yaml.ts';
import type { z } from 'zod';
import { crossCheck } from '../schema/cross-checks.ts';
import { MARKDOWN_COLLECTIONS, SETTINGS_FILE, TAXONOMY_COLLECTIONS, dropEmpty, type TaxonomyTerm, settingsSchema } from '../schema/index.ts';
import type { ContentSet, Entry } from '../schema/content-set.ts';
import { SLUG_PATTERN } from '../schema/common.ts';
import { formatPath, germanErrorMap } from '../schema/messages.ts';
import type { Problem } from '../schema/problems.ts';
import { UPLOAD_HEAD_BYTES, uploadFileProblem } from '../schema/uploads.ts';

export type { ContentSet, Entry } from '../schema/content-set.ts';

export interface LoadResult {
  content: ContentSet;
  problems: Problem[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function yamlProblem(file: string, error: unknown, lineOffset = 0): Problem {
  if (error instanceof YAMLParseError) {
    const line = (error.linePos?.[0]?.line ?? 0) + lineOffset;
    const column = error.linePos?.[0]?.col ?? 0;
    const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return {
      file,
      message: `Die Felder sind nicht lesbar (YAML-Fehler in Zeile ${line}, Spalte ${column}: ${detail}). Prüfen Sie dort Einrückung, Doppelpunkte und Anführungszeichen.`,
    };
  }
  return { file, message: `Die Datei konnte nicht gelesen werden: ${String(error)}` };
}

function validate<S extends z.ZodType>(schema: S, raw: unknown, file: string, problems: Problem[], pathPrefix: PropertyKey[] = []): z.output<S> | undefined {
  const result = schema.safeParse(dropEmpty(raw), { error: germanErrorMap });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    let path = [...pathPrefix, ...issue.path];
    // Unknown keys are reported on the key itself, which is what the editor has to fix.
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path = [...path, issue.keys[0]];
    problems.push({ file, field: path.length ? formatPath(path) : undefined, message: issue.message });
  }
  return undefined;
}

function readMarkdownFolder<S extends z.ZodType>(
  root: string,
  folder: string,
  schema: S,
  problems: Problem[],
  presentIds: Set<string>,
): Entry<z.output<S>>[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  const entries: Entry<z.output<S>>[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const file = `${folder}/${name}`;
    if (statSync(join(dir, name)).isDirectory()) continue;
    if (!name.endsWith('.md')) {
      problems.push({ file, message: 'Hier sind nur Markdown-Dateien (.md) erlaubt. Benennen Sie die Datei um oder entfernen Sie sie.' });
      continue;
    }
    const id = name.slice(0, -3);
    if (!SLUG_PATTERN.test(id)) {
      problems.push({
        file,
        message: 'Der Dateiname ist keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, Umlaute umschrieben (ä → ae, ß → ss). Benennen Sie die Datei um.',
      });
    }
    const folded = id.toLowerCase();
    if (seen.has(folded)) {
      problems.push({ file, message: `Die Kennung \`${id}\` gibt es schon (${seen.get(folded)}). Jede Kennung darf nur einmal vorkommen.` });
    }
    seen.set(folded, file);
    presentIds.add(id);

    const text = readFileSync(join(dir, name), 'utf8');
    const match = FRONT_MATTER.exec(text);
    if (!match) {
      problems.push({ file, message: 'Der Kopfbereich fehlt: Die Datei muss mit einer Zeile „---“ beginnen, dann die Felder, dann wieder „---“.' });
      continue;
    }
    let raw: unknown;
    try {
      // Plain front matter is read the fast way; the rest, and every error message, by yaml.
      raw = parseYaml(match[1]) ?? {};
    } catch (error) {
      problems.push(yamlProblem(file, error, 1));
      continue;
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ file, message: 'Der Kopfbereich muss aus Feldern der Form „name: Wert“ bestehen.' });
      continue;
    }
    if ('slug' in (raw as object)) {
      problems.push({ file, field: 'slug', message: 'Ein Feld „slug“ ist nicht erlaubt: die Kennung ist der Dateiname. Entfernen Sie das Feld.' });
      continue;
    }
    const data = validate(schema, raw, file, problems);
    if (data !== undefined) entries.push({ id, file, data, body: text.slice(match[0].length) });
  }
  return entries;
}

function readYaml(root: string, file: string, problems: Problem[]): unknown {
  const path = join(root, file);
  if (!existsSync(path)) {
    problems.push({ file, message: 'Die Datei fehlt. Legen Sie sie an (im CMS unter „Einstellungen“).' });
    return undefined;
  }
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(yamlProblem(file, error));
    return undefined;
  }
}

function readTaxonomy(root: string, file: string, schema: z.ZodType<TaxonomyTerm>, problems: Problem[]): TaxonomyTerm[] {
  const raw = readYaml(root, file, problems);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ file, message: 'Die Datei muss eine Liste von Begriffen sein (jede Zeile mit „- slug: …“ beginnend).' });
    return [];
  }
  const terms: TaxonomyTerm[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const term = validate(schema, item, file, problems, [index]);
    if (!term) return;
    if (seen.has(term.slug)) {
      problems.push({ file, field: `[${index + 1}].slug`, message: `Die Kennung \`${term.slug}\` kommt mehrfach vor. Jede Kennung darf nur einmal vorkommen.` });
      return;
    }
    seen.add(term.slug);
    terms.push(term);
  });
  return terms;
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(UPLOAD_HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Every file in public/uploads/ is published, linked or not: each must be an allowed type. */
function checkUploadFolder(root: string, problems: Problem[]): void {
  const walk = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/`);
      else {
        const message = uploadFileProblem(rel, readHead(join(dir, entry.name)));
        if (message) problems.push({ file: `public/uploads/${rel}`, message });
      }
    }
  };
  walk(join(root, 'public', 'uploads'), '');
}

/** Loads and validates all content below `root` (the project root). */
export function loadContent(root: string = process.cwd()): LoadResult {
  const problems: Problem[] = [];
  const settingsRaw = readYaml(root, SETTINGS_FILE, problems);
  const settings = settingsRaw === undefined ? undefined : validate(settingsSchema, settingsRaw, SETTINGS_FILE, problems);
  const md = MARKDOWN_COLLECTIONS;
  const tx = TAXONOMY_COLLECTIONS;
  const present = { networks: new Set<string>(), organisations: new Set<string>(), other: new Set<string>() };
  const content: ContentSet = {
    settings,
    categories: readTaxonomy(root, tx.categories.file, tx.categories.schema, problems),
    audiences: readTaxonomy(root, tx.audiences.file, tx.audiences.schema, problems),
    networks: readMarkdownFolder(root, md.networks.folder, md.networks.schema, problems, present.networks),
    organisations: readMarkdownFolder(root, md.organisations.folder, md.organisations.schema, problems, present.organisations),
    offers: readMarkdownFolder(root, md.offers.folder, md.offers.schema, problems, present.other),
    meetings: readMarkdownFolder(root, md.meetings.folder, md.meetings.schema, problems, present.other),
    news: readMarkdownFolder(root, md.news.folder, md.news.schema, problems, present.other),
    pages: readMarkdownFolder(root, md.pages.folder, md.pages.schema, problems, present.other),
  };
  // A reference to an entry that exists but is invalid is not reported again: that entry has its own problem.
  const uploadExists = (publicPath: string) => existsSync(join(root, 'public', publicPath));
  problems.push(...crossCheck(content, uploadExists, { networks: present.networks, organisations: present.organisations }));
  checkUploadFolder(root, problems);
  return { content, problems };
}

/**
 * What changes the result of loadContent: every file under content/ and public/uploads/
 * (the cross-checks look for uploads), by path, size and modification time.
 */
function contentSignature(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        parts.push(`${path}\0${stat.size}\0${stat.mtimeMs}`);
      }
    }
  };
  walk(join(root, 'content'));
  walk(join(root, 'public', 'uploads'));
  return parts.join('\n');
}

// On globalThis, not in a module variable: Astro bundles this module twice (once for the
// integrations in astro.config.mjs, once into the prerendered pages), and both run in
// the same process during a build, so the pages reuse what the integrations loaded.
const CACHE_KEY = Symbol.for('quartiersnetz.loadContent');
type ContentCache = Map<string, { signature: string; result: LoadResult }>;
const contentCache = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] ??= new Map()) as ContentCache;

// Roots whose content cannot change until released: during `astro build` the signature
// check (a stat of every content file, some twenty calls per build: 45,000 stats at
// 2,000 offers) only repeats the answer of the first call.
// Each hold has a number of its own, so what is kept for one build is never taken for the next.
const HELD_KEY = Symbol.for('quartiersnetz.loadContent.holds');
const held = ((globalThis as Record<symbol, unknown>)[HELD_KEY] ??= { roots: new Map(), count: 0 }) as { roots: Map<string, number>; count: number };
const heldRoots = held.roots;

/**
 * Holds the loaded content of `root` for the rest of a build (`isHeld`), or lets the next
 * call check the files again (`!isHeld`). For builds only: the dev server must see saves.
 */
export function holdLoadedContent(root: string, isHeld: boolean): void {
  if (isHeld) heldRoots.set(resolve(root), ++held.count);
  else heldRoots.delete(resolve(root));
}

/** Whether a build holds the content of `root` (generated/ files written from it stay as they are too). */
export function isContentHeld(root: string): boolean {
  return heldRoots.has(resolve(root));
}

/** Which hold keeps the content of `root`, if one does: what is derived from it may be kept as long as this stays the same. */
export function contentHold(root: string): number | undefined {
  return heldRoots.get(resolve(root));
}

/**
 * loadContent, once per build: the integrations, the admin pages and the yearly reports
 * share one parse of content/. Reloaded whenever a content file or upload changes (the
 * dev server keeps running while editors save). Treat the result as read-only.
 */
export function loadContentOnce(root: string = process.cwd()): LoadResult {
  const key = resolve(root);
  const hit = contentCache.get(key);
  if (hit && heldRoots.has(key)) return hit.result;
  const signature = contentSignature(key);
  if (hit && hit.signature === signature) return hit.result;
  const result = loadContent(key);
  contentCache.set(key, { signature, result });
  return result;
}
