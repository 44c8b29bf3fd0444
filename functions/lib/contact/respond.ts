/**
 * Answers in the form the client asked for: JSON for the form's script (and API
 * clients), an HTML page for a plain form POST without JavaScript; both in the visitor's
 * language (`context.lang`, German when unknown).
 */
import { useTranslations } from '../../../src/i18n/index.ts';
import { errorPage, successPage } from './result-page.ts';
import type { BodyKind } from './request.ts';
import type { FieldError, Refusal } from './types.ts';

// HTML answers come from the shared page shell (../page-shell.ts) with its headers and CSP.
const JSON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'content-type': 'application/json; charset=utf-8' };

export function wantsHtml(request: Request, kind: BodyKind | undefined): boolean {
  const accept = request.headers.get('accept') ?? '';
  if (accept.includes('application/json')) return false;
  if (kind === 'json') return false;
  return accept.includes('text/html') || kind === 'form';
}

interface Context {
  siteTitle: string;
  lang?: string;
  back?: { path: string; topic: string };
}

export function refusalResponse(request: Request, kind: BodyKind | undefined, refusal: Refusal, context: Context, values: Record<string, unknown> = {}): Response {
  const headers = { ...(refusal.headers ?? {}) };
  if (wantsHtml(request, kind)) {
    return errorPage(context, refusal.errors, values, refusal.status, headers);
  }
  const t = useTranslations(context.lang);
  const body = { ok: false, status: refusal.status, title: t('contact.errorSummary'), errors: refusal.errors };
  return new Response(JSON.stringify(body), { status: refusal.status, headers: { ...JSON_HEADERS, ...headers } });
}

export function acceptedResponse(request: Request, kind: BodyKind, state: 'sent' | 'queued', recipientName: string, email: string, context: Context, id: string): Response {
  const t = useTranslations(context.lang);
  const title = t(state === 'sent' ? 'contact.sent.title' : 'contact.queued.title');
  const text = t(state === 'sent' ? 'contact.sent.text' : 'contact.queued.text', { name: recipientName, email });
  const status = state === 'sent' ? 200 : 202;
  if (wantsHtml(request, kind)) return successPage(context, title, text, status);
  return new Response(JSON.stringify({ ok: true, state, id, title, message: text }), { status, headers: JSON_HEADERS });
}

export type { FieldError };
