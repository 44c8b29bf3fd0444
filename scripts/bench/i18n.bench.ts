/**
 * The interface languages (issue 10): what the finder sends in each language (HTML, CSS,
 * JS at load, and the language's search data fetched on first use, each gzip-compressed as
 * a server would send it), and what six languages cost the build (time, page count).
 * Issue 14: plus what the service worker costs on that first visit, its own file and every
 * precached file the finder did not load already; the total must stay within 60 kB
 * (scripts/lib/finder-transfer.ts, the same calculation as the audit and the budget test).
 * Built from a throwaway copy of the project, so dist/ is left alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LANGUAGES } from '../../src/i18n/languages.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';
import { countPages } from '../lib/bare-astro.ts';
import { FINDER_TRANSFER_BUDGET, finderTransfer, formatTransfer } from '../lib/finder-transfer.ts';

const projectRoot = process.cwd();

const root = makeScaledProject(projectRoot, 0);
try {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const buildMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}\n${result.stdout}`);
  const dist = join(root, 'dist');
  console.log(`build of the sample site in ${LANGUAGES.length} languages: ${(buildMs / 1000).toFixed(1)} s, ${countPages(dist)} HTML pages`);
  console.log('\nfinder transfer per language (gzip; search data fetched when the finder is first used; service worker: its file plus what it precaches beyond that):');
  const rows = finderTransfer(dist);
  console.log(formatTransfer(rows));
  if (rows.some((row) => row.total > FINDER_TRANSFER_BUDGET)) process.exitCode = 1;
} finally {
  removeProject(root);
}
