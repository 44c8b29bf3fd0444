/**
 * The site's paths while the build is still rendering (for /admin/zustand/ and
 * /admin/health.json, which are rendered before dist/ is complete): every route file
 * under src/pages with the paths its own getStaticPaths returns, so in every language
 * exactly what Astro builds. Only usable inside Astro (import.meta.glob); after the build
 * src/lib/health/site-paths.ts reads dist/ instead.
 */
import { join } from 'node:path';
import { builtPaths } from './site-paths.ts';

interface RouteModule {
  getStaticPaths?: (options: Record<string, unknown>) => Promise<{ params: Record<string, string | number | undefined> }[]> | { params: Record<string, string | number | undefined> }[];
}

const ROUTES = import.meta.glob<RouteModule>('../../pages/**/*.{astro,md,ts,js}');

/** `../../pages/[...lang]/angebote/[offer].astro` → `{ pattern: '[...lang]/angebote/[offer]', page: true }`. */
function routeOf(key: string): { pattern: string; page: boolean } | undefined {
  const file = key.replace(/^\.\.\/\.\.\/pages\//, '');
  // Files and folders starting with `_` are not routes (Astro's rule).
  if (file.split('/').some((part) => part.startsWith('_')) || file.endsWith('.d.ts')) return undefined;
  const page = /\.(astro|md)$/.test(file);
  return { pattern: file.replace(/\.(astro|md|ts|js)$/, '').replace(/(^|\/)index$/, ''), page };
}

/** The path of a route pattern with its parameters filled in as Astro does (an empty rest parameter drops its segment). */
export function fillRoute(pattern: string, params: Record<string, string | number | undefined>, page: boolean): string {
  const filled = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest, name: string) => String(params[name] ?? ''));
  const path = `/${filled}`.replace(/\/{2,}/g, '/');
  if (!page) return path;
  // The error page is written as /404.html, not /404/ (what Netlify serves for unknown paths).
  if (path === '/404') return '/404.html';
  return path.endsWith('/') ? path : `${path}/`;
}

/** Every path the build writes: each route's static paths, plus the files in public/. */
export async function routePaths(root: string = process.cwd()): Promise<Set<string>> {
  // public/ is copied into dist/ as it is.
  const paths = builtPaths(join(root, 'public'));
  for (const [key, load] of Object.entries(ROUTES)) {
    const route = routeOf(key);
    if (!route) continue;
    if (!route.pattern.includes('[')) {
      paths.add(fillRoute(route.pattern, {}, route.page));
      continue;
    }
    const module = await load();
    const entries = (await module.getStaticPaths?.({ paginate: () => [], routePattern: route.pattern })) ?? [];
    for (const { params } of entries) paths.add(fillRoute(route.pattern, params, route.page));
  }
  return paths;
}
