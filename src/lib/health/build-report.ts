/**
 * The health report of this build, computed once and shared by /admin/health.json and
 * /admin/zustand/. The last link check comes from Netlify Blobs when the build runs on
 * Netlify; elsewhere the report notes that external links were not judged. Internal
 * links are judged against the paths Astro listed for this build before rendering
 * (planned-paths.ts): dist/ is not complete yet.
 */
import { now } from '../clock.ts';
import { healthReportFor } from './gather.ts';
import { join } from 'node:path';
import { plannedPaths } from './planned-paths.ts';
import { builtPaths } from './site-paths.ts';
import { readLinkReportFromEnvironment } from './link-source.ts';
import type { HealthReport } from './index.ts';

let cached: Promise<HealthReport> | undefined;

export function buildHealthReport(root: string = process.cwd()): Promise<HealthReport> {
  cached ??= readLinkReportFromEnvironment().then((links) => {
    const planned = plannedPaths();
    // public/ is copied into dist/ as it is. Outside a build (dev server) internal links are not judged.
    const sitePaths = planned && new Set([...planned, ...builtPaths(join(root, 'public'))]);
    return healthReportFor(root, now(), { links, sitePaths });
  });
  return cached;
}
