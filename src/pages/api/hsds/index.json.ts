/** HSDS `/`: version, profile and the OpenAPI description this export follows. */
import type { APIRoute } from 'astro';
import { hsdsIndex } from '../../../lib/exports/hsds.ts';
import { jsonResponse } from '../../../lib/exports/respond.ts';
import { siteUrl } from '../../../lib/exports/source.ts';

export const GET: APIRoute = ({ site }) => jsonResponse(hsdsIndex(siteUrl(site)));
