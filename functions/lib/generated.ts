/**
 * Reads the data the build wrote into generated/: which files exist and their types are
 * named once in src/lib/generated-files.ts (the build → functions contract).
 * Functions never parse content themselves: the build validated it once, and the files
 * ship with the functions through `included_files` in netlify.toml.
 * QN_GENERATED_DIR points tests at their own copy.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATED_FILES, type GeneratedFile } from '../../src/lib/generated-files.ts';
import type { SiteFacts } from '../../src/lib/site-facts.ts';

export type { SiteFacts };

export function generatedDir(): string {
  return resolve(process.env.QN_GENERATED_DIR ?? 'generated');
}

const cache = new Map<string, { mtime: number; value: unknown }>();

/**
 * Parsed generated/<name>. Cached, but re-read when the file changes: `astro dev`
 * rewrites it when content changes while the functions keep running.
 */
export function readGenerated<T>(target: GeneratedFile<T>): T {
  const file = join(generatedDir(), target.name);
  const mtime = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.value as T;
  const value = JSON.parse(readFileSync(file, 'utf8')) as T;
  cache.set(file, { mtime, value });
  return value;
}

/** Site facts the functions need: written by src/integrations/function-data.ts. */
export function siteFacts(): SiteFacts {
  return readGenerated(GENERATED_FILES.site);
}
