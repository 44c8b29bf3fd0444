/** OParl entry point: the System object. */
import type { APIRoute } from 'astro';
import { oparlPaths } from '../../lib/exports/oparl.ts';
import { jsonResponse } from '../../lib/exports/respond.ts';
import { getOparlExport } from '../../lib/exports/source.ts';

export const GET: APIRoute = async () => jsonResponse((await getOparlExport()).objects.get(oparlPaths.system()));
