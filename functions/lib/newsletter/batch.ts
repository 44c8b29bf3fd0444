/**
 * Sends up to 100 newsletter mails in one call (Resend's /emails/batch), or writes them
 * to the local outbox without RESEND_API_KEY. The shared mail layer (functions/lib/mail.ts)
 * sends one mail per call; a newsletter goes to many people at once and Resend allows
 * about 2 requests per second, so one request per 100 recipients keeps a send within a
 * function's time limit.
 *
 * One idempotency key per batch: if a batch is sent again after a crash or a timeout
 * (its result unknown), Resend returns the first result instead of delivering twice.
 * Retrying with the same key therefore needs the very same payload, which is why
 * every part of a newsletter mail (including its unsubscribe link) is deterministic.
 */
import { Resend } from 'resend';
import { writeToOutbox } from '../outbox.ts';

export const MAX_BATCH_SIZE = 100;

export interface BatchMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export type BatchResult = { ok: true; ids: string[] } | { ok: false; retryable: boolean; status?: number; message: string };

export interface BatchOptions {
  idempotencyKey: string;
  /** Default: env MAIL_TIMEOUT_MS, else 15 s (a batch takes longer than one mail). */
  timeoutMs?: number;
}

function timeout(options: BatchOptions): number {
  const fromEnv = Number(process.env.MAIL_TIMEOUT_MS);
  return options.timeoutMs ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 15_000);
}

function retryable(status: number | null | undefined, name: string | undefined): boolean {
  if (status === undefined || status === null) return true;
  if (status === 429 || status >= 500) return true;
  return status === 409 && name === 'concurrent_idempotent_requests';
}

async function sendWithResend(mails: BatchMail[], options: BatchOptions): Promise<BatchResult> {
  const resend = new Resend(process.env.RESEND_API_KEY);
  const controller = new AbortController();
  const ms = timeout(options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<BatchResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, retryable: true, message: `no answer within ${ms} ms` });
    }, ms);
  });
  const attempt = resend.batch
    .send(
      mails.map((m) => ({ from: m.from, to: [m.to], subject: m.subject, html: m.html, text: m.text, headers: m.headers })),
      { idempotencyKey: options.idempotencyKey, signal: controller.signal },
    )
    .then(({ data, error }): BatchResult => {
      if (error || !data) {
        const status = typeof error?.statusCode === 'number' ? error.statusCode : undefined;
        return { ok: false, retryable: retryable(status, error?.name), status, message: error?.message ?? 'empty answer' };
      }
      return { ok: true, ids: (data.data ?? []).map((d) => d.id) };
    })
    .catch((error: unknown): BatchResult => ({ ok: false, retryable: true, message: String(error) }));
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function sendBatch(mails: BatchMail[], options: BatchOptions): Promise<BatchResult> {
  if (mails.length === 0) return { ok: true, ids: [] };
  if (mails.length > MAX_BATCH_SIZE) return { ok: false, retryable: false, message: `batch of ${mails.length} exceeds ${MAX_BATCH_SIZE}` };
  if (process.env.RESEND_API_KEY) return sendWithResend(mails, options);
  try {
    // Per-mail keys derived from the batch key: a repeated batch writes no second file.
    return { ok: true, ids: mails.map((mail, i) => writeToOutbox(mail, `${options.idempotencyKey}/${i}`).id) };
  } catch (error) {
    return { ok: false, retryable: true, message: `outbox: ${String(error)}` };
  }
}
