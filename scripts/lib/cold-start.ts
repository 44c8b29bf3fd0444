/**
 * Cold start of a Netlify function as the platform sees it: the handler file bundled by
 * esbuild into one ESM file (as Netlify's `node_bundler = "esbuild"` does, dependencies
 * inlined), then imported by a fresh Node process, several times; the median counts.
 * Several source trees (e.g. a baseline commit and this checkout) are measured in
 * alternation, so that a busy moment of the machine hits both alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface ColdStart {
  root: string;
  fn: string;
  medianMs: number;
  /** The quickest run: on a busy machine the best estimate of the module's own cost. */
  minMs: number;
  runs: number[];
  bundleKB: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function bundle(root: string, fn: string, outfile: string): Promise<number> {
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
    // A baseline tree exported with `git archive` has no node_modules of its own.
    nodePaths: [resolve('node_modules')],
  });
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
}

function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${file}: import failed\n${child.stderr}`);
  return Number(child.stdout);
}

/** Import cost in ms of each function under `<root>/functions/`, for every root, `runs` fresh processes each. */
export async function measureColdStarts(roots: string[], functions: string[], runs = 9): Promise<ColdStart[]> {
  const out = mkdtempSync(join(tmpdir(), 'qn-cold-'));
  try {
    const results: ColdStart[] = [];
    for (const fn of functions) {
      const bundles = await Promise.all(
        roots.map(async (root, i) => {
          const file = join(out, `${i}-${fn.replaceAll('/', '_')}.mjs`);
          return { root, file, bytes: await bundle(root, fn, file), times: [] as number[] };
        }),
      );
      for (let run = 0; run < runs; run++) for (const b of bundles) b.times.push(importMs(b.file));
      for (const b of bundles) results.push({ root: b.root, fn, medianMs: median(b.times), minMs: Math.min(...b.times), runs: b.times, bundleKB: b.bytes / 1024 });
    }
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
