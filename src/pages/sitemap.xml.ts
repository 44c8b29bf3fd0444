/**
 * Every public HTML page, found from the route files themselves (dynamic routes through
 * their own getStaticPaths), so pages other parts of the site add later are listed too.
 */
import type { APIRoute } from 'astro';
import { buildSitemap, routePath } from '../lib/exports/sitemap.ts';
import { siteUrl } from '../lib/exports/source.ts';
import { textResponse } from '../lib/exports/respond.ts';

type PageModule = { getStaticPaths?: () => Promise<{ params: Record<string, string | number | undefined> }[]> | { params: Record<string, string | number | undefined> }[] };

const pageModules = import.meta.glob<PageModule>(['/src/pages/**/*.astro', '/src/pages/**/*.md']);

/** Not for search engines: the error and offline pages, the CMS, developer tools. */
const EXCLUDED = [/^\/src\/pages\/40\d\.astro$/, /\/offline\.astro$/, /^\/src\/pages\/50\d\.astro$/, /^\/src\/pages\/(admin|dev)\//, /\/_[^/]*/];

export const GET: APIRoute = async ({ site }) => {
  const base = siteUrl(site);
  const paths: string[] = [];
  for (const [file, load] of Object.entries(pageModules)) {
    if (EXCLUDED.some((pattern) => pattern.test(file))) continue;
    if (!file.includes('[')) {
      paths.push(routePath(file));
      continue;
    }
    const module = await load();
    const entries = (await module.getStaticPaths?.()) ?? [];
    for (const entry of entries) paths.push(routePath(file, entry.params));
  }
  return textResponse(buildSitemap(paths.map((path) => new URL(path, base).href)), 'application/xml; charset=utf-8');
};
