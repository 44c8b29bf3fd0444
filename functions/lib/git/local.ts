/**
 * The git writer for a laptop: commits into the local repository that decap-server (git
 * mode, `npm start`) serves, with git's plumbing commands and a private index, so the
 * working tree and the user's staged changes are never touched except for the one file a
 * direct commit changes on the checked-out branch. Branch heads move with a
 * compare-and-swap (`update-ref <new> <old>`): a concurrent commit by decap-server or a
 * person makes this one fail with ConflictError instead of being overwritten.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { ConflictError, type DirectCommit, type MultiCommit, type GitWriter, type LandedProposal, type StoredFile, type WaitingEntry, type WorkflowProposal } from './types.ts';
import { CMS_BRANCH_PREFIX, FUNCTION_AUTHOR, PENDING_REVIEW, carriesProposal, commitMessage, isStatusLabel, labelStatus, parseWorkflowBranch, statusLabel, workflowBranch } from './workflow.ts';

const run = promisify(execFile);

const AUTHOR_ENV = {
  GIT_AUTHOR_NAME: FUNCTION_AUTHOR.name,
  GIT_AUTHOR_EMAIL: FUNCTION_AUTHOR.email,
  GIT_COMMITTER_NAME: FUNCTION_AUTHOR.name,
  GIT_COMMITTER_EMAIL: FUNCTION_AUTHOR.email,
};

/** One git operation at a time per repository in this process (git's own locks cover the rest). */
const queues = new Map<string, Promise<unknown>>();
function serialised<T>(repo: string, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(repo) ?? Promise.resolve();
  const next = previous.then(job, job);
  queues.set(repo, next.catch(() => {}));
  return next;
}

export class LocalGitWriter implements GitWriter {
  readonly kind = 'local' as const;
  calls = 0;
  readonly repo: string;
  readonly branch: string;

  constructor(repo: string, branch: string) {
    this.repo = resolve(repo);
    this.branch = branch;
  }

