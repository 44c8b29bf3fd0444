/**
 * OParl list pages with the filters OParl requires (`created_since`, `created_until`,
 * `modified_since`, `modified_until`). netlify.toml rewrites a list request that carries
 * one of them to this path; unfiltered lists stay static files. The items come from the
 * build (generated/opendata.json), paged by the build's own `paginate`.
 */
import type { Config } from '@netlify/functions';
import { oparlListOfPath, queryOparlList } from '../src/lib/exports/oparl-api.ts';
import { openData } from './lib/opendata/data.ts';
import { jsonAnswer, refuseWrites } from './lib/opendata/respond.ts';

export default async (request: Request): Promise<Response> => {
  const refused = refuseWrites(request);
  if (refused) return refused;
  const url = new URL(request.url);
  // On Netlify the request keeps the address the client asked for (/oparl/list/…); called
  // directly, it is this function's own path. Both name the list and the page.
  const target = oparlListOfPath(url.pathname);
  if (!target) return jsonAnswer(404, { error: `Unter ${url.pathname} gibt es keine OParl-Liste.` });
  const answer = queryOparlList(openData().oparl, target.list, target.page, url.searchParams);
  return jsonAnswer(answer.status, answer.body);
};

export const config: Config = {
  path: '/api/oparl/list/:list/:page',
};
