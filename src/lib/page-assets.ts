/**
 * What a built page makes the browser load at once: its stylesheets and module scripts with
 * every module they import statically (dynamic `import()`s, like the finder's map, load only
 * on demand and are left out). Read from dist/ after the build: the service worker precaches
 * exactly this, and the transfer bench counts exactly this.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g;
const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"/g;
const INLINE_MODULE = /<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g;
// Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export … from "./a.js"`.
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/** Site paths (`/_astro/x.js`) of the modules `code` imports statically, resolved from `base`. */
function importsOf(code: string, base: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map((m) => posix.resolve(posix.dirname(base), m[1]));
}

/** Every site path the page at `page` (a request path like `/angebote/`) loads at once. */
export function pageAssets(dist: string, page: string): string[] {
  const file = join(dist, page.endsWith('/') ? `${page}index.html` : page);
  const html = readFileSync(file, 'utf8');
  const assets = new Set<string>();
  for (const m of html.matchAll(STYLESHEET)) assets.add(m[1]);
  const pending = [...[...html.matchAll(SCRIPT_SRC)].map((m) => m[1]), ...[...html.matchAll(INLINE_MODULE)].flatMap((m) => importsOf(m[1], page.endsWith('/') ? `${page}index.html` : page))];
  while (pending.length) {
    const path = pending.pop() as string;
    if (assets.has(path) || !path.startsWith('/')) continue;
    const target = join(dist, path);
    if (!existsSync(target)) continue;
    assets.add(path);
    pending.push(...importsOf(readFileSync(target, 'utf8'), path));
  }
  return [...assets].sort();
}
