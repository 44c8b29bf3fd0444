/**
 * Reads an entry file and rewrites only the language groups under `translations:` that
 * changed. Everything else (the German front matter, comments, other languages, a checked
 * translation, the body) stays byte for byte, so a translate commit shows only what the
 * machine wrote.
 */
import { Document, isSeq, parse, visit } from 'yaml';
import { TRANSLATION_LANGUAGES } from '../../../src/schema/translations.ts';

const FRONT_MATTER = /^---\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

export interface EntryFile {
  data: Record<string, unknown>;
  body: string;
}

export function readEntryFile(text: string, file: string): EntryFile {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${file}: Der Kopf der Datei (zwischen den Zeilen „---“) fehlt.`);
  const data = (parse(match[1] ?? '') ?? {}) as Record<string, unknown>;
  return { data, body: text.slice(match[0].length) };
}

/**
 * One language group in the style of the hand-written ones: strings double-quoted with
 * \n escapes (one line each, diff-friendly), word lists as ["a", "b"].
 */
function groupYaml(lang: string, value: Record<string, unknown>): string {
  const doc = new Document({ [lang]: value });
  visit(doc, { Seq: (_, node) => void (isSeq(node) && (node.flow = true)) });
  return doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true, flowCollectionPadding: false }).trimEnd();
}

/** Replaces (or adds) the given languages' groups inside the front matter's translations block. */
export function writeTranslations(text: string, file: string, changed: Record<string, Record<string, unknown>>, stamps: Record<string, Record<string, string>> = {}): string {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${file}: Der Kopf der Datei (zwischen den Zeilen „---“) fehlt.`);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const frontStart = text.indexOf('\n') + 1;
  const frontEnd = frontStart + (match[1]?.length ?? 0);
  const lines = text.slice(frontStart, frontEnd).split(newline);
  if (lines.at(-1) === '') lines.pop();

  let start = lines.findIndex((line) => /^translations:\s*(#.*)?$/.test(line));
  if (start === -1) {
    if (lines.some((line) => /^translations:/.test(line))) {
      throw new Error(`${file}: „translations“ steht in einer Form, die die Übersetzung nicht ergänzen kann. Bitte jede Sprache als eigenen Block schreiben.`);
    }
    lines.push('translations:');
    start = lines.length - 1;
  }
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || /^\s/.test(lines[end]))) end += 1;
  // Trailing blank lines belong to whatever follows the block.
  while (end > start + 1 && lines[end - 1].trim() === '') end -= 1;

  const block = lines.slice(start + 1, end);
  const indent = /^(\s+)\S/.exec(block.find((line) => line.trim() !== '') ?? '')?.[1] ?? '  ';
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  let current: string | undefined;
  const preamble: string[] = [];
  for (const line of block) {
    const head = new RegExp(`^${indent}([a-z]{2}):\\s*(#.*)?$`).exec(line);
    if (head) {
      current = head[1];
      order.push(current);
      groups.set(current, [line]);
    } else if (current) groups.get(current)!.push(line);
    else preamble.push(line);
  }
  for (const [lang, value] of Object.entries(changed)) {
    const yaml = groupYaml(lang, value);
    groups.set(lang, yaml.split('\n').map((line) => indent + line));
    if (!order.includes(lang)) order.push(lang);
  }
  // A checked translation only gets its bookkeeping lines (re)written: its texts stay byte for byte.
  for (const [lang, stamp] of Object.entries(stamps)) {
    const group = groups.get(lang);
    if (!group) continue;
    const childIndent = /^(\s+)\S/.exec(group.find((line, i) => i > 0 && line.trim() !== '') ?? '')?.[1] ?? indent + indent;
    const keys = Object.keys(stamp);
    const kept = group.filter((line, i) => i === 0 || !keys.some((key) => line.startsWith(`${childIndent}${key}:`)));
    let last = kept.length;
    while (last > 1 && kept[last - 1].trim() === '') last -= 1;
    kept.splice(last, 0, ...Object.entries(stamp).map(([key, value]) => `${childIndent}${key}: "${value}"`));
    groups.set(lang, kept);
  }
  const rank = (lang: string) => {
    const i = (TRANSLATION_LANGUAGES as readonly string[]).indexOf(lang);
    return i === -1 ? 99 : i;
  };
  // Languages in the switcher's order; each group's lines are moved whole, never rewritten.
  const sorted = [...order].sort((a, b) => rank(a) - rank(b));
  const rebuilt = [...preamble, ...sorted.flatMap((lang) => groups.get(lang)!)];
  const result = [...lines.slice(0, start + 1), ...rebuilt, ...lines.slice(end)];
  return text.slice(0, frontStart) + result.join(newline) + newline + text.slice(frontEnd);
}
