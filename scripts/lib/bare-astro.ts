/**
 * The yardstick for build time (issue 17): a bare Astro project of the same shape as the
 * site's offer pages (one content collection of Markdown entries, one dynamic route
 * rendering each entry) with a given page count, built with the same Astro and Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/**
 * What a timed build must not delete before it starts: earlier output goes here and is
 * removed by removeBuildLeftovers() once the timing is over.
 *
 * This machine's root file system is ext4 without a journal. There, creating a file
 * skips every inode freed in the last 60 s (5 minutes while its inode table block is
 * unwritten) and reads each one to find that out (`recently_deleted()` in Linux's
 * fs/ext4/ialloc.c, only `if s_journal == NULL`). Deleting the previous run's 6,500
 * files right before a build made every file the build created search past them: `perf`
 * put ext4_create → recently_deleted at the top of the kernel's time, and the German
 * +2,000 build's system time fell from 5.5–9.6 s to 2.5–4.1 s (one-off runs, timed by hand) when the old output was
 * moved aside instead. A build on Netlify starts in a fresh checkout with nothing just
 * deleted; the bare baseline, which writes a third of the files, was penalised less.
 */
const leftovers = new Set<string>();

function moveAside(root: string, dir: string): void {
  const from = join(root, dir);
  if (!existsSync(from)) return;
  const trash = `${root}.old`;
  mkdirSync(trash, { recursive: true });
  renameSync(from, join(trash, `${dir}-${leftovers.size}-${Date.now()}`));
  leftovers.add(trash);
}

/** Deletes what timed builds moved aside; call it after the last timing of a run. */
export function removeBuildLeftovers(): void {
  for (const trash of leftovers) rmSync(trash, { recursive: true, force: true });
  leftovers.clear();
}

/** Runs `astro build` in `root` and returns its times and the HTML pages written. */
export function timeBuild(root: string, env: Record<string, string> = {}): BuildTiming {
  // Every run starts cold, like a fresh build on Netlify: no earlier output, no content
  // cache. Moved aside, not deleted (see `leftovers`).
  for (const dir of ['dist', '.astro']) moveAside(root, dir);
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
