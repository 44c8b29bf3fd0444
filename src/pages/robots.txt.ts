/** robots.txt with the sitemap's absolute address, which depends on where the site is deployed. */
import type { APIRoute } from 'astro';
import { siteUrl } from '../lib/exports/source.ts';
import { textResponse } from '../lib/exports/respond.ts';

export const GET: APIRoute = ({ site }) =>
  textResponse(['User-agent: *', 'Disallow: /admin/', '', `Sitemap: ${new URL('/sitemap.xml', siteUrl(site)).href}`, ''].join('\n'), 'text/plain; charset=utf-8');
