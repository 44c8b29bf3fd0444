/** HSDS `/services/{id}`: one offer, fully nested. The id is a UUID derived from the slug. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { hsdsServiceId } from '../../../../lib/exports/hsds.ts';
import { jsonResponse } from '../../../../lib/exports/respond.ts';
import { getHsdsExport } from '../../../../lib/exports/source.ts';

export const getStaticPaths = (async () => {
  const hsds = await getHsdsExport();
  return hsds.source.offers.map((offer) => ({ params: { id: hsdsServiceId(offer.id) }, props: { offer } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => jsonResponse((await getHsdsExport()).service(props.offer));
