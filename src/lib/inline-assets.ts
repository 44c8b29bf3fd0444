/**
 * Finds what a strict Content-Security-Policy has to know about in built HTML: inline
 * scripts and styles (allowed by their hash) and inline event handlers or `javascript:`
 * URLs (never allowed: the build must not ship them).
 *
 * Two ways to the same findings (issue 17: at 13,000 pages the scan was the largest part
 * of the build after rendering):
 * - the token scan reads the page with a tokenizer and follows the tree builder without
 *   building a tree: it keeps the stack of open elements, switches the tokenizer state
 *   as the tree builder does (script data, raw text, RCDATA, plain text, CDATA only in
 *   foreign content) and skips <template> content. It handles the documents where every
 *   start tag becomes an element of its own with exactly its attributes and every end tag
 *   closes the element it names: everything the site builds. Where the tree builder would
 *   do more (drop a tag, merge attributes into <html>/<body>, close an element the markup
 *   leaves open, foster-parent, reopen formatting elements, leave foreign content), the
 *   token scan gives up before that token;
 * - then the page is scanned from parse5's full tree, the way every page was before.
 * tests/build/inline-assets.test.ts holds both to the hast scan they replaced.
 *
 * Measured in the build at 12,970 pages (December 2026, 2 cores): 7.2–7.5 s CPU instead
 * of 11.1–11.4 s, mostly less garbage collection of the trees in the build's large heap.
 * parse5's tokenizer was nine tenths of what was left; it now takes runs of ordinary
 * characters in one step (`RunTokenizer`): 4.3–5.0 s CPU for the same 12,970 pages
 * (`npm run bench csp` with QN_BENCH_DIST, 2026-12-03), the same findings on every page.
 * The token scan now reads a page with PlainTokenizer (plain-html-tokenizer.ts), which
 * follows only the markup a build writes and gives up on anything else; parse5's
 * tokenizer then reads that page. At 2,175 German pages (+2,000 offers): 0.85 s CPU
 * warm, 1.27 s cold → 0.53 s and 0.83 s (`npm run bench csp`, 2026-12-04).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Element } from 'hast';
import { PlainTokenizer } from './plain-html-tokenizer.ts';

/** The parts of a parse5 tree node the tree scan reads. */
interface ParsedNode {
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: ParsedNode[];
  value?: string;
}

/** The parts of parse5's tokens and tokenizer the token scan uses (parse5 8, `@internal` there). */
interface TokenAttribute {
  name: string;
  value: string;
}
interface TagToken {
  tagName: string;
  tagID: number;
  selfClosing: boolean;
  attrs: TokenAttribute[];
}
interface CharacterToken {
  chars: string;
}
interface Tokenizer {
  state: number;
  inForeignNode: boolean;
  write(html: string, isLastChunk: boolean): void;
  pause(): void;
}
interface Parse5 {
  parse(html: string, options: { scriptingEnabled: boolean }): ParsedNode;
  Tokenizer: new (options: { sourceCodeLocationInfo: boolean }, handler: object) => Tokenizer;
  TokenizerMode: { DATA: number; RCDATA: number; RAWTEXT: number; SCRIPT_DATA: number; PLAINTEXT: number };
  html: {
    getTagID(tagName: string): number; TAG_ID: Record<string, number>; NS: Record<'HTML' | 'SVG' | 'MATHML', string>; SPECIAL_ELEMENTS: Record<string, Set<number>> };
  foreignContent: {
    causesExit(token: TagToken): boolean;
    adjustTokenSVGTagName(token: TagToken): void;
    isIntegrationPoint(tagID: number, ns: string, attrs: TokenAttribute[]): boolean;
  };
}

// The WHATWG parser hast-util-from-html is built on (parse5 8), used without building a
// hast tree: converting every page to hast doubled the cost of the scan, the largest
// part of the build after rendering at 13,000 pages (issue 17). Resolved through
// hast-util-from-html because the top-level `parse5` is an old 5.x another package brings.
const requireHere = createRequire(import.meta.url);
const parse5 = createRequire(requireHere.resolve('hast-util-from-html'))('parse5') as Parse5;

/** parse5's tokenizer internals the run tokenizer below touches (parse5 8.1). */
interface TokenizerInternals {
  preprocessor: { html: string; pos: number };
  consumedAfterSnapshot: number;
  runEnd: number;
  _stateData(cp: number): void;
  _stateRcdata(cp: number): void;
  _stateRawtext(cp: number): void;
  _stateScriptData(cp: number): void;
  _stateAttributeValueDoubleQuoted(cp: number): void;
  _stateAttributeValueSingleQuoted(cp: number): void;
  _stateTagName(cp: number): void;
  _stateAttributeName(cp: number): void;
  currentToken: { tagName: string } | null;
  currentAttr: { name: string };
}

