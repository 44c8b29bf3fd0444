/**
 * The response headers Netlify would send for a path: the rules of dist/_headers (written
 * by the build) plus any `[[headers]]` tables in netlify.toml, merged the way Netlify
 * merges them. Pass `siteHeaders()` to `serveSite({ headers })`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { headersFor, parseHeadersFile, type HeaderRule } from '../../src/lib/headers-file.ts';
import { DIST } from './dist.ts';

export function headerRules(dist = DIST, toml = 'netlify.toml'): HeaderRule[] {
  const file = join(dist, '_headers');
  if (!existsSync(file)) throw new Error(`${file} is missing: the build did not write the security headers`);
  const rules = parseHeadersFile(readFileSync(file, 'utf8'));
  if (existsSync(toml)) {
    const config = parseToml(readFileSync(toml, 'utf8')) as { headers?: { for: string; values: Record<string, string | string[]> }[] };
    for (const table of config.headers ?? []) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(table.values ?? {})) headers[name] = Array.isArray(value) ? value.join(', ') : String(value).replace(/\s*\n\s*/g, ' ').trim();
      rules.push({ path: table.for, headers });
    }
  }
  return rules;
}

export function siteHeaders(dist = DIST): (path: string) => Record<string, string> {
  const rules = headerRules(dist);
  return (path) => headersFor(rules, path);
}
