/**
 * Proposals on their way into Decap's editorial workflow. Each is stored in Blobs before
 * the first git call, then landed by the git writer; a failure (timeout, 5xx, rate limit,
 * moved head, 422) leaves it queued with a growing pause, and the retry job
 * (functions/partner-retry.ts) tries again. Never lost: nothing is answered "received"
 * before it is stored. Never twice: the id is derived from the content (a double submit is
 * the same proposal), each attempt is claimed once, and the writer recognises a proposal
 * that already landed by the trailer in its commit. A newer proposal for the same entry
 * supersedes an older one still queued, so an old retry never overwrites a newer wish.
 */
import { createHash } from 'node:crypto';
import type { Store } from '@netlify/blobs';
import { ConflictError, TransientGitError, type GitWriter, type LandedProposal } from '../git/index.ts';

export const PROPOSAL_STORE = 'partner-proposals';

export interface ProposalRecord {
  id: string;
  organisation: string;
  organisationName: string;
  /** news: a partner's "Nachricht an das Netzwerk" (issue 18). */
  collection: 'organisations' | 'offers' | 'news';
  slug: string;
  path: string;
  text: string;
  title: string;
  body: string;
  /** True for a proposed new entry. */
  isNew: boolean;
  createdAt: string;
  state: 'queued' | 'landed' | 'superseded';
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  landed?: LandedProposal & { at: string };
  /** The office was told (one mail per proposal). */
  mailed?: boolean;
  /** Files landed with the entry (a message's PDFs): repository path and the Blobs key of the bytes. */
  media?: Array<{ path: string; key: string }>;
}

/**
 * Stores one file of a proposal until it has landed: under the proposal's id, so landing
 * one proposal can delete its copies without touching another's.
 */
export async function saveMedia(blobs: Store, id: string, index: number, bytes: Uint8Array): Promise<string> {
  const key = `media/${id}/${index}`;
  await blobs.set(key, bytes.slice().buffer as ArrayBuffer);
  return key;
}

/** Landed (the files live in git now) or superseded: no second copy of what a partner sent stays in Blobs. */
async function deleteMedia(blobs: Store, record: ProposalRecord): Promise<void> {
  for (const { key } of record.media ?? []) await blobs.delete(key).catch(() => {});
}

async function loadMedia(blobs: Store, media: NonNullable<ProposalRecord['media']>): Promise<Array<{ path: string; bytes: Uint8Array }>> {
  return Promise.all(
    media.map(async ({ path, key }) => {
      const data = (await blobs.get(key, { type: 'arrayBuffer' })) as ArrayBuffer | null;
      // Stored before the proposal itself: missing means the store lost it, not "no file".
      if (!data) throw new Error(`media ${key} of the proposal is missing`);
      return { path, bytes: new Uint8Array(data) };
    }),
  );
}

export const MAX_BACKOFF_MS = 4 * 60 * 60_000;

/** 1 minute after the first failure, doubling, at most 4 hours; a server's Retry-After wins when longer. */
export function backoffMs(attempts: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1)));
}

export function proposalId(organisation: string, collection: string, slug: string, text: string): string {
  return createHash('sha256').update(`${organisation}\0${collection}\0${slug}\0${text}`).digest('base64url').slice(0, 22);
}

const recordKey = (id: string) => `proposals/${id}`;
const latestKey = (collection: string, slug: string) => `latest/${collection}/${slug}`;

export async function loadProposal(blobs: Store, id: string): Promise<ProposalRecord | undefined> {
  return ((await blobs.get(recordKey(id), { type: 'json' })) as ProposalRecord | null) ?? undefined;
}

/** Stores a new proposal; returns the stored one and whether it was new (false: a double submit). */
export async function saveProposal(blobs: Store, record: ProposalRecord): Promise<{ record: ProposalRecord; isNew: boolean }> {
  const written = await blobs.setJSON(recordKey(record.id), record, { onlyIfNew: true });
  if (!written.modified) return { record: (await loadProposal(blobs, record.id)) ?? record, isNew: false };
  await blobs.setJSON(latestKey(record.collection, record.slug), { id: record.id, at: record.createdAt });
  return { record, isNew: true };
}

