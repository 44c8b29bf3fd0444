/**
 * What newsletter endpoints accept (read by ../http/request.ts): HTML forms
 * (urlencoded, or multipart as some mail programs send for one-click unsubscribe) and the
 * JSON the enhanced form script posts, at most 16 KB: an address, a few network slugs,
 * a token and the consent fields need far less.
 */
import { renderPage } from '../page-shell.ts';
import { wantsJson, type Refusal, type RequestSpec } from '../http/request.ts';

export { first, readRequest, wantsJson, type Fields } from '../http/request.ts';

export const NEWSLETTER_MAX_BYTES = 16 * 1024;

export function newsletterSpec(methods: string[]): RequestSpec {
  return { methods, kinds: ['form', 'multipart', 'json'], maxBytes: NEWSLETTER_MAX_BYTES };
}

/** The answer to a request that could not be read: JSON for the script, else a page. */
export function refusalAnswer(request: Request, siteTitle: string, refusal: Refusal, lang?: string): Response {
  if (wantsJson(request)) {
    return new Response(JSON.stringify({ ok: false, message: refusal.message, errors: [] }), {
      status: refusal.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...refusal.headers },
    });
  }
  return renderPage({ siteTitle, lang, status: refusal.status, tone: 'error', title: refusal.message, body: '', headers: refusal.headers });
}
