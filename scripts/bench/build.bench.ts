/**
 * `npm run bench build` (issue 17): how long `astro build` takes for the sample content,
 * for +2,000 generated offers in German only and in all languages, each beside a bare
 * Astro 7 project of the same shape and page count built in the same run, so the ratio
 * stays honest on a busy machine. Targets: ratio ≤ 2.5 for both +2,000 cases, sample
 * ≤ 10 s. Builds run in throwaway copies; dist/ of the project is left alone.
 *
 * The Decap CMS bundle for /admin/ is built once and cached between builds while admin/,
 * the schemas it reads and the lock file stay the same (src/integrations/admin-bundle.ts),
 * as Netlify keeps node_modules/.cache between builds. The cases are timed with that cache
 * filled, like the builds after a CMS save or the daily rebuild; `sample-cms` times the
 * first build after a change to admin/ or the dependencies (bundle built, cache empty).
 * The bench keeps its cache in a folder of its own, removed at the end.
 *
 * Each build is timed by the wall clock and by CPU time (user + system of the build and
 * its child processes). Other engineers' builds share the two cores: wall time then
 * measures the queue as much as the build, so the ratios are judged on CPU time (site and
 * bare measured alike), with the wall-clock figures and the load average beside them.
 * The sample's 10 s is what an editor waits for, and the issue's figures (its table, the
 * README's earlier "9.9 s") were wall-clock seconds: it is judged on the wall clock of
 * the fastest run. A busy machine can only make that longer, never pass it by accident;
 * CPU seconds would ask more than the issue does, since a build that keeps both cores
 * busy spends more CPU seconds than seconds.
 *
 *   npm run bench build                  all three cases
 *   QN_BENCH_CASES=sample npm run bench build   only the named cases (sample-cms, sample, de, all)
 *   QN_BENCH_RUNS=1 npm run bench build  build each project once (default 3 times, alternating
 *                                        site and bare, keeping the fastest of each: noise only adds)
 *
 * Why three runs: on this kind of machine (a small VM on shared hardware) the system part
 * of the CPU time swings from one run to the next. Its largest cause was the bench itself:
 * it deleted the previous run's output right before each build, and on this machine's
 * journal-less ext4 every file created in the following minutes searches past the inodes
 * just freed (scripts/lib/bare-astro.ts, `leftovers`). Earlier output is now moved aside
 * and deleted at the end, so a second bench started within about five minutes of the
 * first still pays for the first one's deletions: leave a pause between runs. The table
 * prints the system part ("sys s") too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../astro.config.mjs';
import { bundleSettings } from '../../src/integrations/admin-bundle.ts';
import { ensureAdminBundle } from '../../src/integrations/admin-bundle-cache.ts';
import { LANGUAGES } from '../../src/i18n/languages.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';
import { makeBareProject, removeBuildLeftovers, timeBuild, type BuildTiming } from '../lib/bare-astro.ts';

interface Case {
  key: string;
  label: string;
  offers: number;
  languages?: string;
  /** Upper bound for the ratio to bare Astro (CPU time). */
  maxRatio?: number;
  /** Upper bound for the wall-clock seconds of the fastest run (sample). */
  maxSeconds?: number;
  /** Time the build with the CMS bundle cache empty (the first build after a change to admin/). */
  cmsCold?: boolean;
}

const CASES: Case[] = [
  { key: 'sample-cms', label: `sample content, ${LANGUAGES.length} languages, CMS bundle built`, offers: 0, cmsCold: true },
  { key: 'sample', label: `sample content, ${LANGUAGES.length} languages`, offers: 0, maxSeconds: 10 },
  { key: 'de', label: '+2,000 offers, German only', offers: 2000, languages: 'de', maxRatio: 2.5 },
  { key: 'all', label: `+2,000 offers, ${LANGUAGES.length} languages`, offers: 2000, maxRatio: 2.5 },
];

