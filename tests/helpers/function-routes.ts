/**
 * The site's Netlify functions as `serveSite({ routes })` handlers, keyed by their
 * `config.path`, so browser tests post forms to the real validation code. Found by
 * scanning functions/*.ts: new functions are mounted without editing this file.
 * Scheduled functions (no path) and paths with parameters are left out.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Handler } from './static-server.ts';

export async function functionRoutes(root = process.cwd()): Promise<Record<string, Handler>> {
  const dir = join(root, 'functions');
  if (!existsSync(dir)) return {};
  const routes: Record<string, Handler> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(resolve(dir, file)).href)) as { default?: unknown; config?: { path?: string | string[] } };
    const paths = mod.config?.path === undefined ? [] : [mod.config.path].flat();
    const handler = typeof mod.default === 'function' ? (mod.default as Handler) : (mod.default as { fetch?: Handler } | undefined)?.fetch;
    if (!handler) continue;
    for (const path of paths) if (!/[:*]/.test(path)) routes[path] = handler;
  }
  return routes;
}
