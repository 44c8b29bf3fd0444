/**
 * The one way functions write to the content repository: on GitHub through its REST API
 * (github.ts) or, without a token (laptop, `npm start`, tests), into the local git
 * repository (local.ts). Both speak Decap's editorial workflow (workflow.ts), so a
 * proposal written here is an entry Decap lists, previews and publishes unchanged.
 * Partner links use it today; partners' messages and committed translations reuse it.
 */

/** A file as stored on the base branch; `version` is the blob sha (optimistic locking). */
export interface StoredFile {
  text: string;
  version: string;
}

export interface DirectCommit {
  path: string;
  text: string;
  message: string;
  /** Blob sha the change was computed from; another version there is a conflict. */
  expectedVersion: string;
}

/** Several files in one commit on the base branch (the nightly translation). */
export interface MultiCommit {
  message: string;
  /** Who the commit names (default: the partner page's author). */
  author?: { name: string; email: string };
  files: { path: string; text: string; expectedVersion: string }[];
}

export interface WorkflowProposal {
  /** Decap collection name and entry slug: the branch is cms/<collection>/<slug>. */
  collection: string;
  slug: string;
  path: string;
  text: string;
  /** First line of the commit and the pull request's title. */
  title: string;
  /** Pull request body / commit body: who asked and why. */
  body: string;
  /** Unique id of this proposal, written as a trailer so a retry can see it landed. */
  id: string;
  /**
   * Media files of the entry (e.g. PDFs under public/uploads/), in the same commit on the
   * same branch, as Decap stores an entry saved with new media: Decap lists every file of
   * the branch that is not the entry's data file as the entry's media and publishes them
   * with it.
   */
  media?: MediaFile[];
}

export interface MediaFile {
  path: string;
  bytes: Uint8Array;
}

export interface LandedProposal {
  branch: string;
  /** Pull request number on GitHub; undefined locally. */
  number?: number;
  /** False when the branch already existed: the waiting entry was updated. */
  created: boolean;
}

export interface WaitingEntry {
  branch: string;
  collection: string;
  slug: string;
  /** Decap status: draft, pending_review, pending_publish. */
  status: string;
  /** When the entry entered the workflow (ISO). */
  since: string;
  title?: string;
}

export interface GitWriter {
  readonly kind: 'github' | 'local';
  /** Undefined when the file does not exist on the base branch. */
  readFile(path: string): Promise<StoredFile | undefined>;
  /** Commits one file to the base branch; throws ConflictError when it moved. */
  commitFile(change: DirectCommit): Promise<{ commit: string }>;
  /**
   * Commits several files at once on top of the branch's current head; throws
   * ConflictError when one of them moved or the head moved while committing. Commits
   * made meanwhile to other files are kept (the new commit's parent is the current head).
   */
  commitFiles(change: MultiCommit): Promise<{ commit: string }>;
  /** Creates or updates the workflow entry "waiting for approval" for this file. */
  propose(proposal: WorkflowProposal): Promise<LandedProposal>;
  /** Entries in the editorial workflow, oldest first. */
  waiting(): Promise<WaitingEntry[]>;
  /** API requests made so far (the bench reports them per action). */
  readonly calls: number;
}

/** The file changed on the base branch since it was read: read again and redo. */
export class ConflictError extends Error {
  constructor(message = 'the file changed on the base branch') {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A failure worth retrying later (timeout, 5xx, rate limit, moved head). */
export class TransientGitError extends Error {
  readonly retryAfterMs?: number;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'TransientGitError';
    this.retryAfterMs = retryAfterMs;
  }
}
