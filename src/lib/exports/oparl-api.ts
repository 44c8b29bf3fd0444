/**
 * OParl's list filters (`created_since`, `created_until`, `modified_since`,
 * `modified_until`), which a server "muss" support (OParl 1.1, "Filter"). Unfiltered lists
 * are the static pages of the build; a request with a filter is rewritten (netlify.toml)
 * to functions/oparl-api.ts, which answers it here from the same list items the build
 * paged, with the same `paginate`. Links to further pages keep the filters.
 */
import { OPARL_PAGE_SIZE } from './config.ts';
import { oparlPaths, paginate } from './oparl-paths.ts';
import { parseQueryInstant } from './query-time.ts';

type Json = Record<string, unknown>;

export const OPARL_FILTERS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;
export type OparlFilter = (typeof OPARL_FILTERS)[number];

/** What the build hands to the filter function: the site's address and every list's items. */
export interface OparlApiData {
  site: string;
  lists: Record<string, Json[]>;
}

/** Where the rewrites send filtered list requests. */
export const OPARL_QUERY_PATH = '/api/oparl/list/:list/:page';

/** The list and page of `/oparl/list/<list>/<page>.json` or of the function's own path. */
export function oparlListOfPath(pathname: string): { list: string; page: number } | undefined {
  const match = /^\/(?:api\/)?oparl\/list\/([a-z0-9-]+)\/([1-9][0-9]*)(?:\.json)?\/?$/.exec(pathname);
  return match ? { list: match[1], page: Number(match[2]) } : undefined;
}

function instant(filter: OparlFilter, raw: string): number {
  const time = parseQueryInstant(raw);
  if (time === undefined) {
    throw new RangeError(`Parameter ${filter}: „${raw}“ ist kein Zeitpunkt. Senden Sie Datum und Uhrzeit nach ISO 8601 mit Zeitzone, zum Beispiel ${filter}=2026-01-31T00:00:00%2B01:00.`);
  }
  return time;
}

function keep(item: Json, filter: OparlFilter, time: number): boolean {
  const value = Date.parse(String(filter.startsWith('created') ? item.created : item.modified));
  return filter.endsWith('_since') ? value >= time : value <= time;
}

export interface OparlAnswer {
  status: number;
  body: Json;
}

/** One page of a list, filtered by the query's OParl filters. */
export function queryOparlList(data: OparlApiData, list: string, page: number, params: URLSearchParams): OparlAnswer {
  const items = data.lists[list];
  if (!items) return { status: 404, body: { error: `Die Liste „${list}“ gibt es nicht. Alle Listen nennt die Körperschaft (Body).` } };
  let filters: { filter: OparlFilter; time: number }[];
  try {
    filters = OPARL_FILTERS.flatMap((filter) => {
      const raw = params.get(filter)?.trim();
      return raw ? [{ filter, time: instant(filter, raw) }] : [];
    });
  } catch (error) {
    return { status: 400, body: { error: (error as Error).message } };
  }
  const query = new URLSearchParams();
  for (const filter of OPARL_FILTERS) {
    const raw = params.get(filter)?.trim();
    if (raw) query.set(filter, raw);
  }
  const suffix = query.size ? `?${query}` : '';
  const url = (n: number) => `${new URL(oparlPaths.list(list, n), data.site).href}${suffix}`;
  const pages = paginate(
    items.filter((item) => filters.every(({ filter, time }) => keep(item, filter, time))),
    url,
    OPARL_PAGE_SIZE,
  );
  const answer = pages[page - 1];
  if (!answer) return { status: 404, body: { error: `Seite ${page} gibt es nicht: Die Liste hat mit diesen Filtern ${pages.length} Seite(n).` } };
  return { status: 200, body: answer };
}