const NUL = 0x00;
const TAB = 0x09;
const LF = 0x0a;
const FF = 0x0c;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const LESS_THAN = 0x3c;

/**
 * Input the preprocessor treats specially (CR, LF: line ends; surrogates: code points of
 * two units) or that every state handles apart (NUL, and EOF as -1): never part of a run.
 */
const special = (c: number) => c <= NUL || c === LF || c === CR || (c >= 0xd800 && c <= 0xdfff);
/** parse5's three kinds of character token: whitespace (LF is special), NUL, the rest. */
const blank = (c: number) => c === SPACE || c === TAB || c === FF;
const endsText = (c: number) => special(c) || blank(c) || c === LESS_THAN || c === AMPERSAND;
const endsRawText = (c: number) => special(c) || blank(c) || c === LESS_THAN;
const endsDoubleQuoted = (c: number) => special(c) || c === QUOTE || c === AMPERSAND;
const endsSingleQuoted = (c: number) => special(c) || c === APOSTROPHE || c === AMPERSAND;
/** Characters a tag or attribute name keeps as they are (upper case is lowered, the rest ends or is rare). */
const plainNameChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x5f || c === 0x2e;

/**
 * parse5's tokenizer, taking runs of ordinary characters in one step where most of a
 * page's bytes are: text, script and style text, quoted attribute values (a print QR
 * code's path alone is a quarter of an offer page), tag and attribute names. The spec's tokenizer reads one code
 * point per step and stays in the same state, with the same token, for each of them; here,
 * once it has handled one such code point, the ones after it up to the first that could
 * change anything (`ends…`) join the same run at once. Nothing else changes: the same
 * states, tokens and text (tests/build/inline-assets.test.ts compares the findings with
 * the tree scan on every built page, hostile snippets and random documents).
 *
 * Safe only as used here: the whole page is written at once (no chunk boundary inside a
 * run) and no locations or parse errors are asked for (line counting stops at LF anyway).
 */
const RunTokenizer = class extends (parse5.Tokenizer as unknown as new (options: object, handler: object) => TokenizerInternals) {
  /** The tokenizer just put the code point at `pos` into the current run: add the ones after it up to `ends`. */
  takeRun(ends: (c: number) => boolean): void {
    const input = this.preprocessor;
    const html = input.html;
    let end = input.pos + 1;
    while (end < html.length && !ends(html.charCodeAt(end))) end++;
    const taken = end - input.pos - 1;
    if (taken === 0) return;
    input.pos += taken;
    this.consumedAfterSnapshot += taken;
    this.runEnd = input.pos + 1;
  }

  /** The plain name characters after the one at `pos`, taken out of the input. */
  takeName(cp: number): string {
    if (!plainNameChar(cp)) return '';
    const input = this.preprocessor;
    const html = input.html;
    const start = input.pos + 1;
    let end = start;
    while (end < html.length && plainNameChar(html.charCodeAt(end))) end++;
    if (end === start) return '';
    input.pos = end - 1;
    this.consumedAfterSnapshot += end - start;
    return html.slice(start, end);
  }

  /** Text in the data, RCDATA, raw text and script states: one kind of character token per run. */
  takeText(cp: number, ends: (c: number) => boolean): void {
    if (special(cp)) return;
    this.takeRun(blank(cp) ? (c) => !blank(c) : ends);
  }

  override _stateData(cp: number): void {
    super._stateData(cp);
    if (cp !== LESS_THAN && cp !== AMPERSAND) this.takeText(cp, endsText);
  }

  override _stateRcdata(cp: number): void {
    super._stateRcdata(cp);
    if (cp !== LESS_THAN && cp !== AMPERSAND) this.takeText(cp, endsText);
  }

  override _stateRawtext(cp: number): void {
    super._stateRawtext(cp);
    if (cp !== LESS_THAN) this.takeText(cp, endsRawText);
  }

  override _stateScriptData(cp: number): void {
    super._stateScriptData(cp);
    if (cp !== LESS_THAN) this.takeText(cp, endsRawText);
  }

  override _stateTagName(cp: number): void {
    super._stateTagName(cp);
    if (this.currentToken && plainNameChar(cp)) this.currentToken.tagName += this.takeName(cp);
  }

  override _stateAttributeName(cp: number): void {
    super._stateAttributeName(cp);
    if (plainNameChar(cp)) this.currentAttr.name += this.takeName(cp);
  }

  override _stateAttributeValueDoubleQuoted(cp: number): void {
    super._stateAttributeValueDoubleQuoted(cp);
    if (!special(cp) && cp !== QUOTE && cp !== AMPERSAND) this.takeRun(endsDoubleQuoted);
  }

  override _stateAttributeValueSingleQuoted(cp: number): void {
    super._stateAttributeValueSingleQuoted(cp);
    if (!special(cp) && cp !== APOSTROPHE && cp !== AMPERSAND) this.takeRun(endsSingleQuoted);
  }
} as unknown as Parse5['Tokenizer'];

