/**
 * What the version history of content/ can add to the yearly report: which organisation
 * was in which network at a moment, and how many offer files were added, changed or
 * deleted in a year. Optional: without git (or before the first commit) the report says
 * what it cannot derive.
 */
import { spawnSync } from 'node:child_process';
import { parseYaml } from '../plain-yaml.ts';
import type { Memberships, YearHistory } from './types.ts';

function git(root: string, args: string[], input?: string): string | undefined {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

/** What the yearly reports need from the history, read with three `git log` runs per HEAD. */
interface HistoryLog {
  /** Every commit of HEAD in `git log` order, with its committer time (seconds). */
  commits: { hash: string; time: number }[];
  /** Committer date (ISO) of the first commit that touched content/. */
  contentStart: string | undefined;
  /** Each change to a file under content/offers: committer time, status letter(s), path. */
  offerChanges: { time: number; status: string; file: string }[] | undefined;
  /** Memberships by revision, filled on demand (one `git cat-file --batch` per revision). */
  memberships: Map<string, Memberships | undefined>;
}

// Twelve report pages each ask for two years: the log is read once per repository state,
// not once per page and year.
const logs = new Map<string, { head: string; log: HistoryLog }>();

// In `astro build` HEAD cannot move while the pages render, so git is asked for it once;
// the dev server and the CLI ask on every call (a commit may land in between).
const HEAD_IS_FIXED = import.meta.env?.DEV === false;
const noHistory = new Set<string>();

function historyLog(root: string): HistoryLog | undefined {
  if (HEAD_IS_FIXED) {
    if (noHistory.has(root)) return undefined;
    const hit = logs.get(root);
    if (hit) return hit.log;
  }
  const head = git(root, ['rev-parse', '--verify', '-q', 'HEAD'])?.trim();
  if (!head) {
    noHistory.add(root);
    return undefined;
  }
  const hit = logs.get(root);
  if (hit?.head === head) return hit.log;
  const commits = (git(root, ['log', '--format=%H %ct', 'HEAD']) ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [hash, time] = line.split(' ');
      return { hash, time: Number(time) };
    });
  const contentDates = (git(root, ['log', '--format=%cI', '--', 'content']) ?? '').trim().split('\n').filter(Boolean);
  const offerOut = git(root, ['log', '--name-status', '--format=%x01%ct', '--', 'content/offers']);
  let offerChanges: HistoryLog['offerChanges'];
  if (offerOut !== undefined) {
    offerChanges = [];
    let time = 0;
    for (const line of offerOut.split('\n')) {
      if (line.startsWith('\x01')) time = Number(line.slice(1));
      else if (line) {
        const [status, ...paths] = line.split('\t');
        offerChanges.push({ time, status, file: paths[paths.length - 1] });
      }
    }
  }
  const log: HistoryLog = { commits, contentStart: contentDates.at(-1), offerChanges, memberships: new Map() };
  logs.set(root, { head, log });
  return log;
}

const seconds = (instant: string) => Date.parse(instant) / 1000;

export function firstCommitAt(root: string): string | undefined {
  return historyLog(root)?.contentStart;
}

/** Last commit before `instant` (ISO), or undefined if history starts later (as `git rev-list -1 --before`). */
function revisionBefore(log: HistoryLog, instant: string): string | undefined {
  const limit = seconds(instant);
  return log.commits.find((c) => c.time <= limit)?.hash;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** Organisation → networks as committed at `instant`; one `git cat-file --batch` for all files. */
export function membershipsAt(root: string, instant: string, log = historyLog(root)): Memberships | undefined {
  const rev = log && revisionBefore(log, instant);
  if (!log || !rev) return undefined;
  if (!log.memberships.has(rev)) log.memberships.set(rev, readMemberships(root, rev));
  return log.memberships.get(rev);
}

function readMemberships(root: string, rev: string): Memberships | undefined {
  const files = (git(root, ['ls-tree', '-r', '--name-only', rev, 'content/organisations/']) ?? '').split('\n').filter((f) => f.endsWith('.md'));
  const out = git(root, ['cat-file', '--batch'], files.map((f) => `${rev}:${f}`).join('\n') + '\n');
  if (out === undefined) return undefined;
  const memberships: Memberships = {};
  let rest = Buffer.from(out, 'utf8');
  for (const file of files) {
    const newline = rest.indexOf(10);
    const header = rest.subarray(0, newline).toString('utf8');
    const size = Number(header.split(' ')[2]);
    const body = rest.subarray(newline + 1, newline + 1 + size).toString('utf8');
    rest = rest.subarray(newline + 1 + size + 1);
    const slug = file.split('/').pop()!.replace(/\.md$/, '');
    try {
      const data = parseYaml(FRONT_MATTER.exec(body)?.[1] ?? '') as { networks?: unknown } | null;
      memberships[slug] = Array.isArray(data?.networks) ? data.networks.filter((n): n is string => typeof n === 'string') : [];
    } catch {
      memberships[slug] = [];
    }
  }
  return memberships;
}

/** Distinct offer files added, modified or deleted between two instants. */
export function offerFileChanges(root: string, from: string, to: string, log = historyLog(root)): YearHistory['offerFiles'] {
  const changes = log?.offerChanges;
  if (changes === undefined) return undefined;
  const added = new Set<string>();
  const modified = new Set<string>();
  const deleted = new Set<string>();
  // The same commits as `git log --since=<from> --until=<to>` (committer date, both ends included).
  const [since, until] = [seconds(from), seconds(to)];
  for (const { time, status, file } of changes) {
    if (time < since || time > until) continue;
    if (status.startsWith('A')) added.add(file);
    else if (status.startsWith('D')) deleted.add(file);
    else modified.add(file);
  }
  // A file created and edited in the same year counts as new only; one edited and
  // then deleted counts as deleted only.
  for (const file of [...added, ...deleted]) modified.delete(file);
  return { added: added.size, modified: modified.size, deleted: deleted.size };
}

/** Start of a calendar year in Münster as an ISO instant. */
export const yearStart = (year: number) => `${year}-01-01T00:00:00+01:00`;

export function yearHistory(root: string, year: number): YearHistory | undefined {
  const log = historyLog(root);
  const first = log?.contentStart;
  if (!first) return undefined;
  const history: YearHistory = { firstCommitAt: first, membersAtStart: membershipsAt(root, yearStart(year), log), membersAtEnd: membershipsAt(root, yearStart(year + 1), log) };
  // Offer file counts only when the history covers the whole year.
  if (Date.parse(first) < Date.parse(yearStart(year))) history.offerFiles = offerFileChanges(root, yearStart(year), yearStart(year + 1), log);
  return history;
}
