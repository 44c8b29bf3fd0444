/**
 * The `/{id}` answer of every HSDS resource as a file: `api/hsds/services/<uuid>.json`
 * and, by the rewrites in netlify.toml, `/api/hsds/services/<uuid>` as the spec names it.
 *
 * Written straight into dist/ by the function-data integration from the same entries
 * whose records go to generated/opendata.json, not rendered as an Astro route: one file
 * per offer, location and organisation is thousands of endpoints at city scale, and
 * Astro's per-route work (a request, a response, an asynchronous write) cost more than
 * the answers themselves (issue 17).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HSDS_API_PATH, HSDS_RESOURCE_NAMES, type HsdsResourceName } from './hsds-api.ts';
import type { HsdsEntry } from './hsds-api-data.ts';
import { jsonText } from './respond.ts';

/** The site path of one detail answer. */
export const hsdsDetailPath = (resource: HsdsResourceName, id: string) => `${HSDS_API_PATH}/${resource}/${id}.json`;

/** Every detail answer's site path, for the build's list of planned paths (health report). */
export function hsdsDetailPaths(entries: Record<HsdsResourceName, HsdsEntry[]>): string[] {
  return HSDS_RESOURCE_NAMES.flatMap((resource) => entries[resource].map((entry) => hsdsDetailPath(resource, String(entry.record.item.id))));
}

/** Writes every detail answer below `dist`; returns how many. */
export function writeHsdsDetailFiles(dist: string, entries: Record<HsdsResourceName, HsdsEntry[]>): number {
  let written = 0;
  for (const resource of HSDS_RESOURCE_NAMES) {
    const folder = join(dist, HSDS_API_PATH, resource);
    mkdirSync(folder, { recursive: true });
    for (const entry of entries[resource]) {
      writeFileSync(join(folder, `${entry.record.item.id}.json`), jsonText(entry.detail()));
      written++;
    }
  }
  return written;
}

/** The detail answer at `/<resource>/<id>.json` (a path below HSDS_API_PATH), if there is one: for `astro dev`. */
export function hsdsDetailFor(entries: Record<HsdsResourceName, HsdsEntry[]>, path: string): string | undefined {
  const [, resource, id] = /^\/([a-z_]+)\/([^/?#]+)\.json(?:[?#].*)?$/.exec(path) ?? [];
  const list = HSDS_RESOURCE_NAMES.find((name) => name === resource) && entries[resource as HsdsResourceName];
  const entry = list ? list.find((candidate) => String(candidate.record.item.id) === id) : undefined;
  return entry ? jsonText(entry.detail()) : undefined;
}
