/**
 * The content gate's fast front matter reader (src/lib/plain-yaml.ts) against the `yaml`
 * package it stands in for: on every text, it either gives exactly what `yaml.parse` gives
 * or `undefined` (then the gate asks yaml). It may never give a value where yaml reports
 * an error or a warning, and it must read the front matter people and tools actually
 * write, or the build gains nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { parsePlainYaml } from '../../src/lib/plain-yaml.ts';
import { contentRefs, generateOffers } from '../../scripts/lib/generate-offers.ts';
import { seededRandom } from '../../scripts/lib/seeded-random.ts';

const ROOT = join(import.meta.dirname, '../..');
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

function frontMatters(dir: string): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) found.push(...frontMatters(path));
    else if (name.endsWith('.md')) {
      const match = FRONT_MATTER.exec(readFileSync(path, 'utf8'));
      if (match) found.push({ file: path.slice(ROOT.length + 1), text: match[1] });
    } else if (/\.ya?ml$/.test(name)) {
      // Taxonomies (a list at the top) and settings.
      found.push({ file: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') });
    }
  }
  return found;
}

/** What yaml makes of the text: its value, or that it refused or warned. */
function yamlReading(text: string): { ok: true; value: unknown } | { ok: false } {
  const doc = parseDocument(text);
  if (doc.errors.length || doc.warnings.length) return { ok: false };
  return { ok: true, value: parse(text) };
}

/** Checks one text; returns whether the fast reader took it. */
function agrees(text: string, label: string): boolean {
  const fast = parsePlainYaml(text);
  if (fast === undefined) return false;
  const reading = yamlReading(text);
  expect(reading.ok, `${label}: the fast reader gave a value where yaml refuses or warns:\n${text}`).toBe(true);
  if (reading.ok) expect(fast, `${label}:\n${text}`).toStrictEqual(reading.value);
  return true;
}