// A <script> with one of these types is a data block the browser never runs
// (JSON-LD, search data): CSP does not apply to it. Everything else runs, including
// `module`, `importmap` and `speculationrules`.
const DATA_BLOCK_TYPES = new Set(['application/ld+json', 'application/json', 'text/plain', 'text/x-template']);

export interface InlineAssets {
  scripts: Set<string>;
  /** Hash → files, for telling where an inline script sits. */
  scriptFiles: Map<string, string[]>;
  styles: Set<string>;
  styleAttributes: Set<string>;
  /** `file: what` for each inline handler or script URL; the build refuses these. */
  forbidden: string[];
}

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function runsAsScript(src: unknown, type: unknown): boolean {
  return src === undefined && !DATA_BLOCK_TYPES.has(String(type ?? '').trim().toLowerCase());
}

export function isExecutableScript(node: Element): boolean {
  return node.tagName === 'script' && runsAsScript(node.properties?.src, node.properties?.type);
}

/** Attributes holding a URL (HTML names; `xlink:href` also as parse5 adjusts it inside SVG). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);
const SCRIPT_URL = /^(javascript|vbscript):/i;

/**
 * Whether following this attribute value runs script. The URL parser drops leading C0
 * controls and spaces and every tab and newline anywhere (WHATWG URL, basic URL parser),
 * so `java&#9;script:` and `&#1;javascript:` are script URLs; a leading no-break space is
 * not dropped, so that value is a relative URL.
 */
export function isScriptUrl(value: string): boolean {
  return SCRIPT_URL.test(value.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, ''));
}

/** What one page holds, before it is hashed into an InlineAssets (the token scan keeps it until it has not given up). */
interface PageFindings {
  scripts: string[];
  styles: string[];
  styleAttributes: string[];
  forbidden: string[];
}

/** Checks one element's attributes; returns its `src` and `type` (the first of each name counts). */
function checkAttributes(
  tag: string,
  attrs: readonly { name: string; value: string; prefix?: string }[],
  file: string,
  page: PageFindings,
): { src?: string; type?: string } {
  let src: string | undefined;
  let type: string | undefined;
  for (const { name: local, prefix, value } of attrs) {
    const name = prefix ? `${prefix}:${local}` : local;
    // Attribute names arrive lower-cased from the tokenizer; only the first of a name counts.
    if (name === 'src' && src === undefined) src = value;
    else if (name === 'type' && type === undefined) type = value;
    if ((name.charCodeAt(0) | 32) === 111 && (name.charCodeAt(1) | 32) === 110) page.forbidden.push(`${file}: <${tag} ${name}>`); // on…
    if (name === 'style') page.styleAttributes.push(value);
    if (URL_ATTRIBUTES.has(name) && isScriptUrl(value)) page.forbidden.push(`${file}: <${tag} ${name}="${value.slice(0, 40)}">`);
  }
  return { src, type };
}

function addPage(page: PageFindings, file: string, into: InlineAssets): void {
  for (const text of page.scripts) {
    const hash = cspHash(text);
    into.scripts.add(hash);
    const files = into.scriptFiles.get(hash);
    if (files) files.push(file);
    else into.scriptFiles.set(hash, [file]);
  }
  for (const text of page.styles) into.styles.add(cspHash(text));
  for (const value of page.styleAttributes) into.styleAttributes.add(cspHash(value));
  for (const entry of page.forbidden) into.forbidden.push(entry);
}

// ---------------------------------------------------------------------------------------
// The tree scan: parse5's full tree builder. Exact for any input; the token scan's fallback.

function textOf(node: ParsedNode): string {
  return (node.childNodes ?? []).map((child) => (child.tagName === undefined && child.value !== undefined ? child.value : '')).join('');
}

