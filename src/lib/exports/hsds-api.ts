/**
 * The HSDS 3.0 API at the paths the spec names (`/services`, `/organizations`, ...):
 * which resources exist, which query parameters each honours, how a list is paged and
 * filtered, and the OpenAPI file that describes exactly that. One table feeds all four
 * users: the static pages of the build, the data the build hands to the functions, the
 * list function (functions/hsds-api.ts) and the OpenAPI file, so they cannot disagree.
 *
 * Pure and free of Astro: the function bundles it.
 */
import { fold } from '../../search/normalize.ts';
import { HSDS_VERSION } from './config.ts';
import { parseQueryInstant } from './query-time.ts';

type Json = Record<string, unknown>;

/** Where the spec keeps its schemas (tag 3.0); our OpenAPI file points there for the shapes. */
export const HSDS_SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

export const HSDS_API_PATH = '/api/hsds';
export const HSDS_OPENAPI_PATH = `${HSDS_API_PATH}/openapi.json`;

/** Validators ask for `?page=1` without `per_page`; 50 keeps an answer small on a phone. */
export const HSDS_DEFAULT_PER_PAGE = 50;
/** Enough for a directory to copy everything in a few requests, small enough for a function's answer. */
export const HSDS_MAX_PER_PAGE = 500;

/** The list filters of the spec this site can answer truthfully (see `HSDS_RESOURCES`). */
export const HSDS_FILTERS = ['search', 'organization_id', 'taxonomy_term_id', 'taxonomy_id', 'modified_after'] as const;
export type HsdsFilter = (typeof HSDS_FILTERS)[number];

export const HSDS_RESOURCE_NAMES = ['services', 'organizations', 'taxonomies', 'taxonomy_terms', 'service_at_locations'] as const;
export type HsdsResourceName = (typeof HSDS_RESOURCE_NAMES)[number];

export interface HsdsResource {
  name: HsdsResourceName;
  /** German, for /daten/ and the OpenAPI file. */
  summary: string;
  detailSummary: string;
  /** The query filters this list honours, in the spec's order. */
  filters: readonly HsdsFilter[];
  /** Schema of a list item and of the `/{id}` answer, relative to `HSDS_SCHEMA_BASE`. */
  itemSchema: string;
  detailSchema: string;
}

/**
 * The five resources. Filters are those the spec names for each list where the data
 * has the fact: organisations have no modification-time field in HSDS's list shape and
 * belong to no taxonomy term an offer filter would mean, so they are searched only.
 */
