/**
 * `/{id}` of every HSDS resource, pre-rendered: `/api/hsds/services/<uuid>.json` and, by
 * the rewrites in netlify.toml, `/api/hsds/services/<uuid>` as the spec names it.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { HSDS_RESOURCE_NAMES } from '../../../../lib/exports/hsds-api.ts';
import type { HsdsEntry } from '../../../../lib/exports/hsds-api-data.ts';
import { jsonResponse } from '../../../../lib/exports/respond.ts';
import { getHsdsEntries } from '../../../../lib/exports/source.ts';

export const getStaticPaths = (async () => {
  const entries = await getHsdsEntries();
  return HSDS_RESOURCE_NAMES.flatMap((resource) => entries[resource].map((entry) => ({ params: { resource, id: String(entry.record.item.id) }, props: { entry } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => jsonResponse((props.entry as HsdsEntry).detail());