  private async git(args: string[], options: { env?: Record<string, string> } = {}): Promise<string> {
    this.calls++;
    const { stdout } = await run('git', args, { cwd: this.repo, env: { ...process.env, ...AUTHOR_ENV, ...options.env }, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  }

  private async revParse(ref: string): Promise<string | undefined> {
    try {
      return (await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private async blobAt(commit: string, path: string): Promise<string | undefined> {
    try {
      return (await this.git(['rev-parse', '--verify', '--quiet', `${commit}:${path}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<StoredFile | undefined> {
    const head = await this.revParse(`refs/heads/${this.branch}`);
    if (!head) throw new Error(`branch ${this.branch} does not exist in ${this.repo}`);
    const version = await this.blobAt(head, path);
    if (!version) return undefined;
    const text = await this.git(['cat-file', 'blob', version]);
    return { text, version };
  }

  /** A commit of `parent`'s tree with each file set to its content, built in a private index. */
  private async commitOn(parent: string, files: Array<{ path: string; content: string | Uint8Array }>, message: string, author?: { name: string; email: string }): Promise<{ commit: string; blobs: string[] }> {
    const scratch = mkdtempSync(join(tmpdir(), 'qn-git-index-'));
    try {
      const env = { GIT_INDEX_FILE: join(scratch, 'index') };
      await this.git(['read-tree', parent], { env });
      const blobs: string[] = [];
      for (const [index, file] of files.entries()) {
        const source = join(scratch, `blob-${index}`);
        writeFileSync(source, file.content);
        const blob = (await this.git(['hash-object', '-w', '--', source])).trim();
        await this.git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
        blobs.push(blob);
      }
      const tree = (await this.git(['write-tree'], { env })).trim();
      const messageFile = join(scratch, 'message');
      writeFileSync(messageFile, message);
      const names: Record<string, string> = author ? { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email } : {};
      const commit = (await this.git(['commit-tree', tree, '-p', parent, '-F', messageFile], { env: names })).trim();
      return { commit, blobs };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  private async moveRef(ref: string, next: string, previous: string | undefined): Promise<void> {
    try {
      // An all-zero old value means "must not exist yet".
      await this.git(['update-ref', ref, next, previous ?? '0'.repeat(40)]);
    } catch (error) {
      throw new ConflictError(`${ref} moved: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  private async checkedOutBranch(): Promise<string | undefined> {
    try {
      return (await this.git(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
    } catch {
      return undefined;
    }
  }

  commitFile(change: DirectCommit): Promise<{ commit: string }> {
    return this.commitFiles({ message: change.message, files: [{ path: change.path, text: change.text, expectedVersion: change.expectedVersion }] });
  }

  commitFiles(change: MultiCommit): Promise<{ commit: string }> {
    return serialised(this.repo, async () => {
      const head = await this.revParse(`refs/heads/${this.branch}`);
      if (!head) throw new Error(`branch ${this.branch} does not exist`);
      const checkedOut = (await this.checkedOutBranch()) === this.branch;
      for (const file of change.files) {
        if ((await this.blobAt(head, file.path)) !== file.expectedVersion) throw new ConflictError(`${file.path} changed on ${this.branch}`);
        const worktreeFile = join(this.repo, file.path);
        if (!worktreeFile.startsWith(this.repo + sep)) throw new Error('path outside the repository');
        // Someone is editing this very file by hand: never overwrite their unsaved work.
        if (checkedOut && this.worktreeText(worktreeFile) !== (await this.git(['cat-file', 'blob', file.expectedVersion]))) {
          throw new ConflictError(`${file.path} has uncommitted changes in the working tree`);
        }
      }
      const { commit, blobs } = await this.commitOn(head, change.files.map((file) => ({ path: file.path, content: file.text })), change.message, change.author);
      await this.moveRef(`refs/heads/${this.branch}`, commit, head);
      if (checkedOut) {
        // Keep the working tree and the index in step with the branch for these files.
        for (const [i, file] of change.files.entries()) {
          writeFileSync(join(this.repo, file.path), file.text);
          await this.git(['update-index', '--cacheinfo', `100644,${blobs[i]},${file.path}`]).catch(() => {});
        }
      }
      return { commit };
    });
  }

  private worktreeText(file: string): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  propose(proposal: WorkflowProposal): Promise<LandedProposal> {
    return serialised(this.repo, async () => {
      const branch = workflowBranch(proposal.collection, proposal.slug);
      const ref = `refs/heads/${branch}`;
      const existing = await this.revParse(ref);
      if (existing && carriesProposal(await this.git(['log', '-1', '--format=%B', existing]), proposal.id)) {
        return { branch, created: false };
      }
      const base = await this.revParse(`refs/heads/${this.branch}`);
      if (!base) throw new Error(`branch ${this.branch} does not exist`);
      // Based on the current base branch, as Decap rebases before each save: the entry's
      // diff then shows exactly this proposal.
      const files = [{ path: proposal.path, content: proposal.text }, ...(proposal.media ?? []).map((m) => ({ path: m.path, content: m.bytes }))];
      const { commit } = await this.commitOn(base, files, commitMessage(proposal.title, proposal.body, proposal.id));
      await this.moveRef(ref, commit, existing);
      const key = `branch.${branch}.description`;
      const description = await this.git(['config', '--get', key]).catch(() => '');
      if (!existing || !isStatusLabel(description.trim())) await this.git(['config', key, statusLabel(PENDING_REVIEW)]);
      return { branch, created: !existing };
    });
  }

  async waiting(): Promise<WaitingEntry[]> {
    const out = await this.git(['for-each-ref', '--sort=committerdate', '--format=%(refname:short)%09%(committerdate:iso-strict)%09%(subject)', `refs/heads/${CMS_BRANCH_PREFIX}/`]);
    const entries: WaitingEntry[] = [];
    for (const line of out.split('\n').filter(Boolean)) {
      const [branch, since, title] = line.split('\t');
      const key = parseWorkflowBranch(branch);
      if (!key) continue;
      const description = (await this.git(['config', '--get', `branch.${branch}.description`]).catch(() => '')).trim();
      entries.push({ branch, ...key, status: isStatusLabel(description) ? labelStatus(description) : 'draft', since, title });
    }
    return entries;
  }
}
