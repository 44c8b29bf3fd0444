/**
 * The interface languages (issue 10): what the finder sends in each language (HTML, CSS,
 * JS at load, and the language's search data fetched on first use, each gzip-compressed as
 * a server would send it), and what six languages cost the build (time, page count).
 * Issue 14: plus what the service worker costs on that first visit, its own file and every
 * precached file the finder did not load already; the total must stay within 60 kB.
 * Built from a throwaway copy of the project, so dist/ is left alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LANGUAGES } from '../../src/i18n/languages.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';
import { countPages } from '../lib/bare-astro.ts';
import { pageAssets } from '../../src/lib/page-assets.ts';
import { SERVICE_WORKER_FILE } from '../../src/integrations/service-worker.ts';

/** Issue 14: the finder's first visit, service worker included, at sample size. */
const BUDGET_BYTES = 60 * 1024;

const projectRoot = process.cwd();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string) => gzipSync(readFileSync(file)).length;

const root = makeScaledProject(projectRoot, 0);
try {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const buildMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}\n${result.stdout}`);
  const dist = join(root, 'dist');
  console.log(`build of the sample site in ${LANGUAGES.length} languages: ${(buildMs / 1000).toFixed(1)} s, ${countPages(dist)} HTML pages`);
  console.log('\nfinder transfer per language (gzip; search data fetched when the finder is first used; service worker: its file plus what it precaches beyond that):');
  const worker = readFileSync(join(dist, SERVICE_WORKER_FILE), 'utf8');
  const precache = JSON.parse(/^const QN_SW = (.*);$/m.exec(worker)?.[1] ?? '{"precache":{}}').precache as Record<string, string[]>;
  const file = (path: string) => join(dist, path.endsWith('/') ? `${path}index.html` : path);
  const rows = [['language', 'HTML', 'CSS', 'JS', 'search data', 'worker', 'total', 'budget']];
  let over = 0;
  for (const language of LANGUAGES) {
    const prefix = language.code === 'de' ? '/' : `/${language.code}/`;
    const finder = `${prefix}angebote/`;
    const html = readFileSync(file(finder), 'utf8');
    const assets = pageAssets(dist, finder);
    const css = assets.filter((a) => a.endsWith('.css')).reduce((sum, a) => sum + gz(file(a)), 0);
    const js = assets.filter((a) => a.endsWith('.js')).reduce((sum, a) => sum + gz(file(a)), 0);
    const dataUrl = /&quot;searchUrl&quot;:&quot;([^&]+)&quot;/.exec(html)?.[1] ?? `${prefix}angebote/suche.json`;
    const data = gz(file(dataUrl));
    const page = gz(file(finder));
    // The worker revalidates (cache: 'no-cache'): what the visit has already loaded (the
    // finder, its files, its search data) comes back as "304 Not Modified", not again.
    const loaded = new Set([...assets, finder, dataUrl]);
    const precached = (precache[language.code] ?? []).filter((path) => !loaded.has(path));
    const workerBytes = gzipSync(worker).length + precached.reduce((sum, path) => sum + gz(file(path)), 0);
    const total = page + css + js + data + workerBytes;
    if (total > BUDGET_BYTES) over++;
    rows.push([`${language.code} (${language.endonym})`, kb(page), kb(css), kb(js), kb(data), kb(workerBytes), kb(total), total > BUDGET_BYTES ? 'OVER' : 'ok']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  console.log(`budget: ${kb(BUDGET_BYTES)} per language for the finder's first visit; ${over ? `${over} language(s) over` : 'all within'}`);
  if (over) process.exitCode = 1;
} finally {
  removeProject(root);
}
