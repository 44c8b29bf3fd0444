/**
 * Builds two commits of this repository the same way and compares what they wrote:
 * the set of files in dist/ and every file byte for byte (and generated/ for the
 * functions). Used to show that a speed change keeps every page and the same HTML
 * (issue 17). Both sides are fresh clones with the same clock (QN_NOW) and the same git
 * history for content, so dates read from git agree; generated offers are committed
 * into each clone with a fixed date.
 *
 *   node scripts/compare-builds.ts <base> [<head>=HEAD] [--offers N] [--languages de,en]
 *
 * Exit code 1 when the page set or any file differs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { contentRefs, generateOffers } from './lib/generate-offers.ts';

const TEST_NOW = '2026-11-21T10:00:00+01:00';
const COMMIT_DATE = '2026-11-20T12:00:00+01:00';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const [baseRev, headRev = 'HEAD'] = positional;
if (!baseRev) {
  console.error('Aufruf: node scripts/compare-builds.ts <base> [<head>] [--offers N] [--languages de]');
  process.exit(2);
}
const offers = Number(option('--offers') ?? 0);
const languages = option('--languages');
const repo = process.cwd();
const git = (cwd: string, gitArgs: string[], env: NodeJS.ProcessEnv = process.env) => execFileSync('git', gitArgs, { cwd, encoding: 'utf8', env }).trim();

function build(rev: string): string {
  const hash = git(repo, ['rev-parse', rev]);
  const dir = mkdtempSync(join(tmpdir(), `qn-compare-${hash.slice(0, 8)}-`));
  git(tmpdir(), ['clone', '--quiet', '--shared', '--no-checkout', repo, dir]);
  git(dir, ['checkout', '--quiet', hash]);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (offers > 0) {
    const refs = contentRefs(dir);
    mkdirSync(join(dir, 'content', 'offers'), { recursive: true });
    for (const offer of generateOffers(offers, refs)) writeFileSync(join(dir, 'content', 'offers', `${offer.id}.md`), offer.text);
    const env = { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.org' };
    git(dir, ['add', 'content/offers'], env);
    git(dir, ['commit', '--quiet', '-m', 'generated offers'], env);
  }
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, QN_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1', ...(languages ? { QN_LANGUAGES: languages } : {}) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`build of ${rev} failed:\n${result.stderr}\n${result.stdout}`);
  console.log(`${rev} (${hash.slice(0, 10)}): built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** The first difference with some context, for a reviewer to judge. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const cut = (buffer: Buffer) => JSON.stringify(buffer.subarray(Math.max(0, i - 60), i + 80).toString('utf8'));
  return `at byte ${i}:\n    - ${cut(a)}\n    + ${cut(b)}`;
}

/** `_astro/finder.Ab12Cd34.js` → `_astro/finder.js`: bundles whose content changed get a new hash. */
const bundleName = (file: string) => /^_astro\/(.+)\.[\w-]{8}(\.\w+)$/.exec(file)?.slice(1).join('') ?? undefined;

/**
 * Bundles renamed because their content changed (a module they import changed), old
 * name → new name. Pages then differ only in these references, which are normalised.
 */
function renamedBundles(missing: string[], added: string[]): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const file of added) {
    const name = bundleName(file);
    if (name) byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  const renames = new Map<string, string>();
  for (const file of missing) {
    const name = bundleName(file);
    const candidates = name ? byName.get(name) : undefined;
    if (candidates?.length === 1) renames.set(file, candidates[0]);
  }
  return renames;
}

function compare(label: string, baseDir: string, headDir: string): number {
  const base = files(baseDir);
  const head = files(headDir);
  const headSet = new Set(head);
  const baseSet = new Set(base);
  const renames = renamedBundles(base.filter((f) => !headSet.has(f)), head.filter((f) => !baseSet.has(f)));
  const renamedTo = new Set(renames.values());
  const missing = base.filter((f) => !headSet.has(f) && !renames.has(f));
  const added = head.filter((f) => !baseSet.has(f) && !renamedTo.has(f));
  // References use the file name only (imports between bundles are relative).
  const swaps = [...renames].map(([from, to]) => [from.replace(/^_astro\//, ''), to.replace(/^_astro\//, '')]);
  const normalise = (buffer: Buffer) => {
    if (!swaps.length) return buffer;
    let text = buffer.toString('utf8');
    for (const [from, to] of swaps) text = text.split(from).join(to);
    return Buffer.from(text, 'utf8');
  };
  const changed: string[] = [];
  let bundlesChanged = 0;
  for (const file of base) {
    const other = headSet.has(file) ? file : renames.get(file);
    if (!other) continue;
    const a = normalise(readFileSync(join(baseDir, file)));
    const b = readFileSync(join(headDir, other));
    if (a.equals(b)) continue;
    if (other !== file) bundlesChanged++;
    else changed.push(`${file} ${firstDifference(a, b)}`);
  }
  const pages = base.filter((f) => f.endsWith('.html')).length;
  console.log(`\n${label}: ${base.length} files (${pages} HTML pages) before, ${head.length} after`);
  console.log(`  only before: ${missing.length}${missing.length ? `\n    ${missing.slice(0, 20).join('\n    ')}` : ''}`);
  console.log(`  only after: ${added.length}${added.length ? `\n    ${added.slice(0, 20).join('\n    ')}` : ''}`);
  if (renames.size) console.log(`  bundles under _astro/ with a new hash: ${renames.size} (${bundlesChanged} with other content; references to them normalised in the comparison)`);
  console.log(`  different: ${changed.length}${changed.length ? `\n  ${changed.slice(0, 20).join('\n  ')}` : ''}${changed.length > 20 ? `\n  … and ${changed.length - 20} more` : ''}`);
  return missing.length + added.length + changed.length;
}

const dirs = [build(baseRev), build(headRev)];
try {
  const differences = compare('dist/', join(dirs[0], 'dist'), join(dirs[1], 'dist')) + compare('generated/', join(dirs[0], 'generated'), join(dirs[1], 'generated'));
  process.exitCode = differences ? 1 : 0;
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
