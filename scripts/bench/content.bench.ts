/** Check time and build time for the sample content and for 2,000 generated offers. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/lib/load-content.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';

const projectRoot = process.cwd();

function timeCheck(root: string) {
  const runs: number[] = [];
  let offers = 0;
  let problems = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const result = loadContent(root);
    runs.push(performance.now() - started);
    offers = result.content.offers.length;
    problems = result.problems.length;
  }
  return { offers, problems, ms: Math.min(...runs) };
}

function timeBuild(root: string) {
  const started = performance.now();
  const result = spawnSync(join(projectRoot, 'node_modules/.bin/astro'), ['build', '--silent'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`build failed in ${root}:\n${result.stderr}\n${result.stdout}`);
  const pages = countHtml(join(root, 'dist'));
  return { ms, pages };
}

function countHtml(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countHtml(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) count++;
  }
  return count;
}

const rows: string[] = [];
for (const [label, extra] of [['sample content', 0], ['+2,000 generated offers', 2000]] as const) {
  const root = extra ? makeScaledProject(projectRoot, extra) : makeScaledProject(projectRoot, 0);
  try {
    const check = timeCheck(root);
    const build = timeBuild(root);
    rows.push(
      `${label.padEnd(26)} offers ${String(check.offers).padStart(5)}  problems ${check.problems}  check ${check.ms.toFixed(0).padStart(5)} ms  build ${(build.ms / 1000).toFixed(1).padStart(5)} s  pages ${String(build.pages).padStart(5)}  (${(build.pages / (build.ms / 1000)).toFixed(0)} pages/s)`,
    );
  } finally {
    removeProject(root);
  }
}
console.log(rows.join('\n'));
