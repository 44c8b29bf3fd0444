/**
 * Request builders for newsletter tests; the environment itself is the shared
 * ../helpers/function-env.ts, with atomic conditional writes for the send's
 * compare-and-set record and a short mail timeout against the Resend fake.
 */
import { startFunctionEnv, type FunctionEnv } from '../helpers/function-env.ts';

export { SITE_URL, TEST_SECRET } from '../helpers/function-env.ts';

export type NewsletterEnv = FunctionEnv;

export function startNewsletterEnv(options: { resendFake?: boolean } = {}): Promise<NewsletterEnv> {
  return startFunctionEnv({ ...options, atomicBlobs: true, mailTimeoutMs: options.resendFake ? 400 : undefined });
}

export function form(url: string, fields: Record<string, string | string[]>, accept = 'text/html'): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body: body.toString() });
}

/** The first href in a mail's HTML that starts with `prefix`. */
export function linkFrom(html: string, prefix: string): string {
  const match = new RegExp(`href="(${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^"]*)"`).exec(html);
  if (!match) throw new Error(`no link starting with ${prefix}`);
  return match[1].replace(/&amp;/g, '&');
}
