/**
 * The last line of every public function: an unexpected error becomes a generic 500
 * with an incident id. The log gets the id and the error; the answer gets the id and a
 * plain German sentence, never a stack trace, a path or a library's message.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '@netlify/functions';
import { t } from '../../../src/i18n/index.ts';
import { renderPage } from '../page-shell.ts';
import { wantsJson } from './request.ts';

export type Handler = (request: Request, context?: Partial<Context>) => Promise<Response>;

export function internalError(request: Request, incident: string): Response {
  const message = t('request.error.internal', { incident });
  if (wantsJson(request)) {
    return new Response(JSON.stringify({ ok: false, status: 500, message, incident }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    });
  }
  return renderPage({ siteTitle: 'Quartiersnetz', status: 500, tone: 'error', title: t('request.error.internalTitle'), body: `<p>${message.replace(/[&<>"]/g, '')}</p>` });
}

export function guarded(name: string, handler: Handler): Handler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const incident = randomUUID().slice(0, 8);
      console.error(`[${name}] incident ${incident}:`, error);
      return internalError(request, incident);
    }
  };
}

/** The client's address as Netlify reports it; spoofable forwarding headers are ignored. */
export function clientIp(request: Request, context?: Partial<Context>): string {
  return context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown';
}
