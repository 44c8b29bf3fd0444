/**
 * Every minute: delivers contact messages whose first attempt failed (provider error,
 * 429, no answer), with backoff from 1 minute to 4 hours; after MAX_ATTEMPTS the
 * social office gets the message instead (lib/contact/deliver.ts). Sends one mail at a
 * time, paced for Resend's 2 requests per second, and stops starting new sends before
 * Netlify's 30-second limit for scheduled functions.
 */
import type { Config } from '@netlify/functions';
import { load, messages, pendingIds } from './lib/contact/messages.ts';
import { attemptDelivery, type AttemptOutcome } from './lib/contact/deliver.ts';

export interface RetryRun {
  due: number;
  outcomes: Partial<Record<AttemptOutcome | 'orphan', number>>;
  left: number;
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export async function retryPending(options: { nowMs?: number; budgetMs?: number; paceMs?: number; timeoutMs?: number } = {}): Promise<RetryRun> {
  const nowMs = options.nowMs ?? Date.now();
  const budgetMs = options.budgetMs ?? envNumber('QN_CONTACT_RETRY_BUDGET_MS', 20_000);
  const paceMs = options.paceMs ?? envNumber('QN_CONTACT_RETRY_PACE_MS', 500);
  const started = Date.now();
  const run: RetryRun = { due: 0, outcomes: {}, left: 0 };
  const count = (key: AttemptOutcome | 'orphan') => (run.outcomes[key] = (run.outcomes[key] ?? 0) + 1);

  const ids = await pendingIds();
  for (const [index, id] of ids.entries()) {
    if (Date.now() - started > budgetMs) {
      run.left = ids.length - index;
      break;
    }
    const message = await load(id);
    if (!message) {
      // A marker whose message was never written: the visitor was told to try again.
      await messages().delete(`pending/${id}`);
      count('orphan');
      continue;
    }
    if (Date.parse(message.nextAttemptAt) > nowMs && message.status !== 'sent' && message.status !== 'escalated') continue;
    run.due++;
    if (paceMs > 0 && run.due > 1) await new Promise((resolve) => setTimeout(resolve, paceMs));
    try {
      count(await attemptDelivery(message, { nowMs, timeoutMs: options.timeoutMs }));
    } catch (error) {
      console.error(`contact retry: message ${id} stays pending`, error);
      count('retry-later');
    }
  }
  return run;
}

export default async function contactRetry(): Promise<Response> {
  const run = await retryPending();
  console.log(`contact retry: ${JSON.stringify(run)}`);
  return new Response(null, { status: 204 });
}

export const config: Config = {
  schedule: '* * * * *',
};
