/**
 * The CMS bundle at /admin/: what the page loads at once and on demand (raw, gzip -9,
 * brotli -11), what it adds to a build, and the proof that no other page loads any of
 * it. Built in throwaway copies so that other builds cannot interfere. Exits 1 if another
 * page loads a file that contains Decap code.
 */
import { rmSync } from 'node:fs';
import { spawnSync as run } from 'node:child_process';
import { join } from 'node:path';
import { adminIsolation, containsDecap, sizeOf, type Size } from '../lib/admin-bundle.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';

const projectRoot = process.cwd();
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} kB`;
const line = (label: string, size: Size) => `${label.padEnd(34)} ${String(size.files).padStart(4)} files  raw ${kB(size.raw)}  gzip ${kB(size.gzip)}  brotli ${kB(size.brotli)}`;

function timedBuild(root: string): number {
  const started = performance.now();
  const build = run(join(projectRoot, 'node_modules/.bin/astro'), ['build', '--silent'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) throw new Error(`build failed in ${root}:\n${build.stderr}\n${build.stdout}`);
  return (performance.now() - started) / 1000;
}

const root = makeScaledProject(projectRoot, 0);
const bare = makeScaledProject(projectRoot, 0);
try {
  const withCms = timedBuild(root);
  rmSync(join(bare, 'src/pages/admin/index.astro'));
  const withoutCms = timedBuild(bare);
  console.log(`build of the sample site: ${withCms.toFixed(1)} s with the CMS, ${withoutCms.toFixed(1)} s without (the CMS adds ${(withCms - withoutCms).toFixed(1)} s)\n`);

  const dist = join(root, 'dist');
  const { admin, shared, pagesChecked } = adminIsolation(dist);
  const js = (files: Iterable<string>) => [...files].filter((f) => /\.m?js$/.test(f));
  const css = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.css'));
  const wasm = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.wasm'));
  const all = [...admin.atLoad, ...admin.onDemand];
  console.log(line('/admin/ at load: JavaScript', sizeOf(dist, js(admin.atLoad))));
  console.log(line('/admin/ at load: CSS', sizeOf(dist, css(admin.atLoad))));
  console.log(line('/admin/ on demand: JavaScript', sizeOf(dist, js(admin.onDemand))));
  console.log(line('/admin/ on demand: wasm', sizeOf(dist, wasm(admin.onDemand))));
  console.log(line('/admin/ everything', sizeOf(dist, all)));

  const withDecap = all.filter((file) => /\.m?js$/.test(file) && containsDecap(dist, file));
  const leaked = withDecap.filter((file) => shared.has(file));
  console.log(`\nother pages checked: ${pagesChecked}`);
  console.log(`files with Decap code: ${withDecap.length} (${kB(sizeOf(dist, withDecap).gzip).trim()} gzip); loaded by another page: ${leaked.length}`);
  console.log(`files of /admin/ that other pages load too: ${shared.size}${shared.size ? ' (site code, no Decap):' : ''}`);
  for (const [file, pages] of shared) console.log(`  ${file.padEnd(44)} ${kB(sizeOf(dist, [file]).raw)}  e.g. /${pages[0].replace(/index\.html$/, '')} (${pages.length} page(s))`);
  if (leaked.length) {
    console.log(`FAIL: other pages load Decap code: ${leaked.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  removeProject(root);
  removeProject(bare);
}
