/**
 * A partner test world: a temporary git repository holding a copy of content/ (never the
 * worktree's own), the generated/ files the build would write for it, a local Blobs
 * server, a mail outbox, and the git writer (local repository, or GitHub's fake).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeFunctionData } from '../../src/integrations/function-data.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { LocalGitWriter } from '../../functions/lib/git/local.ts';
import { GitHubWriter } from '../../functions/lib/git/github.ts';
import type { GitWriter } from '../../functions/lib/git/index.ts';
import { store } from '../../functions/lib/stores.ts';
import { PROPOSAL_STORE } from '../../functions/lib/partner/proposals.ts';
import type { PartnerDeps } from '../../functions/lib/partner/service.ts';
import type { SiteFacts } from '../../functions/lib/generated.ts';

export const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

/** A git repository with a copy of the project's content, committed on `main`. */
export function makeContentRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'qn-partner-repo-'));
  cpSync(join(process.cwd(), 'content'), join(repo, 'content'), { recursive: true });
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'add', '.');
  git(repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '--quiet', '-m', 'content');
  return repo;
}

/** Every file under content/ of `root`, as path → text. */
export function contentFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(root, 'content'));
  return files;
}

export interface PartnerEnv {
  repo: string;
  blobs: LocalBlobs;
  generatedDir: string;
  outboxDir: string;
  github?: GitHubFake;
  writer: GitWriter;
  site: SiteFacts;
  deps(overrides?: Partial<PartnerDeps>): PartnerDeps;
  stop(): Promise<void>;
}

const VARIABLES = ['QN_GENERATED_DIR', 'QN_OUTBOX_DIR', 'RESEND_API_KEY', 'PARTNER_SECRET', 'PARTNER_SECRET_PREVIOUS', 'QN_PARTNER_LINK_LIMIT'];

export async function startPartnerEnv(options: { github?: boolean; timeoutMs?: number } = {}): Promise<PartnerEnv> {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  const repo = makeContentRepo();
  const blobs = await startBlobs();
  const generatedDir = mkdtempSync(join(tmpdir(), 'qn-partner-generated-'));
  const outboxDir = mkdtempSync(join(tmpdir(), 'qn-partner-outbox-'));
  const clock = process.env.QN_NOW;
  process.env.QN_NOW = TEST_NOW;
  writeFunctionData(repo, generatedDir, 'https://quartiersnetz-kinderhaus.example.org');
  if (clock === undefined) delete process.env.QN_NOW;
  else process.env.QN_NOW = clock;
  process.env.QN_GENERATED_DIR = generatedDir;
  process.env.QN_OUTBOX_DIR = outboxDir;
  delete process.env.RESEND_API_KEY;
  process.env.PARTNER_SECRET = 'partner-test-secret-with-more-than-32-characters';
  delete process.env.PARTNER_SECRET_PREVIOUS;
  let github: GitHubFake | undefined;
  let writer: GitWriter;
  if (options.github) {
    github = await startGitHubFake(contentFiles(repo));
    writer = new GitHubWriter({ token: 'fake-token', repo: `${github.owner}/${github.repo}`, branch: github.branch, baseUrl: github.url, timeoutMs: options.timeoutMs ?? 2000, retryDelayMs: 5, maxInlineWaitMs: 50 });
  } else {
    writer = new LocalGitWriter(repo, 'main');
  }
  const site = JSON.parse(readFileSync(join(generatedDir, 'site.json'), 'utf8')) as SiteFacts;
  return {
    repo,
    blobs,
    generatedDir,
    outboxDir,
    github,
    writer,
    site,
    deps: (overrides = {}) => ({ writer, blobs: store(PROPOSAL_STORE), now: new Date(TEST_NOW), site, origin: 'http://localhost:4321', ip: '192.0.2.1', ...overrides }),
    async stop() {
      await github?.close();
      await blobs.stop();
      for (const dir of [repo, generatedDir, outboxDir]) rmSync(dir, { recursive: true, force: true });
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

/** A form post to /partner/ as the browser sends it. */
export function post(fields: Array<[string, string]> | Record<string, string>): Request {
  const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)).toString();
  return new Request('http://localhost:4321/partner/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}