const wanted = process.env.QN_BENCH_CASES?.split(',').map((c) => c.trim());
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average before: ${load()}`);

const rows: string[][] = [['case', 'pages', 'wall s', 'CPU s', 'sys s', 'pages/s (CPU)', 'bare wall s', 'bare CPU s', 'bare sys s', 'bare pages/s (CPU)', 'ratio wall', 'ratio CPU', 'target']];
let missed = 0;
const finished: string[] = [];
const cmsCache = mkdtempSync(join(tmpdir(), 'qn-bench-cms-'));
process.env.QN_ADMIN_BUNDLE_CACHE = cmsCache; // read by the builds timeBuild starts
for (const c of CASES.filter((c) => !wanted || wanted.includes(c.key))) {
  const root = makeScaledProject(process.cwd(), c.offers);
  let bare = '';
  try {
    const env: Record<string, string> = c.languages ? { QN_LANGUAGES: c.languages } : {};
    // The cold CMS case has no target and a slow bundle step: once is enough.
    const runs = c.cmsCold ? 1 : Math.max(1, Number(process.env.QN_BENCH_RUNS ?? 3));
    const fastest = (a: BuildTiming | undefined, b: BuildTiming) => (a && a.cpuSeconds <= b.cpuSeconds ? a : b);
    const timeSite = async () => {
      if (c.cmsCold) rmSync(cmsCache, { recursive: true, force: true });
      else await ensureAdminBundle(root, bundleSettings(config), cmsCache); // untimed; a no-op once filled
      return timeBuild(root, env);
    };
    let site = await timeSite();
    let siteWall = site.seconds;
    bare = makeBareProject(process.cwd(), site.pages);
    let baseline = timeBuild(bare);
    for (let run = 1; run < runs; run++) {
      const again = await timeSite();
      siteWall = Math.min(siteWall, again.seconds);
      site = fastest(site, again);
      baseline = fastest(baseline, timeBuild(bare));
    }
    const ratio = site.cpuSeconds / baseline.cpuSeconds;
    const met = c.maxRatio !== undefined ? ratio <= c.maxRatio : siteWall <= (c.maxSeconds ?? Infinity);
    if (!met) missed++;
    const target =
      c.maxRatio !== undefined
        ? `≤ ${c.maxRatio}× CPU ${met ? 'met' : 'MISSED'}`
        : c.maxSeconds !== undefined
          ? `≤ ${c.maxSeconds} s wall (fastest ${siteWall.toFixed(1)} s) ${met ? 'met' : 'MISSED'}`
          : 'none';
    rows.push([
      c.label,
      String(site.pages),
      site.seconds.toFixed(1),
      site.cpuSeconds.toFixed(1),
      site.systemSeconds.toFixed(1),
      (site.pages / site.cpuSeconds).toFixed(0),
      baseline.seconds.toFixed(1),
      baseline.cpuSeconds.toFixed(1),
      baseline.systemSeconds.toFixed(1),
      (baseline.pages / baseline.cpuSeconds).toFixed(0),
      `${(site.seconds / baseline.seconds).toFixed(2)}×`,
      `${ratio.toFixed(2)}×`,
      target,
    ]);
    console.log(
      `${c.label}: ${site.pages} pages in ${site.seconds.toFixed(1)} s (CPU ${site.cpuSeconds.toFixed(1)} s); bare Astro ${baseline.pages} pages in ${baseline.seconds.toFixed(1)} s (CPU ${baseline.cpuSeconds.toFixed(1)} s); load ${load()}`,
    );
  } finally {
    // Deleted once every case is timed: thousands of files deleted just before a timed
    // build slow down every file it creates (see removeBuildLeftovers).
    finished.push(root);
    if (bare) finished.push(bare);
  }
}
for (const project of finished) removeProject(project);
removeBuildLeftovers();
rmSync(cmsCache, { recursive: true, force: true });

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('');
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
console.log(`\nload average after: ${load()}`);
if (missed) console.log(`${missed} target(s) missed`);
