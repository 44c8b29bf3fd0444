/**
 * One delivery attempt for a stored message, used by the contact function (first try)
 * and the retry job. The message id is Resend's Idempotency-Key, so an attempt whose
 * answer was lost and the retry after it deliver one mail, not two. After
 * MAX_ATTEMPTS failures (or an error that retrying cannot fix) the social office gets
 * the message instead, so a resident's message always reaches a person.
 */
import { sendMail } from '../mail.ts';
import { siteFacts } from '../generated.ts';
import { acquireLease, load, markDone, save, type StoredMessage } from './messages.ts';
import { renderContactMail, renderEscalationMail } from './render-mail.ts';

import { BACKOFF_MINUTES, MAX_ATTEMPTS, nextAttemptAt } from '../backoff.ts';

export { BACKOFF_MINUTES, MAX_ATTEMPTS, nextAttemptAt };

export type AttemptOutcome = 'sent' | 'escalated' | 'retry-later' | 'busy' | 'done-already';

/**
 * `first`: the contact function's own attempt right after storing the message. It needs
 * no lease: the retry job leaves a message alone until FIRST_RETRY_AFTER_MS has passed.
 */
export async function attemptDelivery(stored: StoredMessage, options: { nowMs?: number; timeoutMs?: number; first?: boolean } = {}): Promise<AttemptOutcome> {
  const nowMs = options.nowMs ?? Date.now();
  if (stored.status === 'sent' || stored.status === 'escalated') {
    await markDone(stored);
    return 'done-already';
  }
  const lease = options.first ? undefined : await acquireLease(stored.id);
  if (!options.first && !lease) return 'busy';
  // Read again under the lease: another run may have delivered it since we listed it.
  const message = options.first ? stored : await load(stored.id);
  if (!message) {
    await lease?.release().catch(() => {});
    return 'busy';
  }
  if (message.status === 'sent' || message.status === 'escalated') {
    await markDone(message);
    await lease?.release().catch(() => {});
    return 'done-already';
  }
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
    await lease?.release().catch(() => {});
  }
}
