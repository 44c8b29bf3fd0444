/**
 * The health report of this build, computed once and shared by /admin/health.json and
 * /admin/zustand/. The last link check comes from Netlify Blobs when the build runs on
 * Netlify; elsewhere the report notes that external links were not judged. Internal
 * links are judged against the routes' own static paths (dist/ is not complete yet).
 */
import { now } from '../clock.ts';
import { healthReportFor } from './gather.ts';
import { routePaths } from './route-paths.ts';
import { readLinkReportFromEnvironment } from './link-source.ts';
import type { HealthReport } from './index.ts';

let cached: Promise<HealthReport> | undefined;

export function buildHealthReport(root: string = process.cwd()): Promise<HealthReport> {
  cached ??= Promise.all([readLinkReportFromEnvironment(), routePaths(root)]).then(([links, sitePaths]) => healthReportFor(root, now(), { links, sitePaths }));
  return cached;
}
