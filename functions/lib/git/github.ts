/**
 * The git writer for production: GitHub's REST API through @octokit/rest with a
 * fine-grained token (contents + pull requests on one repository). It writes exactly
 * what decap-cms-backend-github writes for an editor's save in the editorial workflow
 * (branch cms/<collection>/<slug>, pull request titled with the commit message, label
 * decap-cms/pending_review), so Decap shows the proposal as its own. Every step can be
 * repeated: a retry after a lost answer finds the branch, the commit (by its trailer),
 * the pull request and the label already there and does not make them twice.
 */
import { Octokit } from '@octokit/rest';
import { ConflictError, TransientGitError, type DirectCommit, type MultiCommit, type GitWriter, type LandedProposal, type StoredFile, type WaitingEntry, type WorkflowProposal } from './types.ts';
import { FUNCTION_AUTHOR, PENDING_REVIEW, carriesProposal, commitMessage, isStatusLabel, labelStatus, parseWorkflowBranch, statusLabel, workflowBranch } from './workflow.ts';

export interface GitHubOptions {
  token: string;
  /** owner/name */
  repo: string;
  branch: string;
  /** API root; tests point it at tests/helpers/github-fake.ts. */
  baseUrl?: string;
  /** Per-request timeout: a hanging request must not eat the function's 10 s. */
  timeoutMs?: number;
  /** Tries per request on a transient failure before the attempt gives up (default 3). */
  tries?: number;
  /** Pause before the n-th retry of a request: n × this (default 300 ms). */
  retryDelayMs?: number;
  /** Longest Retry-After waited for inside a request (default 2 s); longer ones go to the retry job. */
  maxInlineWaitMs?: number;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** Sorts an Octokit failure into conflict, transient (retry later) or permanent. */
export function classify(error: unknown): Error {
  const e = error as HttpError;
  const status = e.status;
  const message = String(e.message ?? error);
  if (status === 409) return new ConflictError(message);
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
  if (status === undefined || status >= 500 || status === 429 || status === 422 || status === 408) return new TransientGitError(`GitHub ${status ?? 'no answer'}: ${message}`, retryAfterMs);
  if (status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))) return new TransientGitError(`GitHub rate limit: ${message}`, retryAfterMs ?? 60_000);
  return error instanceof Error ? error : new Error(message);
}

const isStatus = (error: unknown, status: number) => (error as HttpError).status === status;

export class GitHubWriter implements GitWriter {
  readonly kind = 'github' as const;
  calls = 0;
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly name: string;
  private readonly options: GitHubOptions;

  constructor(options: GitHubOptions) {
    this.options = options;
    const [owner, name] = options.repo.split('/');
    if (!owner || !name) throw new Error(`GITHUB_REPO must be owner/name, not "${options.repo}"`);
    this.owner = owner;
    this.name = name;
    const timeoutMs = options.timeoutMs ?? 4000;
    this.octokit = new Octokit({
      auth: options.token,
      baseUrl: options.baseUrl,
      userAgent: 'quartiersnetz-functions',
      request: {
        // A fresh timeout per request: octokit calls fetch once per request.
        fetch: (url: string, init: RequestInit) => {
          this.calls++;
          return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        },
      },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
  }

  private get repo() {
    return { owner: this.owner, repo: this.name };
  }

  /**
   * One request with a few quick retries on transient failures: every step below is safe
   * to repeat (objects are content-addressed, refs and pull requests are looked up before
   * they are made, labels are set, not added). Longer outages are the retry job's.
   */
  private async call<T>(job: () => Promise<T>): Promise<T> {
    const tries = this.options.tries ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await job();
      } catch (error) {
        const failure = classify(error);
        const wait = failure instanceof TransientGitError ? Math.max(failure.retryAfterMs ?? 0, attempt * (this.options.retryDelayMs ?? 300)) : 0;
        if (!(failure instanceof TransientGitError) || attempt >= tries || wait > (this.options.maxInlineWaitMs ?? 2000)) throw failure;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  async readFile(path: string): Promise<StoredFile | undefined> {
    try {
      const { data } = await this.octokit.repos.getContent({ ...this.repo, path, ref: this.options.branch });
      if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string') return undefined;
      return { text: Buffer.from(data.content, 'base64').toString('utf8'), version: data.sha };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw classify(error);
    }
  }

  async commitFile(change: DirectCommit): Promise<{ commit: string }> {
    try {
      const { data } = await this.octokit.repos.createOrUpdateFileContents({
        ...this.repo,
        path: change.path,
        branch: this.options.branch,
        message: change.message,
        content: Buffer.from(change.text, 'utf8').toString('base64'),
        sha: change.expectedVersion,
        committer: FUNCTION_AUTHOR,
        author: FUNCTION_AUTHOR,
      });
      return { commit: data.commit.sha ?? '' };
    } catch (error) {
      // 409: the file's sha is no longer the branch's (someone committed in between).
      if (isStatus(error, 409) || (isStatus(error, 422) && /sha/i.test(String((error as HttpError).message)))) throw new ConflictError();
      throw classify(error);
    }
  }

  /**
   * Git data API: one tree and one commit on top of the current head, then a fast-forward
   * of the branch (no force), so a commit that landed meanwhile makes this one fail with
   * ConflictError instead of being thrown away.
   */
  async commitFiles(change: MultiCommit): Promise<{ commit: string }> {
    const head = await this.ref(this.options.branch);
    if (!head) throw new Error(`branch ${this.options.branch} does not exist on GitHub`);
    for (const file of change.files) {
      const current = await this.call(async () => {
        try {
          const { data } = await this.octokit.repos.getContent({ ...this.repo, path: file.path, ref: head });
          return Array.isArray(data) ? undefined : data.sha;
        } catch (error) {
          if (isStatus(error, 404)) return undefined;
          throw error;
        }
      });
      if (current !== file.expectedVersion) throw new ConflictError(`${file.path} changed on ${this.options.branch}`);
    }
    const { data: tree } = await this.call(() =>
      this.octokit.git.createTree({ ...this.repo, base_tree: head, tree: change.files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.text })) }),
    );
    const { data: commit } = await this.call(() =>
      this.octokit.git.createCommit({ ...this.repo, message: change.message, tree: tree.sha, parents: [head], author: change.author ?? FUNCTION_AUTHOR, committer: change.author ?? FUNCTION_AUTHOR }),
    );
    try {
      await this.octokit.git.updateRef({ ...this.repo, ref: `heads/${this.options.branch}`, sha: commit.sha, force: false });
    } catch (error) {
      // 422 "Update is not a fast forward": the head moved since it was read.
      if (isStatus(error, 422) || isStatus(error, 409)) throw new ConflictError(`${this.options.branch} moved while committing`);
      throw classify(error);
    }
    return { commit: commit.sha };
  }

