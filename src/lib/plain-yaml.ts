/**
 * A fast reader for the plain YAML that front matter and the taxonomy and settings files
 * are written in, for the content gate at city scale: the `yaml` package reads about 2.5 MB/s here, 0.7–1 s of every build at
 * 2,000 offers (issue 17). This reads the same files many times faster and gives the very
 * value `yaml`'s `parse` would, or `undefined` when the text uses anything beyond the plain
 * subset below; the caller then asks `yaml`, which also writes every error message. So
 * this never decides what is valid: anything unusual, wrong or doubtful is left to `yaml`.
 *
 * The subset, as Decap, the partner links and people write front matter:
 * - block mappings with keys like `title` or `postal_code`, each key once, at consistent
 *   indentation; block sequences (`- item`, also at the key's own indentation and with a
 *   mapping in the item: `- days: [mo]`);
 * - scalars: plain (also folded over several more-indented lines), single-line double- or
 *   single-quoted, and single-line flow sequences of those (`[de, "en"]`);
 * - plain scalars typed by YAML 1.2's core schema exactly as `yaml` does it (the tests of
 *   yaml/dist/schema/core: null, bool, int in three bases, float, .inf, .nan).
 * Not in it (left to `yaml`): comments, tabs, carriage returns, control characters,
 * anchors, aliases, tags, block scalars (`|`, `>`), flow mappings, multi-line quoted
 * strings, nested flow sequences, explicit keys, documents and directives.
 *
 * tests/build/plain-yaml.test.ts compares both readers on every front matter under
 * content/, on generated offers and on thousands of generated and mutated texts.
 */

import { parse } from 'yaml';

/** What `yaml.parse(text)` gives (and throws), read the fast way where the text allows it. */
export function parseYaml(text: string): ReturnType<typeof parse> {
  return parsePlainYaml(text) ?? parse(text);
}

interface Line {
  indent: number;
  /** The line without its indentation and trailing spaces; '' for a blank line. */
  text: string;
}

/** Thrown inside the reader when the text leaves the subset: the caller gets `undefined`. */
const UNSURE = Symbol('unsure');

// Characters that make `yaml` read the text differently than as plain words: control
// characters (tab and CR included), C1 controls, BOM, line/paragraph separators, surrogates.
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const KEY_WORDS = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
// A plain scalar may not start with an indicator, except `-` before a non-space (`-5`);
// `?` and `:`, which may start one in the same way, are left to yaml.
const PLAIN_START = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|-[^\s])/;

/** The value `yaml.parse(text)` gives, or undefined when the text is not plainly a mapping or a list. */
export function parsePlainYaml(text: string): Record<string, unknown> | unknown[] | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const lines: Line[] = text.split('\n').map((raw) => {
    const trimmed = trimSpacesEnd(raw);
    const body = trimSpacesStart(trimmed);
    return { indent: trimmed.length - body.length, text: body };
  });
  const reader = new Reader(lines);
  try {
    reader.skipBlank();
    if (reader.done() || reader.line().indent !== 0) return undefined;
    const value = isItem(reader.line().text) ? reader.sequence(0) : reader.mapping(0);
    reader.skipBlank();
    return reader.done() ? value : undefined;
  } catch (error) {
    if (error === UNSURE) return undefined;
    throw error;
  }
}

class Reader {
  private index = 0;
  private readonly lines: Line[];
  constructor(lines: Line[]) {
    this.lines = lines;
  }

  done(): boolean {
    return this.index >= this.lines.length;
  }

  line(): Line {
    return this.lines[this.index];
  }

  skipBlank(): void {
    while (!this.done() && this.line().text === '') this.index++;
  }

  /** Reads the block node whose first line is the current one, at `indent`. */
  private block(indent: number): unknown {
    return isItem(this.line().text) ? this.sequence(indent) : this.mapping(indent);
  }

  mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (this.skipBlank(); !this.done(); this.skipBlank()) {
      const line = this.line();
      if (line.indent < indent) break;
      if (line.indent > indent) throw UNSURE;
      if (isItem(line.text)) break;
      const match = KEY.exec(line.text);
      if (!match || KEY_WORDS.test(match[1]) || Object.hasOwn(map, match[1])) throw UNSURE;
      this.index++;
      map[match[1]] = match[2] === undefined ? this.nested(indent, true) : this.inline(match[2], indent);
    }
    return map;
  }

  sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    for (this.skipBlank(); !this.done(); this.skipBlank()) {
      const line = this.line();
      if (line.indent < indent || !isItem(line.text)) break;
      if (line.indent > indent) throw UNSURE;
      const rest = trimSpacesStart(line.text.slice(1));
      if (rest === '') {
        this.index++;
        list.push(this.nested(indent, false));
      } else if (isItem(rest)) {
        throw UNSURE;
      } else if (KEY.test(rest)) {
        // `- key: value`: a mapping whose keys line up after the dash.
        this.lines[this.index] = { indent: line.text.length - rest.length + indent, text: rest };
        list.push(this.mapping(this.lines[this.index].indent));
      } else {
        this.index++;
        list.push(this.inline(rest, indent));
      }
    }
    return list;
  }

  /** The value after `key:` or `-` with nothing behind it: a block below, or null. */
  private nested(indent: number, sequenceMayAlign: boolean): unknown {
    this.skipBlank();
    if (this.done()) return null;
    const next = this.line();
    if (next.indent > indent) return this.block(next.indent);
    if (sequenceMayAlign && next.indent === indent && isItem(next.text)) return this.sequence(indent);
    return null;
  }

  /** A scalar or flow sequence that starts on the line just read, inside a block at `indent`. */
  private inline(text: string, indent: number): unknown {
    const first = text[0];
    if (first === '"' || first === "'") {
      const [value, end] = quoted(text, 0);
      if (end !== text.length) throw UNSURE;
      return value;
    }
    if (first === '[') return flowSequence(text);
    return resolvePlain(this.plainLines(text, indent));
  }

  /** A plain scalar and its more-indented continuation lines, folded as YAML folds them. */
  private plainLines(text: string, indent: number): string {
    checkPlain(text);
    let value = text;
    let blanks = 0;
    while (!this.done()) {
      const line = this.line();
      if (line.text === '') {
        blanks++;
        this.index++;
        continue;
      }
      if (line.indent <= indent) break;
      checkPlain(line.text);
      value += blanks ? '\n'.repeat(blanks) + line.text : ` ${line.text}`;
      blanks = 0;
      this.index++;
    }
    // Blank lines after the scalar belong to no one; step back so the caller sees them.
    this.index -= blanks;
    return value;
  }
}

// YAML strips spaces only; String#trim would also take e.g. a no-break space.
const trimSpacesStart = (text: string) => text.replace(/^ +/, '');
const trimSpacesEnd = (text: string) => text.replace(/ +$/, '');

function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function checkPlain(text: string): void {
  if (!PLAIN_START.test(text) || text.includes(': ') || text.endsWith(':') || text.includes(' #')) throw UNSURE;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A quoted scalar starting at `start`; returns its value and the index after it and its trailing spaces. */
function quoted(text: string, start: number): [string, number] {
  const quote = text[start];
  let value = '';
  let index = start + 1;
  for (;;) {
    const char = text[index];
    if (char === undefined) throw UNSURE; // continues on the next line
    if (quote === "'" && char === "'") {
      if (text[index + 1] !== "'") break;
      value += "'";
      index += 2;
    } else if (quote === '"' && char === '"') {
      break;
    } else if (quote === '"' && char === '\\') {
      const code = text[index + 1];
      if (code in HEX_LENGTH) {
        const hex = text.slice(index + 2, index + 2 + HEX_LENGTH[code]);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== HEX_LENGTH[code]) throw UNSURE;
        const point = parseInt(hex, 16);
        if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) throw UNSURE;
        value += String.fromCodePoint(point);
        index += 2 + hex.length;
      } else if (Object.hasOwn(ESCAPES, code)) {
        value += ESCAPES[code];
        index += 2;
      } else {
        throw UNSURE;
      }
    } else {
      value += char;
      index++;
    }
  }
  index++;
  while (text[index] === ' ') index++;
  return [value, index];
}

/** `[a, "b c", 3]` on one line, nothing after it. */
function flowSequence(text: string): unknown[] {
  const list: unknown[] = [];
  let index = 1;
  const skipSpaces = () => {
    while (text[index] === ' ') index++;
  };
  skipSpaces();
  if (text[index] === ']') {
    index++;
  } else {
    for (;;) {
      skipSpaces();
      const char = text[index];
      if (char === '"' || char === "'") {
        const [value, end] = quoted(text, index);
        list.push(value);
        index = end;
      } else {
        let end = index;
        while (end < text.length && text[end] !== ',' && text[end] !== ']') end++;
        const plain = trimSpacesEnd(text.slice(index, end));
        // In a flow, `[`, `{`, `}`, `#` after a space and `:` before a space or the end
        // mean more than words.
        if (!PLAIN_START.test(plain) || /[[{}]|: |:$| #/.test(plain)) throw UNSURE;
        list.push(resolvePlain(plain));
        index = end;
      }
      if (text[index] === ',') {
        index++;
        skipSpaces();
        if (text[index] === ']') throw UNSURE; // a trailing comma: let yaml judge
        continue;
      }
      if (text[index] === ']') {
        index++;
        break;
      }
      throw UNSURE;
    }
  }
  if (index !== text.length) throw UNSURE;
  return list;
}

/** A plain scalar's value under the core schema, tested in yaml's order. */
function resolvePlain(text: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}
