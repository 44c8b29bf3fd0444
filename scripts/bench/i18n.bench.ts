/**
 * The interface languages (issue 10): what the finder sends in each language (HTML, CSS,
 * JS at load, and the language's search data fetched on first use, each gzip-compressed as
 * a server would send it), and what six languages cost the build (time, page count).
 * Built from a throwaway copy of the project, so dist/ is left alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LANGUAGES } from '../../src/i18n/languages.ts';
import { makeScaledProject, removeProject } from '../lib/generate-offers.ts';
import { countPages } from '../lib/bare-astro.ts';

const projectRoot = process.cwd();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** A script and the modules it imports statically (what the browser loads at once). */
function staticClosure(dist: string, src: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) visit(join(dirname(file), m[1]));
  };
  visit(join(dist, src.replace(/^\//, '')));
  return [...seen];
}


const root = makeScaledProject(projectRoot, 0);
try {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const buildMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}\n${result.stdout}`);
  const dist = join(root, 'dist');
  console.log(`build of the sample site in ${LANGUAGES.length} languages: ${(buildMs / 1000).toFixed(1)} s, ${countPages(dist)} HTML pages`);
  console.log('\nfinder transfer per language (gzip; search data fetched when the finder is first used):');
  const rows = [['language', 'HTML', 'CSS', 'JS', 'search data', 'total']];
  for (const language of LANGUAGES) {
    const prefix = language.code === 'de' ? '' : `${language.code}/`;
    const htmlFile = join(dist, prefix, 'angebote/index.html');
    const html = readFileSync(htmlFile, 'utf8');
    const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].reduce((sum, m) => sum + gz(join(dist, m[1])), 0);
    const scripts = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].flatMap((m) => staticClosure(dist, m[1])));
    const js = [...scripts].reduce((sum, file) => sum + gz(file), 0);
    const dataUrl = /data-search-url="([^"]+)"/.exec(html)?.[1] ?? '/angebote/suche.json';
    const data = gz(join(dist, dataUrl.replace(/^\//, '')));
    const page = gz(htmlFile);
    rows.push([`${language.code} (${language.endonym})`, kb(page), kb(css), kb(js), kb(data), kb(page + css + js + data)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
} finally {
  removeProject(root);
}
