/**
 * Collects the health report's input from a project folder: content, the paths the site
 * has (from the build), and upload sizes. The one impure part of the report; the rules stay pure.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadContentOnce, type LoadResult } from '../load-content.ts';
import { berlinDate } from '../dates.ts';
import { builtPaths, pathIndex } from './site-paths.ts';
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

export interface GatherOptions {
  links?: LinkReport;
  loaded?: LoadResult;
  /**
   * Every path the built site has (site-paths.ts `builtPaths`, route-paths.ts during the
   * build). Without it internal links are not judged, and the report says so.
   */
  sitePaths?: Iterable<string>;
}

export function gatherHealthInput(root: string, now: Date, options: GatherOptions = {}): HealthInput {
  const { content, problems } = options.loaded ?? loadContentOnce(root);
  const pathExists = options.sitePaths ? pathIndex(options.sitePaths) : undefined;
  return { content, problems, today: berlinDate(now), now, links: options.links, uploads: listUploads(root), pathExists };
}

/** The report for the project at `root`; what the build writes to generated/health.json. */
export function healthReportFor(root: string, now: Date, options: GatherOptions = {}): HealthReport {
  return computeHealth(gatherHealthInput(root, now, options));
}

/** The paths of the last build in `root`/dist, if there is one (for `npm run health`). */
export function lastBuildPaths(root: string): Set<string> | undefined {
  const dist = join(root, 'dist');
  return existsSync(join(dist, 'index.html')) ? builtPaths(dist) : undefined;
}
