/**
 * When a content file was created and last changed, for the `created`/`modified` fields
 * OParl requires on every object (and HSDS's `last_modified`). The content files carry no
 * such dates; git does, since every edit (by hand or through Decap) is a commit. One
 * `git log` reads the whole history at once. Files git does not know yet, or that differ
 * from their last commit, fall back to the file system's modification time; so does a copy
 * of the project outside git (the scale tests).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentHold } from '../load-content.ts';

export interface FileTimes {
  created: Date;
  modified: Date;
}

export type TimesOf = (path: string) => FileTimes;

function gitLines(root: string, args: string[]): string[] | undefined {
  const result = spawnSync('git', ['-C', root, '-c', 'core.quotePath=false', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 || result.error) return undefined;
  return result.stdout.split('\n');
}

type GitHistory = { history: Map<string, FileTimes>; dirty: Set<string>; prefix: string } | undefined;

// A build reads the history for generated/opendata.json, the newsletter data and the
// pages' exports: once, while the build holds the content (load-content.ts), instead of
// three `git log` runs over the whole history (issue 17). On globalThis: Astro bundles
// this module twice (integrations, pages) into one process.
const HISTORY_KEY = Symbol.for('quartiersnetz.gitHistory');
const heldHistories = ((globalThis as Record<symbol, unknown>)[HISTORY_KEY] ??= new Map()) as Map<string, { hold: number; history: GitHistory }>;

/** Paths (relative to the repository root) with their first and last commit dates. */
function readGitHistory(root: string, folders: string[]): GitHistory {
  const hold = contentHold(root);
  if (hold === undefined) return readGitHistoryNow(root, folders);
  const key = `${resolve(root)}\0${folders.join('\0')}`;
  const kept = heldHistories.get(key);
  if (kept?.hold === hold) return kept.history;
  const history = readGitHistoryNow(root, folders);
  heldHistories.set(key, { hold, history });
  return history;
}

function readGitHistoryNow(root: string, folders: string[]): GitHistory {
  const prefixLines = gitLines(root, ['rev-parse', '--show-prefix']);
  if (!prefixLines) return undefined;
  const prefix = prefixLines[0] ?? '';
  const log = gitLines(root, ['log', '--format=%x1e%cI', '--name-only', '--no-renames', '--', ...folders]);
  const status = gitLines(root, ['status', '--porcelain', '--untracked-files=all', '--', ...folders]);
  if (!log || !status) return undefined;
  const history = new Map<string, FileTimes>();
  let commitDate: Date | undefined;
  // Newest commit first: the first date seen is "modified", the last one "created".
  for (const line of log) {
    if (line.startsWith('\x1e')) {
      commitDate = new Date(line.slice(1).trim());
      continue;
    }
    const path = line.trim();
    if (!path || !commitDate) continue;
    const known = history.get(path);
    if (known) known.created = commitDate;
    else history.set(path, { created: commitDate, modified: commitDate });
  }
  const dirty = new Set(status.filter((l) => l.length > 3).map((l) => l.slice(3).replace(/^"|"$/g, '').split(' -> ').at(-1) as string));
  return { history, dirty, prefix };
}

function fileSystemTimes(path: string): FileTimes | undefined {
  try {
    const stat = statSync(path);
    return { created: stat.mtime, modified: stat.mtime };
  } catch {
    return undefined;
  }
}

/**
 * A lookup from project-relative paths (`content/offers/job-cafe.md`) to their times.
 * `fallback` answers for paths that exist nowhere (it should be a fixed instant, e.g. the
 * build's), so an export never fails for want of a date.
 */
export function createTimesOf(root: string, folders: string[], fallback: Date): TimesOf {
  const git = readGitHistory(root, folders);
  const cache = new Map<string, FileTimes>();
  return (path) => {
    const cached = cache.get(path);
    if (cached) return cached;
    const repoPath = `${git?.prefix ?? ''}${path}`;
    const committed = git?.history.get(repoPath);
    let times: FileTimes;
    if (committed && !git?.dirty.has(repoPath)) {
      times = committed;
    } else {
      const local = fileSystemTimes(join(root, path));
      if (committed && local) times = { created: committed.created, modified: local.modified > committed.modified ? local.modified : committed.modified };
      else times = local ?? committed ?? { created: fallback, modified: fallback };
    }
    cache.set(path, times);
    return times;
  };
}

/** The later of several times, for objects made of more than one file. */
export function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

export function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}
