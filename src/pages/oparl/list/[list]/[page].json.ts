/** Every page of every external OParl list (`data`, `pagination`, `links`). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonResponse } from '../../../../lib/exports/respond.ts';
import { getOparlExport } from '../../../../lib/exports/source.ts';

export const getStaticPaths = (async () => {
  const { pages } = await getOparlExport();
  return [...pages].map(([path, page]) => {
    const [, list, number] = /^oparl\/list\/([^/]+)\/(\d+)\.json$/.exec(path)!;
    return { params: { list, page: number }, props: { page } };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => jsonResponse(props.page);