describe('plain front matter reader', () => {
  it('reads every front matter and YAML file under content/ and the test districts as yaml does', () => {
    const content = frontMatters(join(ROOT, 'content'));
    expect(content.length).toBeGreaterThan(100);
    // What Decap and the partner links write goes the fast way, all of it.
    const slow = content.filter(({ file, text }) => !agrees(text, file)).map(({ file }) => file);
    expect(slow).toEqual([]);
    // The test districts also hold JSON-style flow mappings and broken files: yaml's part.
    for (const { file, text } of frontMatters(join(ROOT, 'tests/fixtures'))) agrees(text, file);
  });

  it('reads generated offers (yaml.stringify output, folded lines) as yaml does', () => {
    const offers = generateOffers(300, contentRefs(ROOT), 7);
    let taken = 0;
    for (const offer of offers) if (agrees(FRONT_MATTER.exec(offer.text)![1], offer.id)) taken++;
    expect(taken).toBe(offers.length);
  });

  it('agrees with yaml on random data written by yaml.stringify in its many styles', () => {
    const random = seededRandom(2026);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const PLAIN = ['a', 'Kurs', 'Ä', 'ß', ' ', ' ', '.', '0', '1', '7', 'e', 'x', 'o', '-', '+', 'ت', 'й', '2026-09-15', '09:00'];
    const HOSTILE = ['', '- ', '?', ':', ': ', '#', ' #', '"', "'", '\\', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '~', 'true', 'null', 'No', 'inf', '.inf', '.NaN', '0x1F', '0o17', '1e3', '\n', '\n\n', '\t', '\r', '\u00a0', '\u2028', '\u0085', '😀', '__proto__'];
    const word = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random() < 0.85 ? PLAIN : HOSTILE)).join('');
    const scalar = (): unknown => pick([() => word(), () => word(), () => Math.floor(random() * 1e6) - 5e5, () => random() * 100, () => random() < 0.5, () => null])();
    const NICE_KEYS = ['title', 'summary', 'postal_code', 'a', 'b-c', '_x'];
    const HOSTILE_KEYS = ['true', 'null', '1', 'key with space', 'ä', '__proto__', 'k:', '#k'];
    const key = () => pick(random() < 0.9 ? NICE_KEYS : HOSTILE_KEYS);
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? 0 : Math.floor(random() * 4);
      if (kind === 0 || kind === 1) return scalar();
      if (kind === 2) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 4) }, () => [key(), value(depth + 1)]));
    };
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      const map = () => Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 5) }, () => [key(), value(0)]));
      // Mostly mappings (front matter, settings), some lists of mappings (taxonomies).
      const data = random() < 0.8 ? map() : Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.8 ? map() : value(1)));
      const options = { lineWidth: pick([0, 20, 40, 80]), minContentWidth: pick([0, 10, 20]), indentSeq: random() < 0.5, indent: pick([2, 3, 4]), flowCollectionPadding: random() < 0.5, collectionStyle: pick(['any', 'block', 'block', 'flow'] as const), defaultKeyType: pick([null, 'PLAIN'] as const), defaultStringType: pick(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const) };
      if (agrees(stringify(data, options), `generated #${i}`)) taken++;
    }
    // Hostile words and keys send many to yaml; several hundred must still go the fast way.
    expect(taken).toBeGreaterThan(400);
  });

  it('agrees with yaml on real front matter broken and bent in thousands of ways', () => {
    const random = seededRandom(17);
    const sources = frontMatters(join(ROOT, 'content')).map((entry) => entry.text);
    const INSERTS = [' ', '  ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '\\', '[', ']', '{', '&a ', '*a', '!x ', '|', '>', '%', '~', '\n', '\n  ', '\n- ', '\t', '---', '...', 'key: value\n', '\u00a0', '0x1', '.5', '\\x41', '\\u00e4', '\\q'];
    let taken = 0;
    for (let i = 0; i < 2500; i++) {
      let text = pick(sources);
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const action = random();
        if (action < 0.45) text = text.slice(0, at) + pick(INSERTS) + text.slice(at);
        else if (action < 0.75) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
        else {
          // Move a whole line in or out, or repeat it (duplicate keys).
          const lines = text.split('\n');
          const line = Math.floor(random() * lines.length);
          const choice = random();
          if (choice < 0.33) lines[line] = ` ${lines[line]}`;
          else if (choice < 0.66) lines[line] = lines[line].replace(/^ /, '');
          else lines.splice(line, 0, lines[line]);
          text = lines.join('\n');
        }
      }
      if (agrees(text, `mutation #${i}`)) taken++;
    }
    expect(taken).toBeGreaterThan(800);
    function pick<T>(list: readonly T[]): T {
      return list[Math.floor(random() * list.length)];
    }
  });

  it('folds plain lines and reads escapes as yaml does', () => {
    const TEXTS = [
      'summary: eins\n  zwei\n  drei',
      'summary: eins\n\n  zwei',
      'summary: eins\n\n\n     zwei\n  drei\n\nnext: x',
      'list:\n  - eins\n    zwei\n\n    drei\n  - vier',
      'list:\n- a: eins\n   zwei\n  b: drei',
      'a:\n  b:\n    c: eins\n     zwei\n  d: 1',
      ...['0', 'a', 'b', 'e', 'f', 'n', 'r', 't', 'v', 'N', '_', 'L', 'P', ' ', '"', '/', '\\', 'x41', 'xe4', 'u00e4', 'u20AC', 'U0001F600', 'U00110000', 'ud800', 'q', 'x4'].map((escape) => `title: "vor \\${escape} nach"`),
      "title: 'it''s'",
      "title: ''''",
      'title: "a" ',
      'title: "a" b',
      "flow: ['a, b', \"c]\", d]",
    ];
    let taken = 0;
    for (const text of TEXTS) if (agrees(text, JSON.stringify(text))) taken++;
    expect(taken).toBeGreaterThan(25);
  });

  it('gives plain scalars the core schema types, as yaml does', () => {
    const SCALARS = ['~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'no', 'on', '0', '-0', '+12', '007', '0o17', '0o8', '0x1f', '0X1F', '0xg', '1_000', '.5', '+.5', '-.5', '1.', '1.0', '1.50', '1e3', '1E-3', '.1e+2', '1.e3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'inf', '09:00', '2026-09-15', '2026-09-15T10:00:00+01:00', '0251 0002301', '12 €', '3.4.5', '-', '- x', '-x', 'x-', 'a:b', 'https://example.org/a?b=c#d', 'C#', 'a # b', 'ä'];
    let taken = 0;
    for (const scalar of SCALARS) {
      for (const text of [`value: ${scalar}`, `list:\n  - ${scalar}`, `flow: [${scalar}]`, `flow: [x, ${scalar} , y]`]) if (agrees(text, JSON.stringify(scalar))) taken++;
    }
    expect(taken).toBeGreaterThan(SCALARS.length * 2);
  });
});
