/** The sitemap protocol (sitemaps.org 0.9): one `<url>` per public page. */
import { escapeXml } from './xml.ts';

export function buildSitemap(urls: string[]): string {
  const unique = [...new Set(urls)].sort();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...unique.map((url) => `  <url><loc>${escapeXml(url)}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
}

/**
 * The concrete paths of a route file under src/pages (`angebote/[offer].astro` with
 * `{ offer: 'job-cafe' }` → `/angebote/job-cafe/`). Index files map to their folder.
 */
export function routePath(file: string, params: Record<string, string | number | undefined> = {}): string {
  const withoutExtension = file.replace(/^\/?src\/pages\//, '').replace(/\.(astro|md|mdx|html)$/, '');
  const segments = withoutExtension
    .split('/')
    .filter((segment) => segment !== 'index')
    .map((segment) =>
      segment.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
        const value = params[name];
        if (value === undefined) {
          if (rest) return '';
          throw new Error(`Route ${file}: no value for [${name}]`);
        }
        return String(value);
      }),
    )
    .filter(Boolean);
  return segments.length ? `/${segments.join('/')}/` : '/';
}
