/**
 * Which git writer the functions use: GitHub when GITHUB_TOKEN is set (GITHUB_REPO,
 * GITHUB_BRANCH, optional GITHUB_API_URL), else the local repository at
 * QN_GIT_DIRECTORY (default: the working directory) on GITHUB_BRANCH or its current branch.
 */
import { execFileSync } from 'node:child_process';
import { GitHubWriter } from './github.ts';
import { LocalGitWriter } from './local.ts';
import type { GitWriter } from './types.ts';

export class GitConfigError extends Error {}

function currentBranch(directory: string): string {
  try {
    return execFileSync('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: directory, encoding: 'utf8' }).trim() || 'main';
  } catch {
    return 'main';
  }
}

export function gitWriter(env: NodeJS.ProcessEnv = process.env): GitWriter {
  const token = env.GITHUB_TOKEN?.trim();
  if (token) {
    const repo = env.GITHUB_REPO?.trim();
    if (!repo) throw new GitConfigError('GITHUB_TOKEN is set but GITHUB_REPO (owner/name) is not');
    return new GitHubWriter({ token, repo, branch: env.GITHUB_BRANCH?.trim() || 'main', baseUrl: env.GITHUB_API_URL?.trim() || undefined });
  }
  const directory = env.QN_GIT_DIRECTORY?.trim() || process.cwd();
  return new LocalGitWriter(directory, env.GITHUB_BRANCH?.trim() || currentBranch(directory));
}

export * from './types.ts';
