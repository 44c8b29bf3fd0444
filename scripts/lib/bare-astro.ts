/**
 * The yardstick for build time (issue 17): a bare Astro project of the same shape as the
 * site's offer pages (one content collection of Markdown entries, one dynamic route
 * rendering each entry) with a given page count, built with the same Astro and Node.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOffers } from './generate-offers.ts';

const CONFIG = `import { defineConfig } from 'astro/config';
export default defineConfig({ site: 'https://bare.example.org', trailingSlash: 'always', cacheDir: './.astro/cache/' });
`;

const CONTENT_CONFIG = `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
export const collections = {
  entries: defineCollection({ loader: glob({ pattern: '*.md', base: './content' }), schema: z.object({ title: z.string(), summary: z.string() }).passthrough() }),
};
`;

const ROUTE = `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('entries')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<!doctype html>
<html lang="de">
  <head><meta charset="utf-8" /><title>{entry.data.title}</title><meta name="description" content={entry.data.summary} /></head>
  <body><main><h1>{entry.data.title}</h1><p>{entry.data.summary}</p><Content /></main></body>
</html>
`;

/** A bare project with `pages` entries (the generator's offers as Markdown). Returns its root. */
export function makeBareProject(projectRoot: string, pages: number): string {
  const root = mkdtempSync(join(tmpdir(), `qn-bare-${pages}-`));
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "name": "bare", "private": true, "type": "module" }\n');
  writeFileSync(join(root, 'astro.config.mjs'), CONFIG);
  mkdirSync(join(root, 'src', 'pages'), { recursive: true });
  writeFileSync(join(root, 'src', 'content.config.ts'), CONTENT_CONFIG);
  writeFileSync(join(root, 'src', 'pages', '[slug].astro'), ROUTE);
  mkdirSync(join(root, 'content'));
  const refs = { organisations: ['traeger'], networks: ['netz'], categories: ['sprache'], audiences: ['familien'] };
  for (const offer of generateOffers(pages, refs)) writeFileSync(join(root, 'content', `${offer.id}.md`), offer.text);
  return root;
}

/** HTML files below `dir`: the pages a build wrote. */
export function countPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countPages(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n += 1;
  }
  return n;
}

export interface BuildTiming {
  /** Wall-clock seconds. */
  seconds: number;
  /**
   * CPU seconds (user + system) of the build and every process it waited for, from the
   * shell's `times`. On a machine other builds are using, wall time says how busy the
   * machine was; CPU time says how much work the build is.
   */
  cpuSeconds: number;
  /** The system part of cpuSeconds: file writes and fresh memory, the noisiest part on a shared VM. */
  systemSeconds: number;
  pages: number;
}

const minutesSeconds = (text: string) => {
  const [, m, s] = /(\d+)m([\d.]+)s/.exec(text) ?? [];
  return Number(m) * 60 + Number(s);
};

/** Runs `astro build` in `root` and returns its times and the HTML pages written. */
export function timeBuild(root: string, env: Record<string, string> = {}): BuildTiming {
  // Every run starts cold, like a fresh build on Netlify: no earlier output, no content cache.
  for (const dir of ['dist', '.astro']) rmSync(join(root, dir), { recursive: true, force: true });
  const started = performance.now();
  // `times` prints the shell's own times, then its children's: user and system.
  const result = spawnSync('bash', ['-c', '"$@" >/dev/null; code=$?; times; exit $code', 'build', process.execPath, join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`astro build failed in ${root}:\n${result.stderr}\n${result.stdout}`);
  const children = result.stdout.trim().split('\n').at(-1) ?? '';
  const [user, system] = children.trim().split(/\s+/).map(minutesSeconds);
  return { seconds, cpuSeconds: user + system, systemSeconds: system, pages: countPages(join(root, 'dist')) };
}
