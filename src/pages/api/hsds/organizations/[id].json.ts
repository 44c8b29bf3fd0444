/** HSDS `/organizations/{id}`: one organisation, fully nested, with its services. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { hsdsOrganizationId } from '../../../../lib/exports/hsds.ts';
import { jsonResponse } from '../../../../lib/exports/respond.ts';
import { getHsdsExport } from '../../../../lib/exports/source.ts';

export const getStaticPaths = (async () => {
  const hsds = await getHsdsExport();
  return hsds.source.organisations.map((organisation) => ({ params: { id: hsdsOrganizationId(organisation.id) }, props: { organisation } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => jsonResponse((await getHsdsExport()).organization(props.organisation));
