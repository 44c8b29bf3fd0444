/**
 * A tokenizer for the plain HTML the site's build writes, giving the CSP scan
 * (inline-assets.ts) the same tokens parse5's tokenizer would, several times faster
 * (issue 17: reading every built page back was the largest step after rendering).
 *
 * It knows only the markup a build makes: tags with quoted attribute values, text with
 * the common character references, comments, a doctype, and the text of script, style,
 * title and the like up to their end tag. Everything else (an unquoted value, a stray
 * `<`, `<![CDATA[`, a comment that ends early, `<!--` in a script, a carriage return or
 * NUL anywhere, a named reference beyond the common ones) makes it give up on the page
 * (`unsupported`) before it has said anything the scan keeps, and parse5's tokenizer
 * reads the page instead. tests/build/inline-assets.test.ts holds both, on every built
 * page, on hostile snippets and on random documents, to the tree scan they replaced.
 *
 * Like parse5's tokenizer it leaves the switch into script, raw text and RCDATA to its
 * handler (the tree builder's decision), which sets `state` while it takes a start tag.
 */

/** The token fields the CSP scan reads (parse5 8's start and end tag tokens). */
export interface PlainTagToken {
  tagName: string;
  tagID: number;
  selfClosing: boolean;
  attrs: { name: string; value: string }[];
}

export interface PlainTokenHandler {
  onStartTag(token: PlainTagToken): void;
  onEndTag(token: PlainTagToken): void;
  onCharacter(token: { chars: string }): void;
  onWhitespaceCharacter(token: { chars: string }): void;
  onComment(): void;
  onDoctype(): void;
  onEof(): void;
}

/** parse5's numbering of tag names and of its tokenizer states, passed in by the caller that loaded parse5. */
export interface Parse5Tables {
  getTagID(tagName: string): number;
  modes: { DATA: number; RCDATA: number; RAWTEXT: number; SCRIPT_DATA: number; PLAINTEXT: number };
}

/** The references decoded here; any other named one sends the page to parse5. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Code points a numeric reference stands for as they are (parse5 replaces or reports the others). */
const plainCodePoint = (cp: number) =>
  cp === 0x09 || cp === 0x0a || cp === 0x0c || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfdcf) || (cp >= 0xfdf0 && cp <= 0xfffd);

const isAlphanumeric = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** The HTML tokenizer's whitespace (CR never reaches it: the page is refused if it has one). */
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c;
/** Characters that end a tag or attribute name. */
const endsName = (c: number) => isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d;
/** Name characters taken as they are (upper-case ASCII is lowered); any other sends the page to parse5. */
const plainName = /^[A-Za-z0-9_.:-]+$/;
const NOT_SPACE = /[^ \t\n\f]/;

/**
 * `text` with its character references decoded, or undefined for one this tokenizer does
 * not follow. A `&` that starts no reference (before a space, `<`, `=`…) stays, as in HTML.
 */
