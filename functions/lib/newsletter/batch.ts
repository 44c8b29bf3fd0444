/**
 * Newsletter mails go out in batches of up to 100 through the one mail transport
 * (../mail.ts `sendBatch`): a newsletter goes to many people at once and Resend allows
 * about 2 requests per second, so one request per 100 recipients keeps a send within a
 * function's time limit. Every part of a newsletter mail (including its unsubscribe
 * link) is deterministic, so a batch retried under its idempotency key is the same batch.
 */
import type { OutgoingMail } from '../mail.ts';

export { MAX_BATCH_SIZE, sendBatch, type BatchResult, type SendOptions as BatchOptions } from '../mail.ts';

/** A newsletter mail: an outgoing mail that always names its sender and carries its List-Unsubscribe headers. */
export type BatchMail = OutgoingMail & Required<Pick<OutgoingMail, 'from' | 'headers'>>;
