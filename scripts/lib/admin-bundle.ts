/**
 * What each built page loads: the scripts and styles its HTML names and everything those
 * import (statically at load, or later through `import()`), read from dist/ itself. Used
 * to measure the CMS bundle at /admin/ and to show that no other page loads any of it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Graph {
  /** Files loaded with the page (dist-relative paths like `_astro/x.js`). */
  atLoad: Set<string>;
  /** Files loaded later on demand (dynamic imports, wasm, their preloads). */
  onDemand: Set<string>;
}

const ASSET = /\.(?:js|mjs|css|wasm)$/;

export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** A reference as written (`/_astro/a.js`, `./a.js`, `_astro/a.js`) → dist-relative path. */
function resolveRef(dist: string, fromFile: string, ref: string): string | undefined {
  const clean = ref.split(/[?#]/)[0];
  if (!ASSET.test(clean)) return undefined;
  let path: string;
  if (clean.startsWith('/')) path = clean.slice(1);
  else if (clean.startsWith('./') || clean.startsWith('../')) path = relative(dist, join(dirname(fromFile), clean));
  else if (clean.startsWith('_astro/')) path = clean;
  else return undefined;
  try {
    return statSync(join(dist, path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** References in a script: `import"x"`/`from"x"` load with it; other asset strings load on demand. */
function scriptRefs(code: string): { staticRefs: string[]; lazyRefs: string[] } {
  const staticRefs = [...code.matchAll(/(?:\bimport|\bfrom)\s*["']([^"']+)["']/g)].map((m) => m[1]);
  const all = [...code.matchAll(/["'`]((?:\.{1,2}\/|\/_astro\/|_astro\/)[^"'`\s]+?)["'`]/g)].map((m) => m[1]);
  const staticSet = new Set(staticRefs);
  return { staticRefs, lazyRefs: all.filter((ref) => !staticSet.has(ref)) };
}

/** Files reachable from `roots`: through static imports only, or through every reference. */
function closure(dist: string, roots: Iterable<string>, lazyToo: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(?:js|mjs)$/.test(file)) continue;
    const { staticRefs, lazyRefs } = scriptRefs(readFileSync(join(dist, file), 'utf8'));
    for (const ref of lazyToo ? [...staticRefs, ...lazyRefs] : staticRefs) {
      const path = resolveRef(dist, join(dist, file), ref);
      if (path) queue.push(path);
    }
  }
  return seen;
}

/** Everything one HTML page loads, now or later. */
export function pageGraph(dist: string, htmlFile: string): Graph {
  const html = readFileSync(htmlFile, 'utf8');
  const graph: Graph = { atLoad: new Set(), onDemand: new Set() };
  const direct = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]),
  ];
  for (const ref of direct) {
    const path = resolveRef(dist, htmlFile, ref);
    if (path) graph.atLoad.add(path);
  }
  // Inline module scripts import hashed chunks by absolute path.
  for (const [, code] of html.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)) {
    const { staticRefs, lazyRefs } = scriptRefs(code);
    for (const ref of staticRefs) {
      const path = resolveRef(dist, htmlFile, ref);
      if (path) graph.atLoad.add(path);
    }
    for (const ref of lazyRefs) {
      const path = resolveRef(dist, htmlFile, ref);
      if (path) graph.onDemand.add(path);
    }
  }
  const atLoad = closure(dist, graph.atLoad, false);
  const everything = closure(dist, [...graph.atLoad, ...graph.onDemand], true);
  return { atLoad, onDemand: new Set([...everything].filter((file) => !atLoad.has(file))) };
}

export interface Size {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

const measured = new Map<string, Omit<Size, 'files'>>();

/** Sizes as a CDN would send them: raw, gzip -9, brotli -11 (each file compressed once). */
export function sizeOf(dist: string, files: Iterable<string>): Size {
  const size: Size = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const key = join(dist, file);
    let one = measured.get(key);
    if (!one) {
      const data = readFileSync(key);
      one = {
        raw: data.length,
        gzip: gzipSync(data, { level: 9 }).length,
        brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
      measured.set(key, one);
    }
    size.files++;
    size.raw += one.raw;
    size.gzip += one.gzip;
    size.brotli += one.brotli;
  }
  return size;
}

export interface AdminIsolation {
  admin: Graph;
  /** Admin files no other page loads. */
  adminOnly: Set<string>;
  /** Admin files some other page loads too (shared site code), with the pages that load them. */
  shared: Map<string, string[]>;
  pagesChecked: number;
}

/** Compares the CMS page's files with those of every other page in dist/. */
export function adminIsolation(dist: string, cmsPage = join(dist, 'admin', 'index.html')): AdminIsolation {
  const admin = pageGraph(dist, cmsPage);
  const adminFiles = new Set([...admin.atLoad, ...admin.onDemand]);
  const shared = new Map<string, string[]>();
  const pages = htmlFiles(dist).filter((file) => file !== cmsPage);
  for (const page of pages) {
    const graph = pageGraph(dist, page);
    for (const file of [...graph.atLoad, ...graph.onDemand]) {
      if (adminFiles.has(file)) shared.set(file, [...(shared.get(file) ?? []), relative(dist, page)]);
    }
  }
  const adminOnly = new Set([...adminFiles].filter((file) => !shared.has(file)));
  return { admin, adminOnly, shared, pagesChecked: pages.length };
}

/** Decap's code carries its package names; shared site chunks must not. */
export function containsDecap(dist: string, file: string): boolean {
  return /decap-cms|DecapCms|netlify-cms/.test(readFileSync(join(dist, file), 'utf8'));
}
