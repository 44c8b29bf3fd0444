/**
 * GET /api/hsds/<resource>: the HSDS 3.0 lists with the spec's paging (`page`,
 * `per_page`) and filters (`search`, `organization_id`, `taxonomy_term_id`,
 * `taxonomy_id`, `modified_after`). Everything else under /api/hsds/ is static (rewrites
 * in netlify.toml). The records come from the build (generated/opendata.json); this
 * handler only filters and pages them, with the code the OpenAPI file is made from.
 */
import type { Config } from '@netlify/functions';
import { hsdsResourceOfPath, queryHsdsList } from '../src/lib/exports/hsds-api.ts';
import { openData } from './lib/opendata/data.ts';
import { jsonAnswer, refuseWrites } from './lib/opendata/respond.ts';

export default async (request: Request): Promise<Response> => {
  const refused = refuseWrites(request);
  if (refused) return refused;
  const url = new URL(request.url);
  const resource = hsdsResourceOfPath(url.pathname);
  if (!resource) return jsonAnswer(404, { error: `Unter ${url.pathname} gibt es keine Liste. Die Schnittstelle beschreibt /api/hsds/openapi.json.` });
  const answer = queryHsdsList(openData().hsds, resource, url.searchParams);
  return jsonAnswer(answer.status, answer.body);
};

// Literal paths: Netlify reads `config` without running the module. A test keeps them
// equal to HSDS_RESOURCE_NAMES.
export const config: Config = {
  path: ['/api/hsds/services', '/api/hsds/organizations', '/api/hsds/taxonomies', '/api/hsds/taxonomy_terms', '/api/hsds/service_at_locations'],
};
