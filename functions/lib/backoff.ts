/**
 * When to try again after the n-th failure, for every job that retries against a
 * provider (contact delivery, unsubscribes at Resend): 1 minute growing to 4 hours,
 * about eight hours in all before a person is told.
 */
export const BACKOFF_MINUTES = [1, 2, 5, 10, 30, 60, 120, 240];

/** Attempts after which the office hears of it. */
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length;

export function nextAttemptAt(attempts: number, nowMs: number): string {
  const minutes = BACKOFF_MINUTES[Math.min(Math.max(attempts, 1), BACKOFF_MINUTES.length) - 1];
  return new Date(nowMs + minutes * 60_000).toISOString();
}
