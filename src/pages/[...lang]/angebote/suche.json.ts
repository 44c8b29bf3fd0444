/**
 * /angebote/suche.json (and /<lang>/angebote/suche.json): the finder's search data, built
 * from the published offers only (site-data applies drafts and `ends_on`), so an expired
 * offer can never be found. Each interface language gets its own file with the offers'
 * translated text besides the German, so each finder searches its own language and German.
 */
import type { APIRoute } from 'astro';
import { getAudiences, getCategories, getNetworks, getOffers, getOrganisations } from '../../../lib/site-data.ts';
import { buildSearchData } from '../../../search/data.ts';
import { getLang, languagePaths } from '../../../i18n/routing.ts';

export function getStaticPaths() {
  return languagePaths();
}

export const GET: APIRoute = async ({ params }) => {
  const [offers, organisations, networks, categories, audiences] = await Promise.all([getOffers(), getOrganisations(), getNetworks(), getCategories(), getAudiences()]);
  const data = buildSearchData({ offers, organisations, networks, categories, audiences }, getLang({ params }));
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
