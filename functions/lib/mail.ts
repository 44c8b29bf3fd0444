/**
 * The one way functions send mail. With RESEND_API_KEY the `resend` SDK delivers (it
 * reads RESEND_BASE_URL itself, which is how tests point it at a local fake); without
 * it, mails land in the local outbox (.outbox/*.eml). Callers get a plain result and
 * decide about retries: the SDK never throws for HTTP errors, it answers {data, error}.
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

export type SendResult = { ok: true; id: string } | { ok: false; retryable: boolean; status?: number; message: string };

export interface SendOptions {
  /** Resend keeps it 24 h: a repeated send with the same key never delivers twice. */
  idempotencyKey?: string;
  /** Default: env MAIL_TIMEOUT_MS, else 5,000 ms. A timeout is a retryable failure. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
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

function timeoutFromEnv(): number {
  const value = Number(process.env.MAIL_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

/**
 * One address, no header tricks: anything else is a programming error, never retried.
 * Exported for the newsletter batches, which bypass sendMail (newsletter/send.ts).
 */
export function checkMail(mail: OutgoingMail & { from: string }): string | undefined {
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
  if (status === undefined || status === null) return true; // network error or timeout
  if (status === 429 || status >= 500) return true;
  // Resend answers 409 while a request with the same key is still being processed.
  return status === 409 && name === 'concurrent_idempotent_requests';
}

async function sendWithResend(mail: OutgoingMail & { from: string }, key: string, options: SendOptions): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, retryable: true, message: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const resend = new Resend(key);
  const attempt = resend.emails
    .send(
      {
        from: mail.from,
        to: [mail.to],
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      },
      { idempotencyKey: options.idempotencyKey, signal: controller.signal },
    )
    .then(({ data, error }): SendResult => {
      if (error || !data) {
        const status = typeof error?.statusCode === 'number' ? error.statusCode : undefined;
        return { ok: false, retryable: isRetryableStatus(status, error?.name), status, message: error?.message ?? 'empty answer' };
      }
      return { ok: true, id: data.id };
    })
    // The SDK should not throw, but a transport must never take the caller down.
    .catch((error: unknown): SendResult => ({ ok: false, retryable: true, message: String(error) }));
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function sendMail(mail: OutgoingMail, options: SendOptions = {}): Promise<SendResult> {
  const complete = { ...mail, from: mail.from ?? defaultFrom() };
  const problem = checkMail(complete);
  if (problem) return { ok: false, retryable: false, message: problem };
  const key = process.env.RESEND_API_KEY;
  if (key) return sendWithResend(complete, key, options);
  try {
    const { id } = writeToOutbox(complete, options.idempotencyKey);
    return { ok: true, id };
  } catch (error) {
    return { ok: false, retryable: true, message: `outbox: ${String(error)}` };
  }
}
