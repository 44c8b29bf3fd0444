/**
 * Which paths the site has, taken from what was built (issue 16): the files Astro wrote
 * into dist/, or, while the build is still rendering, the routes' own getStaticPaths
 * (src/lib/health/route-paths.ts). Never a hand-kept copy of the routes: a page that is
 * not built does not exist, in any language.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function normalisePath(path: string): string {
  let clean = path.split(/[?#]/)[0];
  try {
    clean = decodeURI(clean);
  } catch {
    // Keep it as written; a malformed escape simply will not match.
  }
  return clean.replace(/\/{2,}/g, '/');
}

/** The site path of a file in dist/ (or public/): `angebote/x/index.html` → `/angebote/x/`. */
export function sitePathOfFile(file: string): string {
  const path = `/${file.split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** Every path a built site at `dist` answers (pages as `/x/`, files as `/x.json`). */
export function builtPaths(dist: string): Set<string> {
  const paths = new Set<string>();
  if (!existsSync(dist)) return paths;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else paths.add(sitePathOfFile(relative(dist, path)));
    }
  };
  walk(dist);
  return paths;
}

/** `exists(path)` for links as editors write them: with or without the trailing slash, query and fragment ignored. */
export function pathIndex(paths: Iterable<string>): (path: string) => boolean {
  const known = new Set(paths);
  return (path: string) => {
    const clean = normalisePath(path);
    const candidates = /\.[a-z0-9]+$/i.test(clean) || clean.endsWith('/') ? [clean] : [clean, `${clean}/`];
    return candidates.some((c) => known.has(c));
  };
}