export function decodeReferences(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    const next = text.charCodeAt(at + 1);
    let end: number;
    let decoded: string;
    if (next === 0x23) {
      // &#123; or &#x7B;
      const hex = (text.charCodeAt(at + 2) | 0x20) === 0x78;
      const digits = hex ? /^[0-9a-fA-F]+;/ : /^[0-9]+;/;
      const match = digits.exec(text.slice(at + (hex ? 3 : 2), at + 16));
      if (!match) return undefined;
      const cp = parseInt(match[0].slice(0, -1), hex ? 16 : 10);
      if (!plainCodePoint(cp)) return undefined;
      decoded = String.fromCharCode(cp);
      end = at + (hex ? 3 : 2) + match[0].length;
    } else if (isAlphanumeric(next)) {
      let nameEnd = at + 1;
      while (nameEnd < text.length && isAlphanumeric(text.charCodeAt(nameEnd))) nameEnd++;
      const name = text.slice(at + 1, nameEnd);
      if (text.charCodeAt(nameEnd) !== 0x3b || !Object.hasOwn(NAMED, name)) return undefined;
      decoded = NAMED[name];
      end = nameEnd + 1;
    } else {
      continue;
    }
    out += text.slice(from, at) + decoded;
    from = end;
    at = end - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

export class PlainTokenizer {
  state: number;
  /** Set by the handler (foreign content); only CDATA depends on it, and CDATA is left to parse5. */
  inForeignNode = false;
  /** The page holds markup this tokenizer does not follow: what it reported must be discarded. */
  unsupported = false;
  private paused = false;
  private lastStartTag = '';
  private readonly handler: PlainTokenHandler;
  private readonly tables: Parse5Tables;

  constructor(handler: PlainTokenHandler, tables: Parse5Tables) {
    this.handler = handler;
    this.tables = tables;
    this.state = tables.modes.DATA;
  }

  /** The handler has seen enough (parse5's `pause`). */
  pause(): void {
    this.paused = true;
  }

  private giveUp(): void {
    this.unsupported = true;
    this.paused = true;
  }

  /** Tokenizes the whole page (written at once, as the CSP scan does). */
  write(html: string): void {
    if (html.includes('\r') || html.includes('\0') || html.charCodeAt(0) === 0xfeff) return this.giveUp();
    const { DATA } = this.tables.modes;
    let pos = 0;
    while (pos < html.length && !this.paused) {
      if (this.state !== DATA) {
        pos = this.rawText(html, pos);
        continue;
      }
      const lt = html.indexOf('<', pos);
      const end = lt === -1 ? html.length : lt;
      if (end > pos) {
        this.text(html.slice(pos, end));
        pos = end;
      } else {
        pos = this.markup(html, lt);
      }
    }
    if (this.paused) return;
    if (this.state !== DATA) return this.giveUp();
    this.handler.onEof();
  }

  /** Text in the data or RCDATA state: one token, whitespace-only or not (the scan treats a run of either alike). */
  private text(raw: string): void {
    const chars = raw.includes('&') ? decodeReferences(raw) : raw;
    if (chars === undefined) return this.giveUp();
    if (NOT_SPACE.test(chars)) this.handler.onCharacter({ chars });
    else this.handler.onWhitespaceCharacter({ chars });
  }

  /** The text of a script, style, title… up to its own end tag, then that end tag. */
  private rawText(html: string, pos: number): number {
    const { RCDATA, RAWTEXT, SCRIPT_DATA } = this.tables.modes;
    const name = this.lastStartTag;
    if (this.state !== RCDATA && this.state !== RAWTEXT && this.state !== SCRIPT_DATA) {
      this.giveUp();
      return pos;
    }
    let close = html.indexOf('</', pos);
    while (close !== -1 && !(html.slice(close + 2, close + 2 + name.length).toLowerCase() === name && endsName(html.charCodeAt(close + 2 + name.length)))) {
      close = html.indexOf('</', close + 2);
    }
    // `</script >`, `</style/>` and a script with `<!--` (the escaped states) are parse5's.
    if (close === -1 || html.charCodeAt(close + 2 + name.length) !== 0x3e || (this.state === SCRIPT_DATA && html.slice(pos, close).includes('<!--'))) {
      this.giveUp();
      return pos;
    }
    if (close > pos) {
      const chars = html.slice(pos, close);
      if (this.state === RCDATA) this.text(chars);
      else if (NOT_SPACE.test(chars)) this.handler.onCharacter({ chars });
      else this.handler.onWhitespaceCharacter({ chars });
      if (this.paused) return close;
    }
    this.state = this.tables.modes.DATA;
    this.handler.onEndTag({ tagName: name, tagID: this.tables.getTagID(name), selfClosing: false, attrs: [] });
    return close + 3 + name.length;
  }

  /** What starts at a `<` in the data state; returns where the next token starts. */
  private markup(html: string, lt: number): number {
    const next = html.charCodeAt(lt + 1);
    if (isLetter(next)) return this.startTag(html, lt);
    if (next === 0x2f && isLetter(html.charCodeAt(lt + 2))) return this.endTag(html, lt);
    if (html.startsWith('<!--', lt)) {
      // `<!-->` and `<!--->` end at once, `--!>` ends a comment too: parse5's.
      const abrupt = html.charCodeAt(lt + 4) === 0x3e || (html.charCodeAt(lt + 4) === 0x2d && html.charCodeAt(lt + 5) === 0x3e);
      const close = html.indexOf('-->', lt + 4);
      const bang = html.indexOf('--!>', lt + 4);
      if (abrupt || close === -1 || (bang !== -1 && bang < close)) return this.giveUpAt(lt);
      this.handler.onComment();
      return close + 3;
    }
    if (html.slice(lt + 2, lt + 9).toLowerCase() === 'doctype') {
      const close = html.indexOf('>', lt);
      if (close === -1 || /["']/.test(html.slice(lt, close))) return this.giveUpAt(lt);
      this.handler.onDoctype();
      return close + 1;
    }
    return this.giveUpAt(lt);
  }

  private giveUpAt(pos: number): number {
    this.giveUp();
    return pos;
  }

  /** A tag name up to whitespace, `/` or `>`, lowered; undefined for one with other characters. */
  private name(html: string, from: number): { name: string; end: number } | undefined {
    let end = from;
    while (end < html.length && !endsName(html.charCodeAt(end))) end++;
    const raw = html.slice(from, end);
    if (!plainName.test(raw) || html.charCodeAt(end) === 0x3d) return undefined;
    return { name: raw.toLowerCase(), end };
  }

  private startTag(html: string, lt: number): number {
    const tag = this.name(html, lt + 1);
    if (!tag) return this.giveUpAt(lt);
    const attrs: { name: string; value: string }[] = [];
    let selfClosing = false;
    let i = tag.end;
    for (;;) {
      while (isSpace(html.charCodeAt(i))) i++;
      const c = html.charCodeAt(i);
      if (c === 0x3e) {
        i++;
        break;
      }
      if (c === 0x2f && html.charCodeAt(i + 1) === 0x3e) {
        selfClosing = true;
        i += 2;
        break;
      }
      // EOF in a tag, a stray `/` or `=`, a quote or `<` in a name: parse5's.
      const nameStart = i;
      while (i < html.length && !endsName(html.charCodeAt(i))) i++;
      const rawName = html.slice(nameStart, i);
      if (!plainName.test(rawName)) return this.giveUpAt(lt);
      while (isSpace(html.charCodeAt(i))) i++;
      let value = '';
      if (html.charCodeAt(i) === 0x3d) {
        i++;
        while (isSpace(html.charCodeAt(i))) i++;
        const quote = html.charCodeAt(i);
        if (quote !== 0x22 && quote !== 0x27) return this.giveUpAt(lt);
        const close = html.indexOf(quote === 0x22 ? '"' : "'", i + 1);
        if (close === -1) return this.giveUpAt(lt);
        const raw = html.slice(i + 1, close);
        const decoded = raw.includes('&') ? decodeReferences(raw) : raw;
        if (decoded === undefined) return this.giveUpAt(lt);
        value = decoded;
        i = close + 1;
        // The next attribute must be set apart by whitespace (parse5 would read on, with an error).
        const after = html.charCodeAt(i);
        if (!isSpace(after) && after !== 0x3e && after !== 0x2f) return this.giveUpAt(lt);
      }
      const name = rawName.toLowerCase();
      // parse5 keeps the first attribute of a name and drops the others.
      if (!attrs.some((attr) => attr.name === name)) attrs.push({ name, value });
    }
    this.lastStartTag = tag.name;
    this.handler.onStartTag({ tagName: tag.name, tagID: this.tables.getTagID(tag.name), selfClosing, attrs });
    return i;
  }

  private endTag(html: string, lt: number): number {
    const tag = this.name(html, lt + 2);
    // Attributes or a slash on an end tag: parse5's.
    if (!tag || html.charCodeAt(tag.end) !== 0x3e) return this.giveUpAt(lt);
    this.handler.onEndTag({ tagName: tag.name, tagID: this.tables.getTagID(tag.name), selfClosing: false, attrs: [] });
    return tag.end + 1;
  }
}
