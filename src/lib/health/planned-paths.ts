/**
 * The page set of the build that is running, as Astro itself lists it before it renders
 * the first page (every route's getStaticPaths, in every language). The function-data
 * integration records it (`astro:build:start`, wrapping Astro's prerenderer); the health
 * report rendered during the same build (/admin/zustand/, /admin/health.json) judges
 * internal links against it. Shared through globalThis: the integration and the
 * prerendered pages are bundled separately but run in one process.
 */
const KEY = Symbol.for('quartiersnetz.plannedPaths');

interface PlannedPath {
  pathname: string;
  route: { type: string };
}

/** Site paths as dist/ will hold them: pages with a trailing slash, the error page as /404.html. */
export function recordPlannedPaths(paths: readonly PlannedPath[]): void {
  const set = new Set<string>();
  for (const { pathname, route } of paths) {
    if (route.type !== 'page') set.add(pathname);
    else if (pathname === '/404' || pathname === '/404/') set.add('/404.html');
    else set.add(pathname.endsWith('/') ? pathname : `${pathname}/`);
  }
  (globalThis as Record<symbol, unknown>)[KEY] = set;
}

/** The paths of the running build, or undefined outside one (dev server, CLI). */
export function plannedPaths(): ReadonlySet<string> | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as ReadonlySet<string> | undefined;
}
