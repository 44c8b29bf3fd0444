/**
 * What the version history of content/ can add to the yearly report: which organisation
 * was in which network at a moment, and how many offer files were added, changed or
 * deleted in a year. Optional: without git (or before the first commit) the report says
 * what it cannot derive.
 */
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import type { Memberships, YearHistory } from './types.ts';

function git(root: string, args: string[], input?: string): string | undefined {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

export function firstCommitAt(root: string): string | undefined {
  const out = git(root, ['log', '--reverse', '--format=%cI', '--', 'content'])?.trim();
  return out ? out.split('\n')[0] : undefined;
}

/** Last commit before `instant` (ISO), or undefined if history starts later. */
function revisionBefore(root: string, instant: string): string | undefined {
  return git(root, ['rev-list', '-1', `--before=${instant}`, 'HEAD'])?.trim() || undefined;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** Organisation → networks as committed at `instant`; one `git cat-file --batch` for all files. */
export function membershipsAt(root: string, instant: string): Memberships | undefined {
  const rev = revisionBefore(root, instant);
  if (!rev) return undefined;
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
export function offerFileChanges(root: string, from: string, to: string): YearHistory['offerFiles'] {
  const out = git(root, ['log', `--since=${from}`, `--until=${to}`, '--name-status', '--format=', '--', 'content/offers']);
  if (out === undefined) return undefined;
  const added = new Set<string>();
  const modified = new Set<string>();
  const deleted = new Set<string>();
  for (const line of out.split('\n')) {
    const [status, ...paths] = line.split('\t');
    if (!status) continue;
    const file = paths[paths.length - 1];
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
  const first = firstCommitAt(root);
  if (!first) return undefined;
  const history: YearHistory = { firstCommitAt: first, membersAtStart: membershipsAt(root, yearStart(year)), membersAtEnd: membershipsAt(root, yearStart(year + 1)) };
  // Offer file counts only when the history covers the whole year.
  if (Date.parse(first) < Date.parse(yearStart(year))) history.offerFiles = offerFileChanges(root, yearStart(year), yearStart(year + 1));
  return history;
}