function scanTree(html: string, file: string, page: PageFindings): void {
  // Same parser options as hast-util-from-html: <noscript> content is parsed as markup.
  // Written as a plain loop without closures per element: pages have thousands of them.
  const stack: ParsedNode[] = [parse5.parse(html, { scriptingEnabled: false })];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const tag = node.tagName;
    if (tag !== undefined) {
      const { src, type } = checkAttributes(tag, node.attrs ?? [], file, page);
      if (tag === 'script' && runsAsScript(src, type)) page.scripts.push(textOf(node));
      if (tag === 'style') page.styles.push(textOf(node));
    }
    // A <template>'s content is a separate fragment, not among its childNodes: skipped as before.
    const children = node.childNodes;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

// ---------------------------------------------------------------------------------------
// The token scan.

const $ = parse5.html.TAG_ID;
const { HTML, SVG, MATHML } = parse5.html.NS;
const { RCDATA, RAWTEXT, SCRIPT_DATA, PLAINTEXT } = parse5.TokenizerMode;
const { causesExit, adjustTokenSVGTagName, isIntegrationPoint } = parse5.foreignContent;

/** A table over tag IDs (parse5 numbers known tag names from 1; 0 is any other name). */
function tagTable(ids: number[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const id of ids) table[id] = 1;
  return table;
}

/** Start tags that close an open <p> in button scope first (the scan gives up instead). */
const CLOSES_P = tagTable([
  $.ADDRESS, $.ARTICLE, $.ASIDE, $.BLOCKQUOTE, $.CENTER, $.DETAILS, $.DIALOG, $.DIR, $.DIV, $.DL, $.FIELDSET,
  $.FIGCAPTION, $.FIGURE, $.FOOTER, $.HEADER, $.HGROUP, $.MAIN, $.MENU, $.NAV, $.OL, $.P, $.SEARCH, $.SECTION,
  $.SUMMARY, $.UL, $.H1, $.H2, $.H3, $.H4, $.H5, $.H6, $.PRE, $.LISTING, $.FORM, $.LI, $.DD, $.DT, $.PLAINTEXT,
  $.TABLE, $.HR, $.XMP,
]);
const NUMBERED_HEADERS = tagTable([$.H1, $.H2, $.H3, $.H4, $.H5, $.H6]);
/** Elements in body that are inserted and popped at once (void elements). */
const VOID_IN_BODY = tagTable([
  $.AREA, $.BASE, $.BASEFONT, $.BGSOUND, $.BR, $.EMBED, $.IMG, $.INPUT, $.KEYGEN, $.LINK, $.META, $.PARAM, $.SOURCE,
  $.TRACK, $.WBR,
]);
/** The table parts, which the tree builder ignores in body, and which close an open cell or caption. */
const TABLE_PARTS = tagTable([$.CAPTION, $.COL, $.COLGROUP, $.TBODY, $.TD, $.TFOOT, $.TH, $.THEAD, $.TR]);
/** Start tags in body that the tree builder ignores or merges into an open element, or that change the document
 * structure (frameset, image → img): the token scan gives up on them. */
const NOT_IN_BODY = tagTable([$.HTML, $.BODY, $.HEAD, $.FRAMESET, $.FRAME, $.IMAGE]);
/** Open elements that choose the tree builder's insertion mode (besides html, head and body). */
const MODE_ELEMENTS = tagTable([$.SELECT, $.TD, $.TH, $.TR, $.TBODY, $.THEAD, $.TFOOT, $.CAPTION, $.COLGROUP, $.TABLE, $.TEMPLATE]);
/** Elements closed by "generate implied end tags". */
const IMPLIED_END = tagTable([$.DD, $.DT, $.LI, $.OPTGROUP, $.OPTION, $.P, $.RB, $.RP, $.RT, $.RTC]);
/** Special HTML elements that stop the search for a list item to close (all but address, div and p). */
const LIST_ITEM_BOUNDARY = tagTable([...parse5.html.SPECIAL_ELEMENTS[HTML]].filter((id) => id !== $.ADDRESS && id !== $.DIV && id !== $.P));

// Where the document is while no body content is open (the tree builder's first insertion modes).
const BEFORE_HTML = 0;
const BEFORE_HEAD = 1;
const IN_HEAD = 2;
const AFTER_HEAD = 3;
const IN_BODY = 4;

// Flags of an open element.
/** A <noscript> in <head>: with scripting disabled, only a few head elements may follow before </noscript>. */
const HEAD_NOSCRIPT = 1;
/** An SVG or MathML element where HTML may start (special in the spec's sense): the scan gives up on start tags in it. */
const FOREIGN_SPECIAL = 2;
/** An integration point: the tokenizer is not in foreign content there (no CDATA). */
const INTEGRATION_POINT = 4;

/**
 * parse5's tokenizer calls these for each token. A start tag the tree builder would not
 * simply insert, or an end tag that does not close the current element, makes the scan
 * give up (`failed`) and pause the tokenizer: every check below errs towards giving up.
 */
class TokenScan {
  tokenizer!: Tokenizer;
  file = '';
  page: PageFindings = { scripts: [], styles: [], styleAttributes: [], forbidden: [] };
  failed = false;
  phase = BEFORE_HTML;
  // The stack of open elements below <html>, <head> and <body>, as parallel arrays.
  depth = 0;
  ids: number[] = [];
  /** The start tag's name as the tokenizer gave it (lower case, before SVG's case adjustment). */
  names: string[] = [];
  namespaces: string[] = [];
  flags: number[] = [];
  /** How many HTML elements of each tag ID are open. */
  open = new Uint32Array(256);
  /** Open HTML <template>s: their content is a separate fragment, which the tree scan never visits. */
  templates = 0;
  /** The open <script> or <style> whose text is being collected (its depth), else -1. */
  textDepth = -1;
  textKind = 0;
  text = '';
  /** parse5 reads this before reporting a parse error: null keeps its fast path for input checks. */
  onParseError = null;

  /** `plain`: the page is read by PlainTokenizer first; parse5's tokenizer reads it if that gives up. */
  reset(file: string, plain = false): void {
    this.file = file;
    this.page = { scripts: [], styles: [], styleAttributes: [], forbidden: [] };
    this.failed = false;
    this.phase = BEFORE_HTML;
    this.depth = 0;
    this.open.fill(0);
    this.templates = 0;
    this.textDepth = -1;
    this.text = '';
    this.tokenizer = plain ? new PlainTokenizer(this, PARSE5_TABLES) : new RunTokenizer({ sourceCodeLocationInfo: false }, this);
  }

  fail(): void {
    this.failed = true;
    this.tokenizer.pause();
  }

  // -- Elements --------------------------------------------------------------------------

  /** An element the tree builder inserts with exactly the token's attributes; returns its `src`/`type`. */
  attributes(token: TagToken): { src?: string; type?: string } {
    return this.templates === 0 ? checkAttributes(token.tagName, token.attrs, this.file, this.page) : {};
  }

  /** A void element: inserted and popped at once. */
  empty(token: TagToken): void {
    this.attributes(token);
  }

  /**
   * Inserts an element; `state` switches the tokenizer as the tree builder does for
   * text-only elements. `name` is the tag name as the tokenizer gave it, for end tags.
   */
  insert(token: TagToken, ns: string, state = -1, name = token.tagName): void {
    const tid = token.tagID;
    const { src, type } = this.attributes(token);
    let kind = 0;
    if (this.templates === 0 && (tid === $.SCRIPT ? runsAsScript(src, type) : tid === $.STYLE)) kind = tid;
    if (kind !== 0 && this.textDepth !== -1) return this.fail(); // a script inside a foreign script: not worth following
    // Self-closing counts only in foreign content (and for <svg/>, <math/>): the element has no children.
    if (ns !== HTML && token.selfClosing) {
      if (kind !== 0) this.record(kind, '');
      return;
    }
    const d = this.depth++;
    this.ids[d] = tid;
    this.names[d] = name;
    this.namespaces[d] = ns;
    let flags = 0;
    if (ns === HTML) {
      this.open[tid]++;
      if (tid === $.TEMPLATE) this.templates++;
      this.tokenizer.inForeignNode = false;
      if (state !== -1) this.tokenizer.state = state;
    } else {
      if (parse5.html.SPECIAL_ELEMENTS[ns].has(tid)) flags |= FOREIGN_SPECIAL;
      if (isIntegrationPoint(tid, ns, token.attrs)) flags |= INTEGRATION_POINT;
      this.tokenizer.inForeignNode = (flags & INTEGRATION_POINT) === 0;
    }
    this.flags[d] = flags;
    if (kind !== 0) {
      this.textDepth = this.depth;
      this.textKind = kind;
      this.text = '';
    }
  }

  pop(): void {
    if (this.depth === this.textDepth) this.endText();
    const d = --this.depth;
    if (this.namespaces[d] === HTML) {
      this.open[this.ids[d]]--;
      if (this.ids[d] === $.TEMPLATE) this.templates--;
    }
    this.tokenizer.inForeignNode = d > 0 && this.namespaces[d - 1] !== HTML && (this.flags[d - 1] & INTEGRATION_POINT) === 0;
  }

  endText(): void {
    this.record(this.textKind, this.text);
    this.textDepth = -1;
    this.text = '';
  }

  record(kind: number, text: string): void {
    (kind === $.SCRIPT ? this.page.scripts : this.page.styles).push(text);
  }

  /** The innermost open element that chooses the insertion mode (table parts, select, template), else -1. */
  mode(): number {
    for (let i = this.depth - 1; i >= 0; i--) if (MODE_ELEMENTS[this.ids[i]] === 1 && this.namespaces[i] === HTML) return this.ids[i];
    return -1;
  }

  /** Whether an <li> (or <dd>/<dt>) start tag would close an open one first. */
  closesListItem(a: number, b: number): boolean {
    for (let i = this.depth - 1; i >= 0; i--) {
      const id = this.ids[i];
      if (id === a || id === b) return true;
      if (LIST_ITEM_BOUNDARY[id] === 1) return false;
    }
    return false;
  }

  // -- Start tags --------------------------------------------------------------------------

  onStartTag(token: TagToken): void {
    if (this.failed) return;
    const top = this.depth - 1;
    if (top >= 0 && this.namespaces[top] !== HTML) return this.foreignStartTag(token, top);
    if (top >= 0) {
      if ((this.flags[top] & HEAD_NOSCRIPT) !== 0) return this.headNoscriptStartTag(token);
      const mode = this.mode();
      if (mode !== -1) return this.modeStartTag(token, mode);
    }
    let phase = this.phase;
    if (phase === BEFORE_HTML) {
      if (token.tagID === $.HTML) {
        this.phase = BEFORE_HEAD;
        return this.empty(token);
      }
      phase = BEFORE_HEAD;
    }
    if (phase === BEFORE_HEAD) {
      if (token.tagID === $.HEAD) {
        this.phase = IN_HEAD;
        return this.empty(token);
      }
      phase = IN_HEAD; // the head the tree builder implies
    }
    this.phase = phase;
    if (phase !== IN_BODY && this.headStartTag(token)) return;
    this.phase = IN_BODY;
    this.bodyStartTag(token);
  }

  /** In head or after it; false when the token starts the body (implied or, for <body>, given). */
  headStartTag(token: TagToken): boolean {
    switch (token.tagID) {
      case $.HTML:
      case $.HEAD:
      case $.FRAMESET:
        this.fail();
        return true;
      case $.BASE:
      case $.BASEFONT:
      case $.BGSOUND:
      case $.LINK:
      case $.META:
        this.empty(token);
        return true;
      case $.TITLE:
        this.insert(token, HTML, RCDATA);
        return true;
      case $.NOFRAMES:
      case $.STYLE:
        this.insert(token, HTML, RAWTEXT);
        return true;
      case $.SCRIPT:
        this.insert(token, HTML, SCRIPT_DATA);
        return true;
      case $.TEMPLATE:
        this.insert(token, HTML);
        return true;
      case $.NOSCRIPT:
        // In head (scripting disabled) it opens the "in head noscript" mode; after </head> it starts the body.
        if (this.phase !== IN_HEAD) return false;
        this.insert(token, HTML);
        this.flags[this.depth - 1] = HEAD_NOSCRIPT;
        return true;
      case $.BODY:
        this.phase = IN_BODY;
        this.empty(token);
        return true;
      default:
        return false;
    }
  }

  headNoscriptStartTag(token: TagToken): void {
    switch (token.tagID) {
      case $.BASEFONT:
      case $.BGSOUND:
      case $.LINK:
      case $.META:
        return this.empty(token);
      case $.NOFRAMES:
      case $.STYLE:
        return this.insert(token, HTML, RAWTEXT);
      default:
        // Anything else closes the <noscript> (and maybe the head) or is ignored.
        return this.fail();
    }
  }

  modeStartTag(token: TagToken, mode: number): void {
    const tid = token.tagID;
    switch (mode) {
      case $.TEMPLATE:
      case $.TD:
      case $.TH:
      case $.CAPTION:
        // Table parts change a template's mode or close the cell or caption; the rest is "in body".
        if (TABLE_PARTS[tid] === 1) return this.fail();
        return this.bodyStartTag(token);
      case $.SELECT: {
        const top = this.ids[this.depth - 1];
        if (tid === $.OPTION) return top === $.OPTION ? this.fail() : this.insert(token, HTML);
        if (tid === $.OPTGROUP) return top === $.OPTION || top === $.OPTGROUP ? this.fail() : this.insert(token, HTML);
        if (tid === $.HR) return top === $.OPTION || top === $.OPTGROUP ? this.fail() : this.empty(token);
        if (tid === $.SCRIPT) return this.insert(token, HTML, SCRIPT_DATA);
        if (tid === $.TEMPLATE) return this.insert(token, HTML);
        return this.fail(); // ignored, or closes the select
      }
      case $.TR:
        if (tid === $.TD || tid === $.TH) return this.insert(token, HTML);
        return this.tableStartTag(token);
      case $.TBODY:
      case $.THEAD:
      case $.TFOOT:
        if (tid === $.TR) return this.insert(token, HTML);
        return this.tableStartTag(token);
      case $.TABLE:
        if (tid === $.CAPTION || tid === $.COLGROUP || tid === $.TBODY || tid === $.THEAD || tid === $.TFOOT) return this.insert(token, HTML);
        return this.tableStartTag(token);
      case $.COLGROUP:
        if (tid === $.COL) return this.empty(token);
        if (tid === $.TEMPLATE) return this.insert(token, HTML);
        return this.fail(); // closes the column group
      default:
        return this.fail();
    }
  }

  /** In a table, row group or row: what the tree builder takes in place; the rest is implied parts or foster-parented. */
  tableStartTag(token: TagToken): void {
    switch (token.tagID) {
      case $.SCRIPT:
        return this.insert(token, HTML, SCRIPT_DATA);
      case $.STYLE:
        return this.insert(token, HTML, RAWTEXT);
      case $.TEMPLATE:
        return this.insert(token, HTML);
      default:
        return this.fail();
    }
  }

  /** The "in body" rules, for the documents the token scan follows. */
  bodyStartTag(token: TagToken): void {
    const tid = token.tagID;
    if (NOT_IN_BODY[tid] === 1 || TABLE_PARTS[tid] === 1) return this.fail();
    if (CLOSES_P[tid] === 1 && this.open[$.P] > 0) return this.fail();
    const top = this.depth > 0 ? this.ids[this.depth - 1] : -1;
    switch (tid) {
      case $.A:
      case $.NOBR:
      case $.BUTTON:
      case $.FORM:
        // A second one would close (or, for <form>, drop) the first.
        return this.open[tid] > 0 ? this.fail() : this.insert(token, HTML);
      case $.LI:
        return this.closesListItem($.LI, $.LI) ? this.fail() : this.insert(token, HTML);
      case $.DD:
      case $.DT:
        return this.closesListItem($.DD, $.DT) ? this.fail() : this.insert(token, HTML);
      case $.RB:
      case $.RTC:
      case $.RT:
      case $.RP:
        return this.open[$.RUBY] > 0 && top !== -1 && IMPLIED_END[top] === 1 ? this.fail() : this.insert(token, HTML);
      case $.OPTION:
      case $.OPTGROUP:
        return top === $.OPTION ? this.fail() : this.insert(token, HTML);
      case $.HR:
        return this.empty(token);
      case $.XMP:
      case $.STYLE:
      case $.NOFRAMES:
      case $.IFRAME:
      case $.NOEMBED:
        return this.insert(token, HTML, RAWTEXT);
      case $.TITLE:
      case $.TEXTAREA:
        return this.insert(token, HTML, RCDATA);
      case $.SCRIPT:
        return this.insert(token, HTML, SCRIPT_DATA);
      case $.PLAINTEXT:
        return this.insert(token, HTML, PLAINTEXT);
      case $.SVG:
        return this.insert(token, SVG);
      case $.MATH:
        return this.insert(token, MATHML);
      default:
        if (NUMBERED_HEADERS[tid] === 1 && top !== -1 && NUMBERED_HEADERS[top] === 1) return this.fail();
        if (VOID_IN_BODY[tid] === 1) return this.empty(token);
        // Everything else, <noscript> included (scripting is disabled), is an element of its own.
        return this.insert(token, HTML);
    }
  }

  foreignStartTag(token: TagToken, top: number): void {
    // Where HTML may start again, or a tag that leaves foreign content: the tree builder's business.
    if ((this.flags[top] & FOREIGN_SPECIAL) !== 0 || causesExit(token)) return this.fail();
    const ns = this.namespaces[top];
    const name = token.tagName;
    if (ns === SVG) adjustTokenSVGTagName(token); // foreignObject and the like: for the tag ID
    this.insert(token, ns, -1, name);
  }

  // -- End tags ----------------------------------------------------------------------------

  onEndTag(token: TagToken): void {
    if (this.failed) return;
    const d = this.depth;
    const tid = token.tagID;
    if (d > 0 && this.namespaces[d - 1] !== HTML) {
      // Only the current foreign element's own end tag; </p> and </br> leave foreign content.
      if (tid !== $.P && tid !== $.BR && this.names[d - 1] === token.tagName) return this.pop();
      return this.fail();
    }
    switch (tid) {
      case $.BODY:
      case $.HTML:
        // Nothing closes: the tree builder only notes that the body ended (or is ignored),
        // and content after it still goes where it would have gone.
        if (d === 0) this.phase = IN_BODY;
        return;
      case $.HEAD:
        if (d === 0 && this.phase < AFTER_HEAD) {
          this.phase = AFTER_HEAD;
          return;
        }
        return this.fail();
      default:
        if (d > 0 && this.ids[d - 1] === tid && (tid !== $.UNKNOWN || this.names[d - 1] === token.tagName)) return this.pop();
        return this.fail();
    }
  }

  // -- Text and the rest ---------------------------------------------------------------------

  onCharacter(token: CharacterToken): void {
    if (this.failed) return;
    const d = this.depth;
    if (d === this.textDepth) {
      this.text += token.chars;
      return;
    }
    if (d === 0) {
      this.phase = IN_BODY; // text implies the body
      return;
    }
    // Text ends a head <noscript> and a column group.
    if ((this.flags[d - 1] & HEAD_NOSCRIPT) !== 0 || (this.ids[d - 1] === $.COLGROUP && this.namespaces[d - 1] === HTML)) this.fail();
  }

  onWhitespaceCharacter(token: CharacterToken): void {
    if (!this.failed && this.depth === this.textDepth) this.text += token.chars;
  }

  /** U+0000 outside text-only elements: dropped in HTML, U+FFFD in foreign content. Rare enough to give up. */
  onNullCharacter(): void {
    if (!this.failed) this.fail();
  }

  onComment(): void {}

  onDoctype(): void {}

  onEof(): void {
    // An element left open at the end keeps the text it has (the tree builder pops it).
    if (!this.failed && this.textDepth !== -1) this.endText();
  }
}

const tokenScan = new TokenScan();
const PARSE5_TABLES = { getTagID: parse5.html.getTagID, modes: parse5.TokenizerMode };

/** Which tokenizer read a page in the token scan, or `tree` when the page needed the tree builder. */
export type ScanPath = 'plain' | 'parse5' | 'tree';

/** The token scan of one page: its findings, or none when the page needs the tree builder. */
function tokenFindings(html: string, file: string): { path: ScanPath; page?: PageFindings } {
  const scan = tokenScan;
  scan.reset(file, true);
  scan.tokenizer.write(html, true);
  let path: ScanPath = 'plain';
  if ((scan.tokenizer as PlainTokenizer).unsupported) {
    // Markup the plain tokenizer does not follow: parse5's tokenizer reads the page anew.
    scan.reset(file);
    scan.tokenizer.write(html, true);
    path = 'parse5';
  }
  return scan.failed ? { path: 'tree' } : { path, page: scan.page };
}

/** Which way scanHtml takes for a page (for the tests and `npm run bench csp`). */
export function scanPath(html: string): ScanPath {
  return tokenFindings(html, '').path;
}

/**
 * Scans a page with the token scan into `into`; false (and nothing added) when the page
 * needs the tree builder. Exported for the tests, which check where each path is taken.
 */
export function scanTokens(html: string, file: string, into: InlineAssets): boolean {
  const { page } = tokenFindings(html, file);
  if (!page) return false;
  addPage(page, file, into);
  return true;
}

/** Scans a page from parse5's full tree: the fallback, and the yardstick `npm run bench csp` checks the token scan against. */
export function scanWithTree(html: string, file: string, into: InlineAssets): void {
  const page: PageFindings = { scripts: [], styles: [], styleAttributes: [], forbidden: [] };
  scanTree(html, file, page);
  addPage(page, file, into);
}

export function scanHtml(html: string, file: string, into: InlineAssets): void {
  if (!scanTokens(html, file, into)) scanWithTree(html, file, into);
}

export function htmlFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

/** Scans every HTML file under `dir`, skipping paths `skip` says (e.g. the CMS). */
export function scanDirectory(dir: string, skip: (relativePath: string) => boolean = () => false): InlineAssets {
  const assets: InlineAssets = { scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] };
  for (const file of htmlFiles(dir)) {
    const rel = relative(dir, file).split('\\').join('/');
    if (skip(rel)) continue;
    scanHtml(readFileSync(file, 'utf8'), rel, assets);
  }
  return assets;
}
