/**
 * Finds what a strict Content-Security-Policy has to know about in built HTML: inline
 * scripts and styles (allowed by their hash) and inline event handlers or `javascript:`
 * URLs (never allowed: the build must not ship them).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';

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

export function isExecutableScript(node: Element): boolean {
  if (node.tagName !== 'script' || node.properties?.src !== undefined) return false;
  const type = String(node.properties?.type ?? '').trim().toLowerCase();
  return !DATA_BLOCK_TYPES.has(type);
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster'];

export function scanHtml(html: string, file: string, into: InlineAssets): void {
  const tree = fromHtml(html);
  visit(tree, 'element', (node) => {
    if (isExecutableScript(node)) {
      const hash = cspHash(textOf(node));
      into.scripts.add(hash);
      into.scriptFiles.set(hash, [...(into.scriptFiles.get(hash) ?? []), file]);
    }
    if (node.tagName === 'style') into.styles.add(cspHash(textOf(node)));
    for (const [name, value] of Object.entries(node.properties ?? {})) {
      if (/^on/i.test(name)) into.forbidden.push(`${file}: <${node.tagName} ${name}>`);
      if (name === 'style' && typeof value === 'string') into.styleAttributes.add(cspHash(value));
      if (URL_PROPERTIES.includes(name) && typeof value === 'string' && /^\s*(javascript|vbscript):/i.test(value)) {
        into.forbidden.push(`${file}: <${node.tagName} ${name}="${value.slice(0, 40)}">`);
      }
    }
  });
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
