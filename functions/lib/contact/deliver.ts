/**
 * One delivery attempt for a stored message, used by the contact function (first try)
 * and the retry job. The message id is Resend's Idempotency-Key, so an attempt whose
 * answer was lost and the retry after it deliver one mail, not two. After
 * MAX_ATTEMPTS failures (or an error that retrying cannot fix) the social office gets
 * the message instead, so a resident's message always reaches a person.
 */
import { sendMail } from '../mail.ts';
import { siteFacts } from '../generated.ts';
import { acquireLease, markDone, releaseLease, save, type StoredMessage } from './messages.ts';
import { renderContactMail, renderEscalationMail } from './render-mail.ts';

/** Minutes to wait after the n-th failed attempt: about eight hours in all. */
export const BACKOFF_MINUTES = [1, 2, 5, 10, 30, 60, 120, 240];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length;

export function nextAttemptAt(attempts: number, nowMs: number): string {
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? BACKOFF_MINUTES[0];
  return new Date(nowMs + minutes * 60_000).toISOString();
}

export type AttemptOutcome = 'sent' | 'escalated' | 'retry-later' | 'busy' | 'done-already';

export async function attemptDelivery(message: StoredMessage, options: { nowMs?: number; timeoutMs?: number; leaseHeld?: boolean } = {}): Promise<AttemptOutcome> {
  const nowMs = options.nowMs ?? Date.now();
  if (message.status === 'sent' || message.status === 'escalated') {
    await markDone(message);
    return 'done-already';
  }
  if (!options.leaseHeld && !(await acquireLease(message.id, nowMs))) return 'busy';
  try {
    const site = siteFacts();
    const escalating = message.status === 'escalating';
    const mail = escalating ? renderEscalationMail(message, site) : renderContactMail(message, site);
    const result = await sendMail(mail, { idempotencyKey: escalating ? `${message.id}-office` : message.id, timeoutMs: options.timeoutMs });
    if (result.ok) {
      message.status = escalating ? 'escalated' : 'sent';
      message.deliveredAt = new Date(nowMs).toISOString();
      message.providerId = result.id;
      delete message.input;
      delete message.lastError;
      await markDone(message);
      return message.status;
    }
    message.attempts += 1;
    message.lastError = `${result.status ?? 'no answer'}: ${result.message}`.slice(0, 300);
    const officeIsRecipient = message.recipient.email.toLowerCase() === site.office.email.toLowerCase();
    if (!escalating && !officeIsRecipient && (!result.retryable || message.attempts >= MAX_ATTEMPTS)) {
      // Hand over to the office right away; its own attempts count from zero.
      console.error(`contact message ${message.id} to ${message.recipientKey} escalated to the office after ${message.attempts} attempts: ${message.lastError}`);
      message.status = 'escalating';
      message.attempts = 0;
      message.nextAttemptAt = new Date(nowMs).toISOString();
    } else {
      if (!result.retryable) console.error(`contact message ${message.id}: ${message.lastError} (kept, retried later)`);
      message.nextAttemptAt = nextAttemptAt(message.attempts, nowMs);
    }
    await save(message);
    return 'retry-later';
  } finally {
    await releaseLease(message.id).catch(() => {});
  }
}
