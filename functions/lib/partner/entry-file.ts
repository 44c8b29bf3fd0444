/**
 * Changes to one content file as text, so that everything not changed stays byte for
 * byte what it was: "Alles noch aktuell" rewrites only the value of the top-level
 * `reviewed_at` line; a proposal replaces only the keys the partner changed (through
 * yaml's Document, which keeps comments, order and formatting of the rest) and the body.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, Scalar, type Document } from 'yaml';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export interface EntryParts {
  frontMatter: string;
  body: string;
}

export function splitEntry(text: string): EntryParts | undefined {
  const match = FRONT_MATTER.exec(text);
  return match ? { frontMatter: match[1], body: text.slice(match[0].length) } : undefined;
}

/** The front matter as plain data (YAML 1.2, as `npm run check` reads it). */
export function entryData(text: string): Record<string, unknown> | undefined {
  const parts = splitEntry(text);
  if (!parts) return undefined;
  try {
    const value = parseDocument(parts.frontMatter).toJS() as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const REVIEWED_LINE = /^reviewed_at:[ \t]*[^\r\n]*$/m;

/**
 * The file with `reviewed_at: <date>` and nothing else changed; undefined when the front
 * matter has no top-level `reviewed_at` line (then only a person can fix the file).
 */
export function withReviewedAt(text: string, date: string): string | undefined {
  const parts = splitEntry(text);
  if (!parts) return undefined;
  const start = text.indexOf(parts.frontMatter);
  const replaced = parts.frontMatter.replace(REVIEWED_LINE, `reviewed_at: ${date}`);
  if (replaced === parts.frontMatter && !REVIEWED_LINE.test(parts.frontMatter)) return undefined;
  return text.slice(0, start) + replaced + text.slice(start + parts.frontMatter.length);
}

/**
 * Strings that a YAML 1.1 reader (Astro's content layer) would not read as strings:
 * numbers, times like 14:00 (base 60), dates, yes/no/on/off. Quoted, as the content files do.
 */
const YAML11_AMBIGUOUS = /^(?:[-+]?[0-9_.:]+(?:e[-+]?\d+)?|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|y|n|yes|no|on|off|true|false|null|~|\.nan|\.inf|-\.inf|)$/i;

function quoteAmbiguous(node: unknown): void {
  visit(node as never, {
    Scalar(_key, scalar: Scalar) {
      if (typeof scalar.value === 'string' && YAML11_AMBIGUOUS.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Changes only what differs, as deep as possible: a changed closing time rewrites that one
 * scalar, not the whole schedule (whose other lines keep their style, e.g. `days: [th]`).
 */
function applyDeep(doc: Document, path: Array<string | number>, before: unknown, after: unknown): void {
  if (same(before, after)) return;
  if (after === undefined) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  if (isPlainObject(before) && isPlainObject(after) && isMap(doc.getIn(path, true))) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) applyDeep(doc, [...path, key], before[key], after[key]);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && isSeq(doc.getIn(path, true))) {
    after.forEach((item, index) => applyDeep(doc, [...path, index], before[index], item));
    return;
  }
  const node = doc.createNode(after);
  quoteAmbiguous(node);
  if (isScalar(node) && typeof after === 'string' && after.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  doc.setIn(path, node);
}

/**
 * Applies `values` (top-level keys; undefined removes the key) and optionally a new body.
 * Keys whose value did not change keep their exact text.
 */
export function withChanges(text: string, values: Record<string, unknown>, body?: string): string {
  const parts = splitEntry(text) ?? { frontMatter: '', body: text };
  const doc = parseDocument(parts.frontMatter);
  const current = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as never;
  for (const [key, value] of Object.entries(values)) applyDeep(doc, [key], current[key], value);
  let front = doc.toString({ lineWidth: 0, flowCollectionPadding: false, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER });
  if (!front.endsWith('\n')) front += '\n';
  let nextBody = parts.body;
  if (body !== undefined) {
    const normalised = body.replace(/\r\n?/g, '\n').trim();
    if (normalised !== parts.body.trim()) nextBody = normalised ? `\n${normalised}\n` : '';
  }
  // Unchanged front matter keeps its original text (the Document may reformat spacing).
  const frontMatter = Object.entries(values).every(([key, value]) => (value === undefined ? !(key in current) : same(current[key], value))) ? `${parts.frontMatter}\n` : front;
  return `---\n${frontMatter}---\n${nextBody}`;
}