  private async ref(branch: string): Promise<string | undefined> {
    return this.call(async () => {
      try {
        const { data } = await this.octokit.git.getRef({ ...this.repo, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
    });
  }

  private async openPull(branch: string) {
    const { data } = await this.call(() => this.octokit.pulls.list({ ...this.repo, head: `${this.owner}:${branch}`, base: this.options.branch, state: 'open', per_page: 10 }));
    return data.find((pull) => pull.head.ref === branch);
  }

  async propose(proposal: WorkflowProposal): Promise<LandedProposal> {
    const branch = workflowBranch(proposal.collection, proposal.slug);
    const existing = await this.ref(branch);
    let landed = false;
    if (existing) {
      const { data } = await this.call(() => this.octokit.git.getCommit({ ...this.repo, commit_sha: existing }));
      landed = carriesProposal(data.message, proposal.id);
    }
    if (!landed) {
      const base = await this.ref(this.options.branch);
      if (!base) throw new Error(`branch ${this.options.branch} does not exist on GitHub`);
      // The base commit's sha as base_tree, as decap-cms-backend-github does (GitHub takes a tree-ish).
      // Media go up as blobs first (base64: a PDF is not UTF-8 text), as Decap's uploadBlob does.
      const media: Array<{ path: string; mode: '100644'; type: 'blob'; sha: string }> = [];
      for (const file of proposal.media ?? []) {
        const { data: blob } = await this.call(() => this.octokit.git.createBlob({ ...this.repo, content: Buffer.from(file.bytes).toString('base64'), encoding: 'base64' }));
        media.push({ path: file.path, mode: '100644', type: 'blob', sha: blob.sha });
      }
      const { data: tree } = await this.call(() =>
        this.octokit.git.createTree({ ...this.repo, base_tree: base, tree: [{ path: proposal.path, mode: '100644', type: 'blob', content: proposal.text }, ...media] }),
      );
      const { data: commit } = await this.call(() =>
        this.octokit.git.createCommit({ ...this.repo, message: commitMessage(proposal.title, proposal.body, proposal.id), tree: tree.sha, parents: [base], author: FUNCTION_AUTHOR }),
      );
      if (existing) {
        // As Decap does for a waiting entry: the branch is rebased and moved by force.
        await this.call(() => this.octokit.git.updateRef({ ...this.repo, ref: `heads/${branch}`, sha: commit.sha, force: true }));
      } else {
        await this.call(async () => {
          try {
            await this.octokit.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha: commit.sha });
          } catch (error) {
            // Created by a try whose answer was lost, or by Decap meanwhile: move it.
            if (!isStatus(error, 422)) throw error;
            await this.octokit.git.updateRef({ ...this.repo, ref: `heads/${branch}`, sha: commit.sha, force: true });
          }
        });
      }
    }
    // A pull request needs its branch: when the branch was new, none can exist yet.
    let pull: { number: number; labels?: Array<string | { name?: string }> } | undefined = existing ? await this.openPull(branch) : undefined;
    if (!pull) {
      pull = await this.call(async () => {
        try {
          const { data } = await this.octokit.pulls.create({ ...this.repo, title: proposal.title, body: proposal.body, head: `${this.owner}:${branch}`, base: this.options.branch });
          return data;
        } catch (error) {
          // "A pull request already exists": a try whose answer was lost made it.
          if (!isStatus(error, 422)) throw error;
          const found = await this.openPull(branch);
          if (!found) throw error;
          return found;
        }
      });
    }
    const labels = (pull!.labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
    if (!labels.some(isStatusLabel)) {
      const number = pull!.number;
      await this.call(() => this.octokit.issues.setLabels({ ...this.repo, issue_number: number, labels: [...labels, statusLabel(PENDING_REVIEW)] }));
    }
    return { branch, number: pull!.number, created: !existing };
  }

  async waiting(): Promise<WaitingEntry[]> {
    const pulls = await this.call(() => this.octokit.paginate(this.octokit.pulls.list, { ...this.repo, base: this.options.branch, state: 'open', per_page: 100 }));
    const entries: WaitingEntry[] = [];
    for (const pull of pulls) {
      const key = parseWorkflowBranch(pull.head.ref);
      const label = pull.labels.map((l) => l.name ?? '').find(isStatusLabel);
      if (!key || !label) continue;
      entries.push({ branch: pull.head.ref, ...key, status: labelStatus(label), since: pull.created_at, title: pull.title });
    }
    return entries.sort((a, b) => a.since.localeCompare(b.since));
  }
}
