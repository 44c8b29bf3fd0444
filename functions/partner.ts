/**
 * /partner/: partner organisations keep their entries current without an account, through
 * a signed link (issue 13). Confirmations are committed directly (only reviewed_at
 * changes); proposals land in Decap's editorial workflow for the office to publish.
 * Everything is in lib/partner/service.ts; this handler wires the real dependencies.
 */
import type { Config, Context } from '@netlify/functions';
import { siteFacts } from './lib/generated.ts';
import { gitWriter } from './lib/git/index.ts';
import { store } from './lib/stores.ts';
import { publicOrigin } from './lib/newsletter/config.ts';
import { handlePartner } from './lib/partner/service.ts';
import { PROPOSAL_STORE } from './lib/partner/proposals.ts';
import { page } from './lib/partner/page.ts';
import { now } from '../src/lib/clock.ts';

export default async function partner(request: Request, context?: Partial<Context>): Promise<Response> {
  const site = siteFacts();
  try {
    return await handlePartner(request, {
      writer: gitWriter(),
      blobs: store(PROPOSAL_STORE),
      now: now(),
      site,
      origin: publicOrigin(site.url || 'http://localhost:4321', request),
      ip: context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown',
      waitUntil: context?.waitUntil?.bind(context),
    });
  } catch (error) {
    // Never the request (its URL or body holds the token): only what failed.
    console.error('partner: unexpected failure:', (error as Error).message?.split('\n')[0]);
    return page(site.title, 'Gerade nicht erreichbar', '<h1>Gerade nicht erreichbar</h1><div class="box box--error" role="alert"><p>Die Partnerseite ist gerade nicht erreichbar. Es wurde nichts geändert. Bitte versuchen Sie es in ein paar Minuten noch einmal.</p></div>', 503, { 'retry-after': '120' });
  }
}

export const config: Config = {
  path: ['/partner', '/partner/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
