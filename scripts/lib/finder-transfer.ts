/**
 * Issue 14's transfer budget: what a phone downloads on its first visit to the finder, per
 * interface language, read from a built site (dist/), each file gzip-compressed as the CDN
 * sends it. Counted: the page, the stylesheets and scripts it loads at once, its search data
 * (fetched on first use, and precached anyway), and the service worker's first-visit cost:
 * sw.js itself plus every file it precaches that the visit has not loaded already (the
 * worker revalidates with `cache: 'no-cache'`, so those come back as "304 Not Modified").
 *
 * One calculation for the bench (`npm run bench i18n`), the audit (`npm run audit`) and the
 * test (tests/browser/transfer-budget.test.ts), so the three cannot disagree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LANGUAGES } from '../../src/i18n/languages.ts';
import { pageAssets } from '../../src/lib/page-assets.ts';
import { SERVICE_WORKER_FILE } from '../../src/integrations/service-worker.ts';

/** Issue 14: the finder's first visit, service worker included, at sample size. */
export const FINDER_TRANSFER_BUDGET = 60 * 1024;

export interface FinderTransfer {
  language: string;
  endonym: string;
  /** Site path of the finder in this language. */
  path: string;
  html: number;
  css: number;
  js: number;
  searchData: number;
  /** sw.js plus what it precaches beyond what the page loaded. */
  worker: number;
  total: number;
  /** Every file counted, with its gzip size: for a message that says what grew. */
  files: Record<string, number>;
}

const SEARCH_URL = /&quot;searchUrl&quot;:&quot;([^&]+)&quot;/;
const PRECACHE = /^const QN_SW = (.*);$/m;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The precache lists sw.js was built with, per language. */
export function builtPrecache(dist: string): Record<string, string[]> {
  const worker = readFileSync(join(dist, SERVICE_WORKER_FILE), 'utf8');
  const json = PRECACHE.exec(worker)?.[1];
  if (!json) throw new Error(`${dist}/${SERVICE_WORKER_FILE} has no QN_SW line: was it written by src/integrations/service-worker.ts?`);
  return (JSON.parse(json) as { precache: Record<string, string[]> }).precache;
}

/** The finder's first-visit transfer in every language the site was built in. */
export function finderTransfer(dist: string): FinderTransfer[] {
  const file = (path: string) => join(dist, path.endsWith('/') ? `${path}index.html` : path);
  const sizes = new Map<string, number>();
  const gz = (path: string) => {
    let size = sizes.get(path);
    if (size === undefined) sizes.set(path, (size = gzipSync(readFileSync(file(path))).length));
    return size;
  };
  const workerBytes = gzipSync(readFileSync(join(dist, SERVICE_WORKER_FILE))).length;
  const precache = builtPrecache(dist);
  const rows: FinderTransfer[] = [];
  for (const language of LANGUAGES) {
    const path = language.code === 'de' ? '/angebote/' : `/${language.code}/angebote/`;
    if (!existsSync(file(path))) continue; // not built (QN_LANGUAGES)
    const files: Record<string, number> = { [path]: gz(path) };
    const assets = pageAssets(dist, path);
    const searchUrl = SEARCH_URL.exec(readFileSync(file(path), 'utf8'))?.[1];
    if (!searchUrl) throw new Error(`${file(path)}: no searchUrl in the finder's data-config`);
    for (const asset of [...assets, searchUrl]) files[asset] = gz(asset);
    const loaded = new Set([path, searchUrl, ...assets]);
    const precached = (precache[language.code] ?? []).filter((p) => !loaded.has(p));
    for (const p of precached) files[p] = gz(p);
    files[`/${SERVICE_WORKER_FILE}`] = workerBytes;
    const sum = (paths: string[]) => paths.reduce((total, p) => total + files[p], 0);
    const row = {
      language: language.code,
      endonym: language.endonym,
      path,
      html: files[path],
      css: sum(assets.filter((a) => a.endsWith('.css'))),
      js: sum(assets.filter((a) => a.endsWith('.js'))),
      searchData: files[searchUrl],
      worker: workerBytes + sum(precached),
      total: 0,
      files,
    };
    row.total = row.html + row.css + row.js + row.searchData + row.worker;
    rows.push(row);
  }
  return rows;
}

/** The rows as a table, with the budget per language. */
export function formatTransfer(rows: FinderTransfer[]): string {
  const table = [['language', 'HTML', 'CSS', 'JS', 'search data', 'worker', 'total', 'budget']];
  for (const r of rows) {
    table.push([`${r.language} (${r.endonym})`, kb(r.html), kb(r.css), kb(r.js), kb(r.searchData), kb(r.worker), kb(r.total), r.total > FINDER_TRANSFER_BUDGET ? 'OVER' : 'ok']);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const over = rows.filter((r) => r.total > FINDER_TRANSFER_BUDGET).length;
  return [
    ...table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')),
    `budget: ${kb(FINDER_TRANSFER_BUDGET)} (gzip) per language for the finder's first visit, service worker included; ${over ? `${over} language(s) over` : 'all within'}`,
  ].join('\n');
}
