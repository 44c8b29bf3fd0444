/**
 * The health report of this build, computed once and shared by /admin/health.json and
 * /admin/zustand/. The last link check comes from Netlify Blobs when the build runs on
 * Netlify; elsewhere the report notes that external links were not judged.
 */
import { now } from '../clock.ts';
import { healthReportFor } from './gather.ts';
import { readLinkReportFromEnvironment } from './link-source.ts';
import type { HealthReport } from './index.ts';

let cached: Promise<HealthReport> | undefined;

export function buildHealthReport(root: string = process.cwd()): Promise<HealthReport> {
  cached ??= readLinkReportFromEnvironment().then((links) => healthReportFor(root, now(), links));
  return cached;
}
