/** HSDS `/`: version, profile and this site's OpenAPI description (served at `/api/hsds/` by a rewrite). */
import type { APIRoute } from 'astro';
import { hsdsIndex } from '../../../lib/exports/hsds-api.ts';
import { jsonResponse } from '../../../lib/exports/respond.ts';
import { siteUrl } from '../../../lib/exports/source.ts';

export const GET: APIRoute = ({ site }) => jsonResponse(hsdsIndex(siteUrl(site)));
