/** Every OParl object at its own URL (its `id`): Body, Organization, Meeting, AgendaItem, File, Location. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonResponse } from '../../../lib/exports/respond.ts';
import { getOparlExport } from '../../../lib/exports/source.ts';

export const getStaticPaths = (async () => {
  const { objects } = await getOparlExport();
  return [...objects]
    .map(([path, object]) => ({ match: /^oparl\/([a-z-]+)\/([^/]+)\.json$/.exec(path), object }))
    .filter((entry) => entry.match)
    .map(({ match, object }) => ({ params: { type: match![1], id: match![2] }, props: { object } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => jsonResponse(props.object);
