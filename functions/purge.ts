/**
 * Daily: deletes personal records past their retention (src/lib/retention.ts, the same
 * periods /datenschutz/ states). Logs only counts, never keys or contents.
 */
import type { Config } from '@netlify/functions';
import { runPurge } from './lib/purge/run.ts';

export default async (): Promise<Response> => {
  const report = await runPurge();
  console.log(`purge: deleted ${JSON.stringify(report.deleted)}, kept ${JSON.stringify(report.kept)}, ${report.errors.length} errors`);
  for (const error of report.errors) console.error(`purge: ${error.replace(/\/[0-9a-f]{16,}/g, '/…')}`);
  return Response.json({ deleted: report.deleted, errors: report.errors.length }, { status: report.errors.length ? 500 : 200 });
};

// 03:30 UTC, before the link check and the daily rebuild.
export const config: Config = { schedule: '30 3 * * *' };
