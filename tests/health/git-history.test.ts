/** Memberships and offer file counts from the version history, in a throwaway git repository with fixed dates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstCommitAt, membershipsAt, offerFileChanges, yearHistory } from '../../src/lib/report/git-history.ts';

let repo = '';

function commit(date: string, message: string) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env });
}

const org = (slug: string, networks: string[]) =>
  writeFileSync(join(repo, 'content/organisations', `${slug}.md`), `---\nname: ${slug}\nnetworks:\n${networks.map((n) => `  - ${n}`).join('\n')}\n---\nText ü\n`);
const offer = (slug: string, text: string) => writeFileSync(join(repo, 'content/offers', `${slug}.md`), `---\ntitle: ${text}\n---\n`);

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'qn-git-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  mkdirSync(join(repo, 'content/organisations'), { recursive: true });
  mkdirSync(join(repo, 'content/offers'), { recursive: true });
  org('a', ['n1']);
  org('b', ['n1', 'n2']);
  offer('alt', 'Alt');
  commit('2024-06-01T12:00:00+02:00', 'start');
  org('c', ['n2']);
  org('b', ['n1']);
  offer('neu', 'Neu');
  offer('alt', 'Alt geändert');
  commit('2025-03-01T12:00:00+01:00', 'changes 2025');
  offer('neu', 'Neu geändert');
  unlinkSync(join(repo, 'content/offers/alt.md'));
  unlinkSync(join(repo, 'content/organisations/a.md'));
  commit('2025-09-01T12:00:00+02:00', 'more changes 2025');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('git history', () => {
  it('knows when the history starts', () => {
    expect(Date.parse(firstCommitAt(repo)!)).toBe(Date.parse('2024-06-01T12:00:00+02:00'));
  });

  it('reads memberships as committed at a moment', () => {
    expect(membershipsAt(repo, '2024-01-01T00:00:00+01:00')).toBeUndefined();
    expect(membershipsAt(repo, '2025-01-01T00:00:00+01:00')).toEqual({ a: ['n1'], b: ['n1', 'n2'] });
    expect(membershipsAt(repo, '2026-01-01T00:00:00+01:00')).toEqual({ b: ['n1'], c: ['n2'] });
  });

  it('counts offer files added, changed and deleted in a year', () => {
    // "neu" was added and edited in 2025: new only; "alt" was edited and deleted: deleted only.
    expect(offerFileChanges(repo, '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00')).toEqual({ added: 1, modified: 0, deleted: 1 });
    expect(yearHistory(repo, 2025)).toMatchObject({ membersAtStart: { a: ['n1'] }, membersAtEnd: { c: ['n2'] }, offerFiles: { added: 1, deleted: 1 } });
    // 2024 began before the first commit: no start state, no file counts.
    const early = yearHistory(repo, 2024)!;
    expect(early.membersAtStart).toBeUndefined();
    expect(early.offerFiles).toBeUndefined();
  });
});
