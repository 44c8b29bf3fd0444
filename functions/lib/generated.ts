/**
 * Reads the data the build wrote into generated/ (recipient directory, site facts).
 * Functions never parse content themselves: the build validated it once, and the files
 * ship with the functions through `included_files` in netlify.toml.
 * QN_GENERATED_DIR points tests at their own copy.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function generatedDir(): string {
  return resolve(process.env.QN_GENERATED_DIR ?? 'generated');
}

const cache = new Map<string, { mtime: number; value: unknown }>();

/**
 * Parsed generated/<name>. Cached, but re-read when the file changes: `astro dev`
 * rewrites it when content changes while the functions keep running.
 */
export function readGenerated<T>(name: string): T {
  const file = join(generatedDir(), name);
  const mtime = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.value as T;
  const value = JSON.parse(readFileSync(file, 'utf8')) as T;
  cache.set(file, { mtime, value });
  return value;
}

/** Site facts the functions need: written by src/integrations/function-data.ts. */
export interface SiteFacts {
  title: string;
  url: string;
  /** `Name <address>` used when a mail names no sender. */
  mailFrom: string;
  office: { name: string; email: string };
}

export function siteFacts(): SiteFacts {
  return readGenerated<SiteFacts>('site.json');
}
