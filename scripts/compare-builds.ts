/**
 * Builds two commits of this repository the same way and compares what they wrote:
 * the set of files in dist/ and every file byte for byte (and generated/ for the
 * functions). Used to show that a speed change keeps every page and the same HTML
 * (issue 17). Both sides are fresh clones with the same clock (QN_NOW) and the same git
 * history for content, so dates read from git agree; generated offers are committed
 * into each clone with a fixed date.
 *
 *   node scripts/compare-builds.ts <base> [<head>=HEAD] [--offers N] [--languages de,en] [--keep]
 *
 * --keep leaves both clones (with dist/ and generated/) in the temporary folder and
 * prints where, to review the differences with other tools.
 *
 * Exit code 1 when the page set or any file differs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { contentRefs, generateOffers } from './lib/generate-offers.ts';
import { adminIsolation } from './lib/admin-bundle.ts';

const TEST_NOW = '2026-11-21T10:00:00+01:00';
const COMMIT_DATE = '2026-11-20T12:00:00+01:00';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const FLAGS = ['--keep'];
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--') && !FLAGS.includes(args[i - 1])));
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

const HASHED = /^_astro\/(.+)\.([\w-]{8})(\.\w+)$/;
const TEXT = /\.(html|js|mjs|css|json|xml|txt|svg|ics|webmanifest)$|(^|\/)_headers$/;

/**
 * Bundles under _astro/ carry a content hash in their name: a change in any module they
 * import renames them, and every page and bundle referring to them. Text files are
 * compared with each known hashed name written as `name.#.ext`, so what remains is a
 * difference in the output itself.
 */
function normaliser(assets: string[]): (file: string, buffer: Buffer) => Buffer {
  const names = assets.flatMap((file) => {
    const m = HASHED.exec(file);
    return m ? [[`${m[1]}.${m[2]}${m[3]}`, `${m[1]}.#${m[3]}`]] : [];
  });
  return (file, buffer) => {
    if (!TEXT.test(file) || names.length === 0) return buffer;
    let text = buffer.toString('utf8');
    for (const [from, to] of names) if (text.includes(from)) text = text.split(from).join(to);
    return Buffer.from(text, 'utf8');
  };
}

/** Files keyed by their path with the hash left out; several bundles may share a key. */
function byKey(list: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const file of list) {
    const m = HASHED.exec(file);
    const key = m ? `_astro/${m[1]}.#${m[3]}` : file;
    map.set(key, [...(map.get(key) ?? []), file]);
  }
  return map;
}

/** Files only /admin/ (the CMS) loads, by their key: their bundling may change on its own. */
function cmsOnlyKeys(dist: string): Set<string> {
  try {
    return new Set([...byKey([...adminIsolation(dist).adminOnly]).keys()]);
  } catch {
    return new Set(); // no CMS page in this build
  }
}

function compare(label: string, baseDir: string, headDir: string): number {
  const base = files(baseDir);
  const head = files(headDir);
  const cms = new Set([...cmsOnlyKeys(baseDir), ...cmsOnlyKeys(headDir)]);
  const isCms = (line: string) => cms.has(line.split(' ')[0].replace(/:$/, ''));
  const normaliseBase = normaliser(base);
  const normaliseHead = normaliser(head);
  const baseKeys = byKey(base);
  const headKeys = byKey(head);
  const missing = [...baseKeys.keys()].filter((k) => !headKeys.has(k));
  const added = [...headKeys.keys()].filter((k) => !baseKeys.has(k));
  const changed: string[] = [];
  let renamed = 0;
  for (const [key, baseFiles] of baseKeys) {
    const headFiles = headKeys.get(key);
    if (!headFiles) continue;
    if (baseFiles.join() !== headFiles.join()) renamed += baseFiles.length;
    // Several bundles with one name (e.g. two pages' scripts): compared as a set of contents.
    const contents = (dir: string, list: string[], normalise: (f: string, b: Buffer) => Buffer) =>
      list.map((f) => normalise(f, readFileSync(join(dir, f)))).sort(Buffer.compare);
    const a = contents(baseDir, baseFiles, normaliseBase);
    const b = contents(headDir, headFiles, normaliseHead);
    if (a.length !== b.length) changed.push(`${key}: ${a.length} file(s) before, ${b.length} after`);
    else a.forEach((buffer, i) => buffer.equals(b[i]) || changed.push(`${key} ${firstDifference(buffer, b[i])}`));
  }
  const pages = base.filter((f) => f.endsWith('.html')).length;
  console.log(`\n${label}: ${base.length} files (${pages} HTML pages) before, ${head.length} after`);
  // The CMS bundle's files are listed apart, so that a difference in the site stands out.
  const cmsLines = [...missing, ...added, ...changed].filter(isCms);
  if (cmsLines.length) {
    console.log(`  of the CMS bundle (files only /admin/ loads), in either list below: ${cmsLines.length}`);
    const siteOnly = (list: string[]) => list.filter((line) => !isCms(line));
    console.log(`  outside the CMS bundle: only before ${siteOnly(missing).length}, only after ${siteOnly(added).length}, different ${siteOnly(changed).length}`);
    for (const line of [...siteOnly(missing).map((f) => `only before: ${f}`), ...siteOnly(added).map((f) => `only after: ${f}`), ...siteOnly(changed)].slice(0, 30)) console.log(`    ${line}`);
  }
  console.log(`  only before: ${missing.length}${missing.length ? `\n    ${missing.slice(0, 20).join('\n    ')}` : ''}`);
  console.log(`  only after: ${added.length}${added.length ? `\n    ${added.slice(0, 20).join('\n    ')}` : ''}`);
  if (renamed) console.log(`  bundles under _astro/ with a new hash: ${renamed} (hashes normalised in the comparison)`);
  console.log(`  different: ${changed.length}${changed.length ? `\n  ${changed.slice(0, 30).join('\n  ')}` : ''}${changed.length > 30 ? `\n  … and ${changed.length - 30} more` : ''}`);
  return missing.length + added.length + changed.length;
}

const dirs = [build(baseRev), build(headRev)];
try {
  const differences = compare('dist/', join(dirs[0], 'dist'), join(dirs[1], 'dist')) + compare('generated/', join(dirs[0], 'generated'), join(dirs[1], 'generated'));
  process.exitCode = differences ? 1 : 0;
} finally {
  if (args.includes('--keep')) console.log(`\nKept: ${dirs.join(' ')}`);
  else for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
