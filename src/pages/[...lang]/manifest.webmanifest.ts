/**
 * /manifest.webmanifest (and /<lang>/manifest.webmanifest): what a phone needs to install
 * the site like an app. One per interface language, so the installed app starts in the
 * visitor's language and direction; the icons are shared (public/icons/).
 */
import type { APIRoute } from 'astro';
import { getSettings } from '../../lib/site-data.ts';
import { getLanguage, useTranslations } from '../../i18n/index.ts';
import { getLang, languagePaths, localizePath } from '../../i18n/routing.ts';

export function getStaticPaths() {
  return languagePaths();
}



export const GET: APIRoute = async ({ params }) => {
  const lang = getLang({ params });
  const t = useTranslations(lang);
  const settings = await getSettings();
  // The installed app opens the finder: what residents use it for, and precached for offline use.
  const start = localizePath('/angebote/', lang);
  const manifest = {
    name: settings.title,
    short_name: settings.title.split(' ')[0],
    description: t('manifest.description'),
    lang,
    dir: getLanguage(lang).dir,
    id: localizePath('/', lang),
    start_url: start,
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b5c4a',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  return new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/manifest+json' } });
};
