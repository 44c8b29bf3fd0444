/**
 * /admin/health.json: the health report of this build as data (the same as
 * `npm run health -- --json`). It names entries and links, never personal data: the
 * personal-data rule reports kind and line only.
 */
import type { APIRoute } from 'astro';
import { buildHealthReport } from '../../lib/health/build-report.ts';

export const GET: APIRoute = async () =>
  new Response(`${JSON.stringify(await buildHealthReport(), null, 2)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
