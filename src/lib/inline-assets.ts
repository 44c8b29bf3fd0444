/**
 * Finds what a strict Content-Security-Policy has to know about in built HTML: inline
 * scripts and styles (allowed by their hash) and inline event handlers or `javascript:`
 * URLs (never allowed: the build must not ship them).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Element } from 'hast';

/** The parts of a parse5 tree node the scan reads. */
interface ParsedNode {
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: ParsedNode[];
  value?: string;
}

// The WHATWG parser hast-util-from-html is built on (parse5 8), used without building a
// hast tree: converting every page to hast doubled the cost of the scan, the largest
// part of the build after rendering at 13,000 pages (issue 17). Resolved through
// hast-util-from-html because the top-level `parse5` is an old 5.x another package brings.
const requireHere = createRequire(import.meta.url);
const parse5 = createRequire(requireHere.resolve('hast-util-from-html'))('parse5') as {
  parse(html: string, options: { scriptingEnabled: boolean }): ParsedNode;
};

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

function textOf(node: ParsedNode): string {
  return (node.childNodes ?? []).map((child) => (child.tagName === undefined && child.value !== undefined ? child.value : '')).join('');
}

/** Attributes holding a URL (HTML names; `xlink:href` also as parse5 adjusts it inside SVG). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

export function scanHtml(html: string, file: string, into: InlineAssets): void {
  // Same parser options as hast-util-from-html: <noscript> content is parsed as markup.
  // Written as a plain loop without closures per element: pages have thousands of them.
  const stack: ParsedNode[] = [parse5.parse(html, { scriptingEnabled: false })];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const tag = node.tagName;
    if (tag !== undefined) {
      let src: string | undefined;
      let type: string | undefined;
      for (const { name: local, prefix, value } of node.attrs ?? []) {
        const name = prefix ? `${prefix}:${local}` : local;
        // Attribute names arrive lower-cased from the tokenizer; only the first of a name counts.
        if (name === 'src' && src === undefined) src = value;
        else if (name === 'type' && type === undefined) type = value;
        if ((name.charCodeAt(0) | 32) === 111 && (name.charCodeAt(1) | 32) === 110) into.forbidden.push(`${file}: <${tag} ${name}>`); // on…
        if (name === 'style') into.styleAttributes.add(cspHash(value));
        if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript):/i.test(value)) {
          into.forbidden.push(`${file}: <${tag} ${name}="${value.slice(0, 40)}">`);
        }
      }
      if (tag === 'script' && runsAsScript(src, type)) {
        const hash = cspHash(textOf(node));
        into.scripts.add(hash);
        const files = into.scriptFiles.get(hash);
        if (files) files.push(file);
        else into.scriptFiles.set(hash, [file]);
      }
      if (tag === 'style') into.styles.add(cspHash(textOf(node)));
    }
    // A <template>'s content is a separate fragment, not among its childNodes: skipped as before.
    const children = node.childNodes;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
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
