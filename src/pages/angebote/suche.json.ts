/**
 * /angebote/suche.json: the finder's search data, built from the published offers only
 * (site-data applies drafts and `ends_on`), so an expired offer can never be found.
 */
import type { APIRoute } from 'astro';
import { getAudiences, getCategories, getNetworks, getOffers, getOrganisations } from '../../lib/site-data.ts';
import { buildSearchData } from '../../search/data.ts';

export const GET: APIRoute = async () => {
  const [offers, organisations, networks, categories, audiences] = await Promise.all([getOffers(), getOrganisations(), getNetworks(), getCategories(), getAudiences()]);
  const data = buildSearchData({ offers, organisations, networks, categories, audiences });
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
