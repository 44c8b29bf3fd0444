/**
 * The last check before Decap saves: the same zod schemas the build uses, so what the CMS
 * writes never breaks the build. Decap's own field checks cover required fields and
 * patterns; this adds what they cannot express ("street is needed once a place is given",
 * "a place unless online", end after start) and tidies empty values away.
 */
import type { z } from 'zod';
import { MARKDOWN_COLLECTIONS, TAXONOMY_COLLECTIONS, dropEmpty, settingsSchema, type MarkdownCollection, type TaxonomyCollection } from '../../src/schema/index.ts';
import { SLUG_PATTERN } from '../../src/schema/common.ts';
import { RESERVED_PAGE_IDS } from '../../src/schema/cross-checks.ts';
import { germanErrorMap } from '../../src/schema/messages.ts';
import { TAXONOMY_LIST_FIELD } from '../config/constants.ts';
import { elementOf, kindOf, shapeOf, unwrap } from '../config/zod-introspect.ts';
import { predictSlug } from './german-slug.ts';

type Data = Record<string, unknown>;

/**
 * Drops what the content model treats as "left out": empty strings, null, empty lists and
 * groups with nothing in them (Decap leaves `''` behind in cleared fields).
 */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const result: Data = {};
    for (const [key, entry] of Object.entries(value)) {
      const pruned = pruneEmpty(entry);
      if (pruned !== undefined) result[key] = pruned;
    }
    return Object.keys(result).length ? result : undefined;
  }
  if (value === '' || value === null) return undefined;
  return value;
}

/** "Ort › Postleitzahl", "Feste Zeiten 2 › Ende": a zod issue path in the editor's words. */
export function labelPath(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    if (!current) {
      parts.push(String(segment));
      continue;
    }
    const { core } = unwrap(current);
    const kind = kindOf(core);
    if (typeof segment === 'number' && kind === 'array') {
      parts[parts.length - 1] = `${parts.at(-1) ?? ''} ${segment + 1}`.trim();
      current = elementOf(core);
    } else if (kind === 'object') {
      const child: z.ZodType | undefined = shapeOf(core)[String(segment)];
      parts.push(child ? (unwrap(child).meta.title ?? String(segment)) : String(segment));
      current = child;
    } else {
      parts.push(String(segment));
      current = undefined;
    }
  }
  return parts.join(' › ');
}

function validate(schema: z.ZodType, data: unknown, prefix = ''): string[] {
  const result = schema.safeParse(dropEmpty(data), { error: germanErrorMap });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]] : issue.path;
    const where = labelPath(schema, path);
    return `${prefix}${where ? `${where}: ` : ''}${issue.message}`;
  });
}

export interface EntryToCheck {
  /** Collection name in the CMS config. */
  collection: string;
  /** For file collections: which file (`categories`, `audiences`, `site`). */
  file?: string;
  data: Data;
  isNew: boolean;
}

export interface CheckContext {
  /** Taxonomy slugs that offers use (build-time snapshot). */
  usedTerms: { categories: string[]; audiences: string[] };
}

export interface CheckResult {
  data: Data;
  problems: string[];
}

const IDENTIFIER: Partial<Record<MarkdownCollection, string>> = { organisations: 'name' };

function checkTaxonomy(name: TaxonomyCollection, data: Data, context: CheckContext): string[] {
  const registry = TAXONOMY_COLLECTIONS[name];
  const items = Array.isArray(data[TAXONOMY_LIST_FIELD]) ? (data[TAXONOMY_LIST_FIELD] as Data[]) : [];
  const problems: string[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    problems.push(...validate(registry.schema, item, `${registry.label} ${index + 1}: `));
    const slug = typeof item.slug === 'string' ? item.slug : '';
    if (slug && seen.has(slug)) problems.push(`${registry.label} ${index + 1}: Die Kennung „${slug}“ kommt doppelt vor. Jede Kennung darf nur einmal vorkommen.`);
    seen.add(slug);
  });
  for (const used of context.usedTerms[name]) {
    if (!seen.has(used)) {
      problems.push(`${registry.label} „${used}“ wird noch von Angeboten genutzt. Ändern Sie zuerst diese Angebote oder lassen Sie den Begriff stehen.`);
    }
  }
  return problems;
}

export function checkEntry(entry: EntryToCheck, context: CheckContext): CheckResult {
  const data = (pruneEmpty(entry.data) as Data | undefined) ?? {};
  if (entry.collection === 'taxonomies' && (entry.file === 'categories' || entry.file === 'audiences')) {
    return { data, problems: checkTaxonomy(entry.file, data, context) };
  }
  if (entry.collection === 'settings') return { data, problems: validate(settingsSchema, data) };
  if (!(entry.collection in MARKDOWN_COLLECTIONS)) return { data, problems: [] };

  const name = entry.collection as MarkdownCollection;
  const { body, ...frontMatter } = data;
  const problems = validate(MARKDOWN_COLLECTIONS[name].schema, frontMatter);
  if (entry.isNew) {
    const identifier = frontMatter[IDENTIFIER[name] ?? 'title'];
    const slug = typeof identifier === 'string' ? predictSlug(identifier) : '';
    if (typeof identifier === 'string' && !SLUG_PATTERN.test(slug)) {
      problems.push('Aus dem Titel lässt sich kein Dateiname bilden: bitte nur Buchstaben, Ziffern, Leerzeichen und Bindestriche verwenden (keine Zeichen wie _ oder ~).');
    } else if (name === 'pages' && RESERVED_PAGE_IDS.has(slug)) {
      problems.push(`Die Adresse /${slug}/ gehört schon zur Website selbst. Bitte wählen Sie einen anderen Titel.`);
    }
  }
  return { data: body === undefined ? frontMatter : { ...frontMatter, body }, problems };
}

/** Thrown from Decap's preSave hook; Decap shows `toString()` in its error message. */
export class EntryCheckError extends Error {
  constructor(problems: string[]) {
    const shown = problems.slice(0, 4);
    const more = problems.length > shown.length ? ` (und ${problems.length - shown.length} weitere)` : '';
    super(`Bitte korrigieren: ${shown.join(' · ')}${more}`);
    this.name = 'EntryCheckError';
  }
  override toString(): string {
    return this.message;
  }
}
