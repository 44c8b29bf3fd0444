/** The OpenAPI description of exactly what /api/hsds/ serves (`openapi_url` of the `/` answer). */
import type { APIRoute } from 'astro';
import { DATA_LICENSE } from '../../../lib/exports/config.ts';
import { hsdsOpenApi } from '../../../lib/exports/hsds-api.ts';
import { jsonResponse } from '../../../lib/exports/respond.ts';
import { exportContent, siteUrl } from '../../../lib/exports/source.ts';

export const GET: APIRoute = async ({ site }) => {
  const { settings } = await exportContent();
  return jsonResponse(hsdsOpenApi({ site: siteUrl(site), title: settings.title, contactName: settings.office.name, licenseName: DATA_LICENSE.name, licenseUrl: DATA_LICENSE.url }));
};
