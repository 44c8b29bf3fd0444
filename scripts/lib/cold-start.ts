/**
 * Cold start of a Netlify function as the platform sees it: the handler file bundled by
 * esbuild into one ESM file (as Netlify's `node_bundler = "esbuild"` does, dependencies
 * inlined), then imported by a fresh Node process, several times; the median counts.
 * Used by the mail bench to show what the mail layout adds to the functions that send mail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface ColdStart {
  fn: string;
  medianMs: number;
  runs: number[];
  bundleKB: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Import cost in ms of each function under `root/functions/`, `runs` fresh processes each. */
export async function measureColdStarts(root: string, functions: string[], runs = 7): Promise<ColdStart[]> {
  const out = mkdtempSync(join(tmpdir(), 'qn-cold-'));
  try {
    const results: ColdStart[] = [];
    for (const fn of functions) {
      const outfile = join(out, `${fn}.mjs`);
      const result = await build({
        entryPoints: [resolve(root, 'functions', `${fn}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        metafile: true,
        logLevel: 'silent',
        // CommonJS dependencies inside an ESM bundle need a real require.
        banner: { js: "import { createRequire as __qnRequire } from 'node:module'; const require = __qnRequire(import.meta.url);" },
        nodePaths: [resolve('node_modules')],
      });
      const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
      const script = `const t = performance.now(); await import(${JSON.stringify(`file://${outfile}`)}); process.stdout.write(String(performance.now() - t));`;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`${fn}: import failed\n${child.stderr}`);
        times.push(Number(child.stdout));
      }
      results.push({ fn, medianMs: median(times), runs: times, bundleKB: bytes / 1024 });
    }
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
