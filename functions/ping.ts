/**
 * GET /api/ping: answers 200 and touches nothing. A liveness probe for monitoring, and
 * the floor `npm run bench load` measures the real functions against: what a request
 * through Netlify's function runtime costs before any of our work starts.
 */
import type { Config } from '@netlify/functions';

export default async function ping(): Promise<Response> {
  return new Response('ok', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

export const config: Config = {
  path: '/api/ping',
  method: ['GET'],
};
