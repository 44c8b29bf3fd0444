/**
 * `npm run bench csp` (issue 17): what the CSP scan of built HTML (src/lib/inline-assets.ts)
 * costs per page. Builds a throwaway copy of the project (sample content, all languages),
 * then scans its dist/ as the security-headers integration does at the end of every build:
 * once cold (a build scans once, in a process that has not run the scan before) and then
 * several times more, keeping the fastest. CPU time (user + system, GC threads included)
 * is the figure to judge on a shared machine; wall time is printed beside it.
 *
 * Beside it, for scale: parse5's tree builder over the same pages, which is what the scan
 * cost before the token scan and what it still costs for a page the token scan leaves to
 * the tree.
 *
 *   npm run bench csp                         sample content, all languages
 *   QN_BENCH_OFFERS=2000 npm run bench csp    with 2,000 generated offers more (city scale)
 *   QN_BENCH_DIST=dist npm run bench csp      scan an existing dist/ instead of building
 *   QN_BENCH_RUNS=10 npm run bench csp        scans after the cold one (default 5)
 *
 * It also checks every page the token scan takes against parse5's full tree (the same
 * findings, or the pages that differ) and exits 1 if any differs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { htmlFiles, scanDirectory, scanPath, scanTokens, scanWithTree, type InlineAssets } from '../../src/lib/inline-assets.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';

const projectRoot = process.cwd();
const offers = Number(process.env.QN_BENCH_OFFERS ?? 0);
const runs = Math.max(1, Number(process.env.QN_BENCH_RUNS ?? 5));

interface Timing {
  cpuMs: number;
  wallMs: number;
}

function timed(run: () => void): Timing {
  const cpu = process.cpuUsage();
  const started = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started };
}

function line(label: string, pages: number, t: Timing): string {
  const perPage = t.cpuMs / pages;
  return `${label.padEnd(34)} ${perPage.toFixed(3)} ms/page CPU (${(1000 / perPage).toFixed(0).padStart(5)} pages/s), wall ${(t.wallMs / pages).toFixed(3)} ms/page, ${(t.cpuMs / 1000).toFixed(2)} s CPU in all`;
}

function fastest(times: Timing[]): Timing {
  return times.reduce((best, t) => (t.cpuMs < best.cpuMs ? t : best));
}

function bench(dist: string): void {
  const files = htmlFiles(dist);
  const pages = files.length;
  // Cold first: the build runs the scan once per process.
  const cold = timed(() => scanDirectory(dist));
  const warm = fastest(Array.from({ length: runs }, () => timed(() => scanDirectory(dist))));

  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const empty = (): InlineAssets => ({ scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] });
  const toTree = files.filter((_, i) => !scanTokens(texts[i], files[i], empty())).map((file) => relative(dist, file));
  // Every page the token scan takes must give what parse5's full tree gives.
  const findings = (x: InlineAssets) => JSON.stringify([[...x.scripts], [...x.scriptFiles], [...x.styles], [...x.styleAttributes], x.forbidden]);
  const differing = files.filter((file, i) => {
    const byTokens = empty();
    if (!scanTokens(texts[i], file, byTokens)) return false;
    const byTree = empty();
    scanWithTree(texts[i], file, byTree);
    return findings(byTokens) !== findings(byTree);
  });

  // The tree builder the scan used before (and falls back to), resolved as inline-assets.ts does.
  const parse5 = createRequire(createRequire(import.meta.url).resolve('hast-util-from-html'))('parse5') as { parse(html: string, options: object): unknown };
  const tree = fastest(Array.from({ length: runs }, () => timed(() => texts.forEach((html) => parse5.parse(html, { scriptingEnabled: false })))));

  const plain = texts.filter((html) => scanPath(html) === 'plain').length;
  console.log(`${pages} HTML pages, ${(texts.reduce((sum, t) => sum + t.length, 0) / pages / 1024).toFixed(1)} kB each on average; ${pages - toTree.length} on the token path (${plain} read by the plain tokenizer, ${pages - toTree.length - plain} by parse5's), ${toTree.length} left to parse5's tree${toTree.length ? ` (${toTree.slice(0, 5).join(', ')}${toTree.length > 5 ? ', …' : ''})` : ''}`);
  console.log(`token scan against parse5's full tree: ${pages - toTree.length - differing.length} of ${pages - toTree.length} pages with the same findings${differing.length ? `; DIFFERENT: ${differing.slice(0, 5).map((f) => relative(dist, f)).join(', ')}` : ''}`);
  if (differing.length) process.exitCode = 1;
  console.log(line('scanDirectory, cold (as in a build)', pages, cold));
  console.log(line(`scanDirectory, fastest of ${runs}`, pages, warm));
  console.log(line(`parse5 tree alone, fastest of ${runs}`, pages, tree));
}

console.log(`${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (process.env.QN_BENCH_DIST) {
  bench(process.env.QN_BENCH_DIST);
} else {
  const root = makeScaledProject(projectRoot, offers);
  try {
    const started = performance.now();
    // This Node (24), not whatever `node` the astro launcher would find on PATH.
    const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}\n${result.stdout}`);
    console.log(`built the sample content${offers ? ` with ${offers} generated offers more` : ''} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    bench(join(root, 'dist'));
  } finally {
    removeProject(root);
  }
}
