/**
 * Export dates come from git (src/lib/exports/timestamps.ts). A build reads the history
 * once while it holds the content (issue 17); the next build, or a call outside a build,
 * must see commits made since.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTimesOf } from '../../src/lib/exports/timestamps.ts';
import { holdLoadedContent } from '../../src/lib/load-content.ts';

const root = mkdtempSync(join(tmpdir(), 'qn-times-'));
const FALLBACK = new Date('2000-01-01T00:00:00Z');

function commitAt(date: string, text: string): void {
  writeFileSync(join(root, 'content', 'offers', 'kurs.md'), text);
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['commit', '-q', '-m', text], { cwd: root, env });
}

const modified = () => createTimesOf(root, ['content'], FALLBACK)('content/offers/kurs.md').modified.toISOString();

afterAll(() => {
  holdLoadedContent(root, false);
  rmSync(root, { recursive: true, force: true });
});

describe('export dates from git', () => {
  it('are read once per build and anew for the next one', () => {
    mkdirSync(join(root, 'content', 'offers'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: root });
    commitAt('2026-01-10T10:00:00Z', 'eins');
    expect(modified()).toBe('2026-01-10T10:00:00.000Z');

    holdLoadedContent(root, true);
    expect(modified()).toBe('2026-01-10T10:00:00.000Z');
    // A commit during a build (which cannot happen on Netlify) shows that the history is kept.
    commitAt('2026-02-20T10:00:00Z', 'zwei');
    expect(modified()).toBe('2026-01-10T10:00:00.000Z');
    holdLoadedContent(root, false);

    // Outside a build, and in the next build, the new commit counts.
    expect(modified()).toBe('2026-02-20T10:00:00.000Z');
    holdLoadedContent(root, true);
    commitAt('2026-03-30T10:00:00Z', 'drei');
    expect(modified()).toBe('2026-03-30T10:00:00.000Z');
    holdLoadedContent(root, false);
  });
});
