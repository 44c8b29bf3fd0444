/**
 * `/api/hsds/<resource>.json`: every item of a list on one page (the export's first
 * addresses, kept working). The paged, filtered lists at `/api/hsds/<resource>` come from
 * functions/hsds-api.ts over the same records.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { HSDS_RESOURCE_NAMES, hsdsPage } from '../../../lib/exports/hsds-api.ts';
import { jsonResponse } from '../../../lib/exports/respond.ts';
import { getHsdsEntries } from '../../../lib/exports/source.ts';

export const getStaticPaths = (() => HSDS_RESOURCE_NAMES.map((resource) => ({ params: { resource } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const entries = (await getHsdsEntries())[params.resource as (typeof HSDS_RESOURCE_NAMES)[number]];
  return jsonResponse(hsdsPage(entries.map((entry) => entry.record.item)));
};