export type LandOutcome = 'landed' | 'already-landed' | 'queued' | 'superseded' | 'busy';

/**
 * One attempt to put a stored proposal into the workflow. Each attempt number is claimed
 * (`onlyIfNew`), so two runs never push the same attempt; a claim whose run died is
 * simply skipped by the next attempt number.
 */
export async function landProposal(blobs: Store, writer: GitWriter, id: string, now: Date): Promise<LandOutcome> {
  const record = await loadProposal(blobs, id);
  if (!record) return 'busy';
  if (record.state === 'landed') return 'already-landed';
  if (record.state === 'superseded') return 'superseded';
  const latest = (await blobs.get(latestKey(record.collection, record.slug), { type: 'json' })) as { id: string } | null;
  if (latest && latest.id !== record.id) {
    await blobs.setJSON(recordKey(id), { ...record, state: 'superseded' } satisfies ProposalRecord);
    await deleteMedia(blobs, record);
    return 'superseded';
  }
  const attempt = record.attempts + 1;
  const claim = await blobs.setJSON(`attempts/${id}/${attempt}`, { at: now.toISOString() }, { onlyIfNew: true });
  if (!claim.modified) return 'busy';
  try {
    const media = record.media?.length ? await loadMedia(blobs, record.media) : undefined;
    const landed = await writer.propose({ collection: record.collection, slug: record.slug, path: record.path, text: record.text, title: record.title, body: record.body, id: record.id, ...(media ? { media } : {}) });
    await blobs.setJSON(recordKey(id), { ...record, attempts: attempt, state: 'landed', landed: { ...landed, at: now.toISOString() }, lastError: undefined } satisfies ProposalRecord);
    await deleteMedia(blobs, record);
    return 'landed';
  } catch (error) {
    const retryAfter = error instanceof TransientGitError ? error.retryAfterMs : undefined;
    const kind = error instanceof TransientGitError || error instanceof ConflictError ? 'transient' : 'unexpected';
    // The message names the failure, never the proposal's text or a token.
    console.error(`partner: proposal ${id} attempt ${attempt} failed (${kind}): ${(error as Error).message?.split('\n')[0]}`);
    await blobs.setJSON(recordKey(id), {
      ...record,
      attempts: attempt,
      nextAttemptAt: new Date(now.getTime() + backoffMs(attempt, retryAfter)).toISOString(),
      lastError: `${kind}: ${String((error as Error).message ?? error).slice(0, 200)}`,
    } satisfies ProposalRecord);
    return 'queued';
  }
}

export async function listProposals(blobs: Store): Promise<ProposalRecord[]> {
  const { blobs: entries } = await blobs.list({ prefix: 'proposals/' });
  const records = await Promise.all(entries.map((entry) => blobs.get(entry.key, { type: 'json' }) as Promise<ProposalRecord | null>));
  return records.filter((r): r is ProposalRecord => r !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Lands every queued proposal that is due, oldest first. */
export async function retryDue(blobs: Store, writer: GitWriter, now: Date): Promise<Record<LandOutcome, number>> {
  const counts: Record<LandOutcome, number> = { landed: 0, 'already-landed': 0, queued: 0, superseded: 0, busy: 0 };
  for (const record of await listProposals(blobs)) {
    if (record.state !== 'queued' || record.nextAttemptAt > now.toISOString()) continue;
    counts[await landProposal(blobs, writer, record.id, now)]++;
  }
  return counts;
}

export async function markMailed(blobs: Store, id: string): Promise<void> {
  const record = await loadProposal(blobs, id);
  if (record) await blobs.setJSON(recordKey(id), { ...record, mailed: true } satisfies ProposalRecord);
}
