/**
 * Facts the exports state that the content model has no field for. One place, so the
 * social office (or whoever reuses the site elsewhere) changes them once.
 */

/** Licence of all exported data and of the published documents. */
export const DATA_LICENSE = {
  name: 'Creative Commons Namensnennung 4.0 International (CC BY 4.0)',
  short: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** HSDS addresses need a state and an ISO 3166-1 country code; every address here is in Münster. */
export const STATE_PROVINCE = 'Nordrhein-Westfalen';
export const COUNTRY_CODE = 'DE';

/** The one OParl body: the partner networks of the district as a whole. */
export const OPARL_BODY_ID = 'quartiersnetz';

/** OParl recommends 10 to 100 entries per list page. */
export const OPARL_PAGE_SIZE = 25;

export const HSDS_VERSION = '3.0';

/**
 * Paths other sites' browsers read directly (OParl requires `Access-Control-Allow-Origin: *`;
 * HSDS clients, calendar and feed widgets need it too). Netlify `_headers` patterns.
 */
export const OPEN_DATA_CORS_PATHS = ['/api/hsds/*', '/oparl/*', '/termine.ics', '/netzwerke/:network/termine.ics', '/aktuelles/feed.xml'] as const;
