/**
 * Unsubscribes that must reach Resend, however long it is down (store
 * `newsletter-unsubscribe-jobs`). The order that makes "abgemeldet" true at once:
 * 1. the subscriber record in Blobs is changed (subscribers.ts): our own sending stops;
 * 2. a job is stored here;
 * 3. the job is applied at Resend (topics opted out; for "everything" the contact marked
 *    unsubscribed), right away and then by the retry job (newsletter-unsubscribe-retry.ts)
 *    with the contact form's backoff until it succeeds. Each step is recorded when done,
 *    so a retry never repeats a step that worked. After MAX_ATTEMPTS failures the office
 *    is told once (the job keeps trying), since Resend's dashboard could still mail them.
 * A job applies only what the record still says: someone who subscribed again in between
 * is not opted out again.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';
import { store } from '../stores.ts';
import { claim } from '../blobs/claim.ts';
import { MAX_ATTEMPTS, nextAttemptAt } from '../backoff.ts';
import { sendMail } from '../mail.ts';
import { markContactUnsubscribed, optOutTopics } from './contacts.ts';
import type { NewsletterData } from './data.ts';
import { getSubscriber } from './subscribers.ts';
import { stalledUnsubscribeMail } from './templates.ts';
import { publicOrigin } from './config.ts';

export const JOBS_STORE = 'newsletter-unsubscribe-jobs';
/** The function's own attempt ends long before this; only then may the retry job look. */
const FIRST_RETRY_AFTER_MS = 60_000;
const LEASE_MS = 2 * 60_000;

export interface UnsubscribeJob {
  id: string;
  email: string;
  networks: string[];
  all: boolean;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  done: { topics?: boolean; contact?: boolean };
  lastError?: string;
  officeToldAt?: string;
}

export type JobOutcome = 'applied' | 'retry-later' | 'busy';

function jobs(): Store {
  return store(JOBS_STORE);
}

const jobKey = (id: string) => `job/${id}`;

export async function queueUnsubscribe(email: string, networks: string[], all: boolean, now = new Date()): Promise<UnsubscribeJob> {
  const job: UnsubscribeJob = {
    id: randomUUID(),
    email,
    networks: [...networks].sort(),
    all,
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: new Date(now.getTime() + FIRST_RETRY_AFTER_MS).toISOString(),
    done: {},
  };
  await jobs().setJSON(jobKey(job.id), job);
  return job;
}

export async function pendingJobs(): Promise<UnsubscribeJob[]> {
  const found: UnsubscribeJob[] = [];
  for await (const page of jobs().list({ prefix: 'job/', paginate: true })) {
    for (const { key } of page.blobs) {
      const job = (await jobs().get(key, { type: 'json' })) as UnsubscribeJob | null;
      if (job) found.push(job);
    }
  }
  return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function officeMail(job: UnsubscribeJob, data: NewsletterData): Promise<void> {
  const mail = stalledUnsubscribeMail(data, publicOrigin(data.site.url), { email: job.email, networks: job.networks, all: job.all, attempts: job.attempts, since: job.createdAt, lastError: job.lastError });
  const result = await sendMail({ to: data.site.office.email, from: data.site.mailFrom, subject: mail.subject, text: mail.text, html: mail.html }, { idempotencyKey: `unsubscribe-office/${job.id}` });
  if (!result.ok) throw new Error(`office mail: ${result.message}`);
}

/**
 * One attempt. `first`: the unsubscribe function's own attempt, which needs no lease
 * (the retry job leaves a new job alone for a minute).
 */
export async function applyJob(queued: UnsubscribeJob, data: NewsletterData, options: { nowMs?: number; first?: boolean } = {}): Promise<JobOutcome> {
  const nowMs = options.nowMs ?? Date.now();
  const lease = options.first ? undefined : await claim(jobs(), `lease/${queued.id}`, { leaseMs: LEASE_MS });
  if (!options.first && !lease) return 'busy';
  try {
    const job = options.first ? queued : ((await jobs().get(jobKey(queued.id), { type: 'json' })) as UnsubscribeJob | null);
    if (!job) return 'applied';
    const save = () => jobs().setJSON(jobKey(job.id), job);
    try {
      const record = await getSubscriber(job.email);
      const stillOut = (slug: string) => record?.networks[slug]?.status !== 'subscribed';
      const slugs = job.all ? data.networks.map((n) => n.slug) : job.networks;
      if (!job.done.topics) {
        await optOutTopics(job.email, data.networks.filter((n) => slugs.includes(n.slug) && stillOut(n.slug)));
        job.done.topics = true;
        await save();
      }
      if (job.all && !job.done.contact) {
        // Subscribed again to something since: the contact must stay reachable for that.
        if (!data.networks.some((n) => !stillOut(n.slug))) await markContactUnsubscribed(job.email);
        job.done.contact = true;
        await save();
      }
      await jobs().delete(jobKey(job.id));
      return 'applied';
    } catch (error) {
      job.attempts += 1;
      job.lastError = String(error instanceof Error ? error.message : error).slice(0, 300);
      job.nextAttemptAt = nextAttemptAt(job.attempts, nowMs);
      console.error(`[newsletter] unsubscribe ${job.id} not yet at Resend (attempt ${job.attempts}): ${job.lastError}`);
      if (job.attempts >= MAX_ATTEMPTS && !job.officeToldAt) {
        try {
          await officeMail(job, data);
          job.officeToldAt = new Date(nowMs).toISOString();
        } catch (mailError) {
          console.error(`[newsletter] office not told about unsubscribe ${job.id}`, mailError);
        }
      }
      await save();
      return 'retry-later';
    }
  } finally {
    await lease?.release().catch(() => {});
  }
}

export interface JobsRun {
  due: number;
  outcomes: Partial<Record<JobOutcome, number>>;
  left: number;
}

/** Applies every due job, paced for Resend's 2 requests a second, within a time budget. */
export async function retryUnsubscribes(data: NewsletterData, options: { nowMs?: number; budgetMs?: number; paceMs?: number } = {}): Promise<JobsRun> {
  const nowMs = options.nowMs ?? Date.now();
  const budgetMs = options.budgetMs ?? 20_000;
  const paceMs = options.paceMs ?? 500;
  const started = Date.now();
  const run: JobsRun = { due: 0, outcomes: {}, left: 0 };
  const due = (await pendingJobs()).filter((job) => Date.parse(job.nextAttemptAt) <= nowMs);
  for (const [index, job] of due.entries()) {
    if (Date.now() - started > budgetMs) {
      run.left = due.length - index;
      break;
    }
    if (paceMs > 0 && run.due > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
    run.due++;
    const outcome = await applyJob(job, data, { nowMs });
    run.outcomes[outcome] = (run.outcomes[outcome] ?? 0) + 1;
  }
  return run;
}
