/**
 * Collects the health report's input from a project folder: content, route files,
 * public files and upload sizes. The one impure part of the report; the rules stay pure.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadContentOnce, type LoadResult } from '../load-content.ts';
import { berlinDate } from '../dates.ts';
import { buildPathIndex } from './site-paths.ts';
import { computeHealth, type HealthReport } from './index.ts';
import type { HealthInput, LinkReport, UploadFile } from './types.ts';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files;
}

export function listUploads(root: string): UploadFile[] {
  const dir = join(root, 'public', 'uploads');
  return listFiles(dir).map((file) => ({ path: `/uploads/${file}`, bytes: statSync(join(dir, file)).size }));
}

export function gatherHealthInput(root: string, now: Date, links?: LinkReport, loaded: LoadResult = loadContentOnce(root)): HealthInput {
  const { content, problems } = loaded;
  const today = berlinDate(now);
  const pathExists = buildPathIndex({ routeFiles: listFiles(join(root, 'src', 'pages')), publicFiles: listFiles(join(root, 'public')) }, content, today, now);
  return { content, problems, today, now, links, uploads: listUploads(root), pathExists };
}

/** The report for the project at `root`; what the build writes to generated/health.json. */
export function healthReportFor(root: string, now: Date, links?: LinkReport, loaded?: LoadResult): HealthReport {
  return computeHealth(gatherHealthInput(root, now, links, loaded));
}
