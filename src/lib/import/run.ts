/**
 * Brings rows (from a spreadsheet or another directory's HSDS export) into content/ as
 * organisation or offer files, through the same schemas and checks as `npm run check`.
 * All or nothing: unless `skipInvalid` is set, one bad row means no file is written. After
 * writing, the whole content is checked again; if a written file breaks a cross-check, every
 * file this run wrote is taken back.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { loadContent } from '../load-content.ts';
import { offerSchema } from '../../schema/offer.ts';
import { organisationSchema } from '../../schema/organisation.ts';
import { germanErrorMap } from '../../schema/messages.ts';
import { predictSlug } from '../../../admin/lib/german-slug.ts';
import { COLUMNS, columnOfPath, importContext, mapRow, type ImportKind } from './columns.ts';

export interface ImportRow {
  /** Row number as the source shows it (spreadsheet: header = row 1). */
  row: number;
  /** Cells by column key (see COLUMNS). */
  cells: Record<string, string>;
}

export interface RowProblem {
  row: number;
  /** The column as the source names it. */
  column: string;
  message: string;
}

export interface ImportOptions {
  root: string;
  kind: ImportKind;
  rows: ImportRow[];
  /** Column key → the header the source used (for messages). */
  headerOf?: Record<string, string>;
  skipInvalid?: boolean;
  update?: boolean;
  today: string;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Rows whose entry exists already are left out silently (HSDS: a partner both directories know). */
  skipExisting?: boolean;
  /** Organisations this run adds before the offers (HSDS import). */
  extraOrganisations?: { slug: string; names: string[] }[];
}

export interface ImportResult {
  written: string[];
  updated: string[];
  problems: RowProblem[];
  /** True when nothing was written because of problems. */
  refused: boolean;
}

const FOLDER: Record<ImportKind, string> = { organisations: 'content/organisations', offers: 'content/offers' };
const SCHEMA: Record<ImportKind, z.ZodObject> = { organisations: organisationSchema as unknown as z.ZodObject, offers: offerSchema as unknown as z.ZodObject };
const NAME_KEY: Record<ImportKind, string> = { organisations: 'name', offers: 'title' };

/** A file name the site accepts, made from a name the way Decap makes it. */
export function slugFor(name: string): string {
  return predictSlug(name).replace(/[._~]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

function frontMatterFile(data: Record<string, unknown>, body: string, order: string[]): string {
  const ordered = Object.fromEntries(
    [...order.filter((key) => key in data), ...Object.keys(data).filter((key) => !order.includes(key))].map((key) => [key, data[key]]),
  );
  const doc = new Document(ordered);
  // Clock times stay strings for every YAML reader (YAML 1.1 reads 09:00 as a number).
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^\d{1,2}:\d{2}$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body ? `\n${body.trim()}\n` : ''}`;
}

function readExisting(file: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { data: {}, body: text };
  return { data: (parseDocument(match[1]).toJS() ?? {}) as Record<string, unknown>, body: text.slice(match[0].length).trim() };
}

export function runImport(options: ImportOptions): ImportResult {
  const { root, kind, rows, today } = options;
  const headerOf = (key: string) => options.headerOf?.[key] ?? COLUMNS[kind].find((c) => c.key === key)?.names[0] ?? key;
  const before = loadContent(root);
  const context = importContext(before.content, today, options.extraOrganisations);
  const schema = SCHEMA[kind];
  const order = Object.keys(schema.shape);
  const problems: RowProblem[] = [];
  const valid: { row: number; slug: string; file: string; data: Record<string, unknown>; body: string; exists: boolean }[] = [];
  const seen = new Map<string, number>();

  for (const { row, cells } of rows) {
    const mapped = mapRow(kind, cells, context);
    const rowProblems: RowProblem[] = mapped.problems.map((p) => ({ row, column: headerOf(p.key), message: p.message }));
    const name = String(mapped.data[NAME_KEY[kind]] ?? '');
    const slug = slugFor(name);
    const file = join(FOLDER[kind], `${slug}.md`);
    const exists = slug !== '' && existsSync(join(root, file));
    if (exists && options.skipExisting && !options.update) continue;
    let data = mapped.data;
    let body = mapped.body;
    if (exists && options.update) {
      // Keep what the import does not carry (translations, map points, …).
      const current = readExisting(join(root, file));
      data = { ...current.data, ...mapped.data };
      body = body || current.body;
    }
    const result = schema.safeParse(data, { error: germanErrorMap });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = columnOfPath(kind, issue.path);
        // A cell that could not be read already has its own message.
        if (mapped.problems.some((p) => p.key === key)) continue;
        rowProblems.push({ row, column: headerOf(key), message: issue.message });
      }
    }
    if (name && !slug) rowProblems.push({ row, column: headerOf(NAME_KEY[kind]), message: 'Aus diesem Namen lässt sich kein Dateiname bilden. Bitte Buchstaben oder Ziffern verwenden.' });
    if (slug && seen.has(slug)) {
      rowProblems.push({ row, column: headerOf(NAME_KEY[kind]), message: `Derselbe Name steht schon in Zeile ${seen.get(slug)}. Bitte die doppelte Zeile löschen oder den Namen unterscheiden.` });
    }
    if (exists && !options.update) {
      rowProblems.push({ row, column: headerOf(NAME_KEY[kind]), message: `${file} gibt es schon. Zum Aktualisieren mit --update importieren, sonst die Zeile löschen.` });
    }
    if (slug) seen.set(slug, row);
    if (rowProblems.length) problems.push(...rowProblems);
    else valid.push({ row, slug, file, data, body, exists });
  }

  if (problems.length && !options.skipInvalid) return { written: [], updated: [], problems, refused: true };
  if (options.dryRun) return { written: valid.filter((v) => !v.exists).map((v) => v.file), updated: valid.filter((v) => v.exists).map((v) => v.file), problems, refused: false };

  const backups = new Map<string, string | undefined>();
  for (const entry of valid) {
    const path = join(root, entry.file);
    backups.set(path, entry.exists ? readFileSync(path, 'utf8') : undefined);
    writeFileSync(path, frontMatterFile(entry.data, entry.body, order));
  }
  // Cross-checks need the whole content (e.g. two offers, one provider): check again.
  const after = loadContent(root);
  const earlier = new Set(before.problems.map((p) => `${p.file}|${p.field}|${p.message}`));
  const fresh = after.problems.filter((p) => !earlier.has(`${p.file}|${p.field}|${p.message}`));
  if (fresh.length) {
    for (const [path, original] of backups) {
      if (original === undefined) rmSync(path, { force: true });
      else writeFileSync(path, original);
    }
    const rowOf = new Map(valid.map((v) => [v.file, v.row]));
    return {
      written: [],
      updated: [],
      problems: [...problems, ...fresh.map((p) => ({ row: rowOf.get(p.file) ?? 0, column: p.field ?? "–", message: p.message }))],
      refused: true,
    };
  }
  return {
    written: valid.filter((v) => !v.exists).map((v) => v.file),
    updated: valid.filter((v) => v.exists).map((v) => v.file),
    problems,
    refused: false,
  };
}
