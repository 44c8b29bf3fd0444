/** HSDS `/services`: every published offer in the list shape, on one page. */
import type { APIRoute } from 'astro';
import { jsonResponse } from '../../../lib/exports/respond.ts';
import { getHsdsExport } from '../../../lib/exports/source.ts';

export const GET: APIRoute = async () => jsonResponse((await getHsdsExport()).services());
