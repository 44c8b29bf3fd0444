/**
 * The one mail transport. With RESEND_API_KEY the `resend` SDK delivers (it reads
 * RESEND_BASE_URL itself, which is how tests point it at a local fake); without it, mails
 * land in the local outbox (.outbox/*.eml). Written once here: the sender default, the
 * header checks, the timeout race, the retry classification and the outbox fallback.
 * `sendMail` (one mail) and `sendBatch` (up to 100, Resend's /emails/batch) are thin
 * callers. Callers get a plain result and decide about retries: the SDK never throws
 * for HTTP errors, it answers {data, error}.
 */
import { Resend } from 'resend';
import { hasLineBreak, parseAddress } from './mime.ts';
import { writeToOutbox } from './outbox.ts';
import { siteFacts } from './generated.ts';

export interface OutgoingMail {
  to: string;
  /** Default: env MAIL_FROM, else the newsletter sender from content/settings/site.yml. */
  from?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

type Failure = { ok: false; retryable: boolean; status?: number; message: string };
export type SendResult = { ok: true; id: string } | Failure;
export type BatchResult = { ok: true; ids: string[] } | Failure;

export interface SendOptions {
  /** Resend keeps it 24 h: a repeated send with the same key never delivers twice. */
  idempotencyKey?: string;
  /** Default: env MAIL_TIMEOUT_MS, else 5 s for one mail, 15 s for a batch. A timeout is a retryable failure. */
  timeoutMs?: number;
}

export const MAX_BATCH_SIZE = 100;

const FALLBACK_FROM = 'Quartiersnetz <noreply@example.org>';
const SIMPLE_EMAIL = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
// Headers the transport sets itself; letting a caller set them would bypass the checks.
const RESERVED_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'sender', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding']);

export function defaultFrom(): string {
  if (process.env.MAIL_FROM) return process.env.MAIL_FROM;
  try {
    return siteFacts().mailFrom;
  } catch {
    return FALLBACK_FROM;
  }
}

function timeoutMs(options: SendOptions, fallback: number): number {
  if (options.timeoutMs !== undefined) return options.timeoutMs;
  const value = Number(process.env.MAIL_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

type CompleteMail = OutgoingMail & { from: string };

/**
 * One address, no header tricks: anything else is a programming error, never retried.
 * Exported for the newsletter send, which refuses a failing mail on its own before it
 * freezes a batch (newsletter/send.ts); sendMail and sendBatch check every mail anyway.
 */
export function checkMail(mail: CompleteMail): string | undefined {
  for (const [label, value] of [['to', mail.to], ['from', mail.from], ['replyTo', mail.replyTo]] as const) {
    if (value === undefined) continue;
    if (hasLineBreak(value)) return `${label} contains a line break`;
    if (!SIMPLE_EMAIL.test(parseAddress(value).email)) return `${label} is not a single valid address`;
  }
  if (hasLineBreak(mail.subject)) return 'subject contains a line break';
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) return `header ${name} is not allowed`;
    if (hasLineBreak(value)) return `header ${name} contains a line break`;
  }
  return undefined;
}

function isRetryableStatus(status: number | undefined, name: string | undefined): boolean {
  if (status === undefined) return true; // network error or timeout
  if (status === 429 || status >= 500) return true;
  // Resend answers 409 while a request with the same key is still being processed.
  return status === 409 && name === 'concurrent_idempotent_requests';
}

type SdkAnswer<T> = { data: T | null; error: { statusCode?: number | null; name?: string; message?: string } | null };

/** One Resend call, raced against the timeout and classified; never throws. */
async function callResend<T>(key: string, ms: number, run: (resend: Resend, signal: AbortSignal) => Promise<SdkAnswer<T>>): Promise<{ ok: true; data: T } | Failure> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Failure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, retryable: true, message: `no answer within ${ms} ms` });
    }, ms);
  });
  const attempt = run(new Resend(key), controller.signal)
    .then(({ data, error }): { ok: true; data: T } | Failure => {
      if (error || !data) {
        const status = typeof error?.statusCode === 'number' ? error.statusCode : undefined;
        return { ok: false, retryable: isRetryableStatus(status, error?.name), status, message: error?.message ?? 'empty answer' };
      }
      return { ok: true, data };
    })
    // The SDK should not throw, but a transport must never take the caller down.
    .catch((error: unknown): Failure => ({ ok: false, retryable: true, message: String(error) }));
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function payload(mail: CompleteMail) {
  return { from: mail.from, to: [mail.to], replyTo: mail.replyTo, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers };
}

/** Completes and checks the mails; a problem is a permanent failure. */
function prepare(mails: OutgoingMail[]): { ok: true; mails: CompleteMail[] } | Failure {
  const complete = mails.map((mail) => ({ ...mail, from: mail.from ?? defaultFrom() }));
  for (const mail of complete) {
    const problem = checkMail(mail);
    if (problem) return { ok: false, retryable: false, message: problem };
  }
  return { ok: true, mails: complete };
}

function toOutbox(mails: CompleteMail[], keys: (string | undefined)[]): { ok: true; ids: string[] } | Failure {
  try {
    return { ok: true, ids: mails.map((mail, i) => writeToOutbox(mail, keys[i]).id) };
  } catch (error) {
    return { ok: false, retryable: true, message: `outbox: ${String(error)}` };
  }
}

export async function sendMail(mail: OutgoingMail, options: SendOptions = {}): Promise<SendResult> {
  const prepared = prepare([mail]);
  if (!prepared.ok) return prepared;
  const [complete] = prepared.mails;
  const key = process.env.RESEND_API_KEY;
  if (!key) {
    const written = toOutbox([complete], [options.idempotencyKey]);
    return written.ok ? { ok: true, id: written.ids[0] } : written;
  }
  const result = await callResend(key, timeoutMs(options, 5_000), (resend, signal) => resend.emails.send(payload(complete), { idempotencyKey: options.idempotencyKey, signal }));
  return result.ok ? { ok: true, id: result.data.id } : result;
}

/**
 * Up to MAX_BATCH_SIZE mails in one request, under one idempotency key: a batch sent
 * again after a crash or a timeout returns the first result instead of delivering twice
 * (which needs the very same payload). In the outbox each mail gets a key derived from it.
 */
export async function sendBatch(mails: OutgoingMail[], options: SendOptions & { idempotencyKey: string }): Promise<BatchResult> {
  if (mails.length === 0) return { ok: true, ids: [] };
  if (mails.length > MAX_BATCH_SIZE) return { ok: false, retryable: false, message: `batch of ${mails.length} exceeds ${MAX_BATCH_SIZE}` };
  const prepared = prepare(mails);
  if (!prepared.ok) return prepared;
  const key = process.env.RESEND_API_KEY;
  if (!key) return toOutbox(prepared.mails, prepared.mails.map((_, i) => `${options.idempotencyKey}/${i}`));
  const result = await callResend(key, timeoutMs(options, 15_000), (resend, signal) =>
    resend.batch.send(prepared.mails.map(payload), { idempotencyKey: options.idempotencyKey, signal }) as Promise<SdkAnswer<{ data: { id: string }[] }>>,
  );
  return result.ok ? { ok: true, ids: (result.data.data ?? []).map((d) => d.id) } : result;
}