export const HSDS_RESOURCES: Record<HsdsResourceName, HsdsResource> = {
  services: {
    name: 'services',
    summary: 'Angebote (Liste, mit Seiten und Filtern)',
    detailSummary: 'Ein Angebot mit allen Angaben: Ort, Zeiten, Sprachen, Kosten, Themen',
    filters: ['search', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after'],
    itemSchema: 'compiled/service_list.json',
    detailSchema: 'compiled/service.json',
  },
  organizations: {
    name: 'organizations',
    summary: 'Organisationen (Liste, mit Seiten und Suche)',
    detailSummary: 'Eine Organisation mit Adresse, Telefon, Funktionen und ihren Angeboten',
    filters: ['search'],
    itemSchema: 'compiled/organization_list.json',
    detailSchema: 'compiled/organization.json',
  },
  taxonomies: {
    name: 'taxonomies',
    summary: 'Begriffslisten: Themen, Zielgruppen, Merkmale, Arten von Organisationen',
    detailSummary: 'Eine Begriffsliste',
    filters: ['search'],
    itemSchema: 'taxonomy.json',
    detailSchema: 'taxonomy.json',
  },
  taxonomy_terms: {
    name: 'taxonomy_terms',
    summary: 'Begriffe aller Begriffslisten (Liste, filterbar nach Begriffsliste)',
    detailSummary: 'Ein Begriff',
    filters: ['search', 'taxonomy_id'],
    itemSchema: 'taxonomy_term.json',
    detailSchema: 'taxonomy_term.json',
  },
  service_at_locations: {
    name: 'service_at_locations',
    summary: 'Angebote an ihrem Ort (Liste, mit Seiten und Filtern)',
    detailSummary: 'Ein Angebot an seinem Ort, mit Adresse, Barrierefreiheit und dem Angebot',
    filters: ['search', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after'],
    itemSchema: 'compiled/service_at_location_list.json',
    // The spec's OpenAPI names compiled/service.json here, although its own description
    // says "fully nested service_at_location": we serve and describe the latter.
    detailSchema: 'compiled/service_at_location.json',
  },
};

/** One list item with the facts its filters read (computed by the build, never by a function). */
export interface HsdsRecord {
  item: Json;
  organization_id?: string;
  /** ISO date-time of the last change, for `modified_after`. */
  modified?: string;
  taxonomy_term_ids?: string[];
  taxonomy_ids?: string[];
  /** Folded text (`fold`) that `search` looks in. */
  text: string;
}

/** What the build hands to the list function: every list, in its order. */
export type HsdsApiData = Record<HsdsResourceName, HsdsRecord[]>;

export function searchableText(...parts: (string | undefined)[]): string {
  return fold(parts.filter(Boolean).join(' '));
}

/** HSDS's `Page` envelope. Beyond the last page the answer is an empty page, not an error. */
export function hsdsPage(items: Json[], page = 1, perPage = Math.max(items.length, 1)): Json {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const contents = items.slice((page - 1) * perPage, page * perPage);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export interface HsdsAnswer {
  status: number;
  body: Json;
}

/** A query the API cannot answer: 400 with a message that names the parameter and what to send. */
export class HsdsQueryError extends Error {}

const INTEGER = /^[1-9][0-9]{0,8}$/;
function positiveInteger(params: URLSearchParams, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!INTEGER.test(raw) || Number(raw) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'ab 1' : `von 1 bis ${max}`;
    throw new HsdsQueryError(`Parameter ${name}: „${raw}“ ist keine ganze Zahl ${range}. Beispiel: ${name}=2`);
  }
  return Number(raw);
}

function modifiedAfter(raw: string): number {
  const time = parseQueryInstant(raw);
  if (time === undefined) {
    throw new HsdsQueryError(`Parameter modified_after: „${raw}“ ist kein Zeitpunkt. Senden Sie ein Datum mit Uhrzeit nach ISO 8601, zum Beispiel modified_after=2026-01-31T00:00:00Z.`);
  }
  return time;
}

function matches(record: HsdsRecord, filter: HsdsFilter, value: string): boolean {
  switch (filter) {
    case 'search': {
      const words = fold(value).split(/\s+/).filter(Boolean);
      return words.every((word) => record.text.includes(word));
    }
    case 'organization_id':
      return record.organization_id === value;
    case 'taxonomy_term_id':
      return record.taxonomy_term_ids?.includes(value) ?? false;
    case 'taxonomy_id':
      return record.taxonomy_ids?.includes(value) ?? false;
    case 'modified_after':
      // "on or after this datetime" (spec); `value` is already milliseconds here.
      return record.modified !== undefined && Date.parse(record.modified) >= Number(value);
  }
}

/**
 * Answers `GET /api/hsds/<resource>?…`: filters the list, then pages it. Parameters the
 * resource does not know are ignored, as HTTP APIs usually do; known ones with a value
 * that cannot be read are refused with 400.
 */
export function queryHsdsList(data: HsdsApiData, resource: HsdsResourceName, params: URLSearchParams): HsdsAnswer {
  try {
    const page = positiveInteger(params, 'page', 1);
    const perPage = positiveInteger(params, 'per_page', HSDS_DEFAULT_PER_PAGE, HSDS_MAX_PER_PAGE);
    const active = HSDS_RESOURCES[resource].filters.flatMap((filter) => {
      const value = params.get(filter)?.trim();
      if (!value) return [];
      return [{ filter, value: filter === 'modified_after' ? String(modifiedAfter(value)) : value }];
    });
    const items = data[resource].filter((record) => active.every(({ filter, value }) => matches(record, filter, value))).map((record) => record.item);
    return { status: 200, body: hsdsPage(items, page, perPage) };
  } catch (error) {
    if (error instanceof HsdsQueryError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}

/** The resource a list path names (`/api/hsds/services`, with or without a trailing slash). */
export function hsdsResourceOfPath(pathname: string): HsdsResourceName | undefined {
  const name = new RegExp(`^${HSDS_API_PATH}/([a-z_]+)/?$`).exec(pathname)?.[1];
  return HSDS_RESOURCE_NAMES.find((resource) => resource === name);
}

/** The `/` answer: which HSDS this is, its profile, and this site's OpenAPI file. */
export function hsdsIndex(site: URL): Json {
  return {
    version: HSDS_VERSION,
    profile: new URL('/daten/#hsds', site).href,
    openapi_url: new URL(HSDS_OPENAPI_PATH, site).href,
  };
}

// --- OpenAPI ----------------------------------------------------------------------

/** The spec's `Page` schema, field for field (checked against the spec's openapi.json in a test). */
const PAGE_SCHEMA = {
  type: 'object',
  properties: {
    total_items: { type: 'integer', description: 'Count of total results.' },
    total_pages: { type: 'integer', description: 'Count of total pages.' },
    page_number: { type: 'integer', description: 'Current page number.' },
    size: { type: 'integer', description: 'Size of current page.' },
    first_page: { type: 'boolean', description: 'Is this page the first page.' },
    last_page: { type: 'boolean', description: 'Is this page the last page.' },
    empty: { type: 'boolean', description: 'Is this page empty.' },
  },
};

const PARAMETERS: Record<string, Json> = {
  search: { name: 'search', in: 'query', required: false, description: 'Volltextsuche: alle Wörter müssen vorkommen (Groß- und Kleinschreibung und Umlaute egal).', schema: { type: 'string' } },
  page: { name: 'page', in: 'query', required: false, description: 'Seitennummer, ab 1. Hinter der letzten Seite kommt eine leere Seite.', schema: { type: 'integer' } },
  per_page: { name: 'per_page', in: 'query', required: false, description: `Einträge je Seite, 1 bis ${HSDS_MAX_PER_PAGE}; ohne Angabe ${HSDS_DEFAULT_PER_PAGE}.`, schema: { type: 'integer' } },
  taxonomy_term_id: { name: 'taxonomy_term_id', in: 'query', required: false, description: 'Nur Einträge mit diesem Begriff (id aus /taxonomy_terms).', schema: { type: 'string' } },
  taxonomy_id: { name: 'taxonomy_id', in: 'query', required: false, description: 'Nur Einträge mit einem Begriff aus dieser Begriffsliste (id aus /taxonomies).', schema: { type: 'string' } },
  organization_id: { name: 'organization_id', in: 'query', required: false, description: 'Nur Angebote dieser Organisation (id aus /organizations).', schema: { type: 'string' } },
  modified_after: { name: 'modified_after', in: 'query', required: false, description: 'Nur Einträge, die zu diesem Zeitpunkt oder danach geändert wurden (ISO 8601).', schema: { type: 'string', format: 'datetime' } },
};

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const jsonContent = (schema: Json) => ({ 'application/json': { schema } });
const ERROR_RESPONSE = {
  description: 'Ein Parameter ist nicht lesbar; `error` sagt, welcher und was zu senden ist.',
  content: jsonContent({ type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }),
};

export interface OpenApiInfo {
  site: URL;
  title: string;
  contactName: string;
  licenseName: string;
  licenseUrl: string;
}

/** This site's OpenAPI description: exactly the paths, parameters and shapes it serves. */
export function hsdsOpenApi(info: OpenApiInfo): Json {
  const paths: Record<string, Json> = {
    '/': {
      get: {
        operationId: 'getAPIMetaInformation',
        summary: 'Version, Profil und diese Beschreibung',
        responses: {
          200: {
            description: 'Angaben zur Schnittstelle',
            content: jsonContent({
              type: 'object',
              properties: {
                version: { type: 'string', description: 'HSDS version of this API.' },
                profile: { type: 'string', format: 'uri', description: 'URL of the information on the HSDS profile of this API.' },
                openapi_url: { type: 'string', format: 'uri', description: 'URL of the openapi JSON file which defines this API.' },
              },
            }),
          },
        },
      },
    },
  };
  for (const resource of Object.values(HSDS_RESOURCES)) {
    paths[`/${resource.name}`] = {
      get: {
        summary: resource.summary,
        parameters: [...resource.filters.filter((f) => f === 'search').map(ref), ref('page'), ref('per_page'), ...resource.filters.filter((f) => f !== 'search').map(ref)],
        responses: {
          200: {
            description: resource.summary,
            content: jsonContent({
              properties: { contents: { type: 'array', items: { $ref: `${HSDS_SCHEMA_BASE}${resource.itemSchema}` } } },
              allOf: [{ $ref: '#/components/schemas/Page' }],
            }),
          },
          400: ERROR_RESPONSE,
        },
      },
    };
    paths[`/${resource.name}/{id}`] = {
      parameters: [{ in: 'path', name: 'id', required: true, description: 'UUID aus der Liste.', schema: { type: 'string' } }],
      get: {
        summary: resource.detailSummary,
        responses: {
          200: { description: resource.detailSummary, content: jsonContent({ $ref: `${HSDS_SCHEMA_BASE}${resource.detailSchema}` }) },
          404: { description: 'Diese id gibt es nicht (mehr).' },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${info.title}: HSDS-Schnittstelle`,
      version: HSDS_VERSION,
      summary: 'Angebote und Organisationen nach Open Referral HSDS 3.0',
      description: `Nur lesend, ohne Anmeldung. Erklärt unter ${new URL('/daten/#hsds', info.site).href}.`,
      contact: { name: info.contactName, url: new URL('/kontakt/', info.site).href },
      license: { name: info.licenseName, url: info.licenseUrl },
    },
    servers: [{ url: new URL(HSDS_API_PATH, info.site).href }],
    paths,
    components: {
      schemas: { Page: PAGE_SCHEMA },
      parameters: Object.fromEntries(
        Object.entries(PARAMETERS).filter(([name]) => name === 'page' || name === 'per_page' || Object.values(HSDS_RESOURCES).some((r) => (r.filters as readonly string[]).includes(name))),
      ),
    },
  };
}
