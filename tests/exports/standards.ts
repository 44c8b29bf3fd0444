/**
 * Validation of a built site's exports against the published standards in
 * ../shared/standards (see its README): HSDS 3.0 compiled schemas plus the `Page`
 * envelope from its OpenAPI description, and the OParl 1.1 schemas, with embedded
 * objects validated on their own by their `type`. Shared by the sample-content and the
 * 2,000-offer tests. Returns readable problems; an empty list means valid.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UUID_PATTERN } from '../../src/lib/exports/ids.ts';

// ../shared beside the project; QN_STANDARDS points elsewhere (a worktree whose parent has no shared/).
export const STANDARDS = process.env.QN_STANDARDS ?? join(process.cwd(), '..', 'shared', 'standards');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function newAjv() {
  // As the standards' README prescribes: both sets carry keywords of their own, and
  // OParl's patterns escape ':' which unicode mode rejects.
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
}

function describeErrors(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map((e) => `${where}${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
}

export function listFiles(dir: string, suffix = '.json'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

// --- HSDS ------------------------------------------------------------------------------

export interface HsdsValidators {
  service: ValidateFunction;
  organization: ValidateFunction;
  serviceList: ValidateFunction;
  organizationList: ValidateFunction;
  page: ValidateFunction;
}

let hsdsCache: HsdsValidators | undefined;

export function hsdsValidators(): HsdsValidators {
  if (hsdsCache) return hsdsCache;
  const ajv = newAjv();
  const dir = join(STANDARDS, 'hsds-3.0');
  const openapi = readJson(join(dir, 'openapi.json')) as { components: { schemas: { Page: Record<string, unknown> } } };
  hsdsCache = {
    service: ajv.compile(readJson(join(dir, 'service.json'))),
    organization: ajv.compile(readJson(join(dir, 'organization.json'))),
    serviceList: ajv.compile(readJson(join(dir, 'service_list.json'))),
    organizationList: ajv.compile(readJson(join(dir, 'organization_list.json'))),
    // The API reference: a list "must include" every header field, then `contents`.
    page: ajv.compile({
      allOf: [openapi.components.schemas.Page],
      required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
      properties: { contents: { type: 'array' } },
    }),
  };
  return hsdsCache;
}

const HSDS_SCHEMA_PREFIX = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
let hsdsByRef: Map<string, ValidateFunction> | undefined;

/**
 * The validator for a schema URL as the OpenAPI files name them (`…/schema/compiled/service.json`).
 * The shared folder holds the compiled schemas; `taxonomy.json` and `taxonomy_term.json`
 * are taken from where the compiled service schema embeds them (an attribute's
 * `taxonomy_term` and its `taxonomy_detail`), and `service_at_location_list.json` (the
 * one-to-one fields) is checked against the full `service_at_location.json`, whose
 * fields it is a subset of.
 */
export function hsdsSchemaFor(ref: string): ValidateFunction | undefined {
  if (!hsdsByRef) {
    const ajv = newAjv();
    const dir = join(STANDARDS, 'hsds-3.0');
    const file = (name: string) => readJson(join(dir, name));
    const service = file('service.json') as { properties: { attributes: { items: { properties: { taxonomy_term: { properties: { taxonomy_detail: Record<string, unknown> } } } } } } };
    const term = service.properties.attributes.items.properties.taxonomy_term;
    const serviceAtLocation = ajv.compile(file('service_at_location.json'));
    hsdsByRef = new Map([
      ['compiled/service.json', hsdsValidators().service],
      ['compiled/service_list.json', hsdsValidators().serviceList],
      ['compiled/organization.json', hsdsValidators().organization],
      ['compiled/organization_list.json', hsdsValidators().organizationList],
      ['compiled/service_at_location.json', serviceAtLocation],
      ['compiled/service_at_location_list.json', serviceAtLocation],
      ['taxonomy_term.json', ajv.compile(term)],
      ['taxonomy.json', ajv.compile(term.properties.taxonomy_detail)],
    ]);
  }
  return ref.startsWith(HSDS_SCHEMA_PREFIX) ? hsdsByRef.get(ref.slice(HSDS_SCHEMA_PREFIX.length)) : undefined;
}

/** Problems of one HSDS answer against a schema: the schema's own errors, ids that are no UUID, e-mail fields. */
export function hsdsProblems(validate: ValidateFunction, data: unknown, where: string): string[] {
  const problems = validate(data) ? [] : describeErrors(validate, where);
  return [...problems, ...uuidProblems(data, where), ...emailKeys(data).map((p) => `${where}${p}: e-mail field exported`)];
}

/** Every `id` and `…_id` is a UUID (formats are not checked by the schema validation). */
function uuidProblems(value: unknown, where: string, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => uuidProblems(item, where, `${path}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const own = (key === 'id' || key.endsWith('_id')) && (typeof child !== 'string' || !UUID_PATTERN.test(child)) ? [`${where}${path}/${key}: not a UUID (${String(child)})`] : [];
    return [...own, ...uuidProblems(child, where, `${path}/${key}`)];
  });
}

/** Any key named like an e-mail field, anywhere: the export must publish none. */
export function emailKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => emailKeys(item, `${path}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [...(/e-?mail/i.test(key) ? [`${path}/${key}`] : []), ...emailKeys(child, `${path}/${key}`)]);
}

export interface HsdsReport {
  problems: string[];
  services: number;
  organizations: number;
  files: number;
}

export function validateHsdsDist(dist: string): HsdsReport {
  const v = hsdsValidators();
  const root = join(dist, 'api', 'hsds');
  const problems: string[] = [];
  const check = (validate: ValidateFunction, data: unknown, where: string) => {
    if (!validate(data)) problems.push(...describeErrors(validate, where));
    problems.push(...uuidProblems(data, where), ...emailKeys(data).map((p) => `${where}${p}: e-mail field exported`));
  };

  const index = readJson(join(root, 'index.json'));
  if (index.version !== '3.0' || typeof index.profile !== 'string' || typeof index.openapi_url !== 'string') problems.push(`index.json: ${JSON.stringify(index)}`);

  const lists = [
    { file: 'services.json', item: v.serviceList, detailDir: 'services', detail: v.service },
    { file: 'organizations.json', item: v.organizationList, detailDir: 'organizations', detail: v.organization },
  ];
  const counts: number[] = [];
  let files = 1;
  for (const list of lists) {
    const page = readJson(join(root, list.file)) as { contents: Record<string, unknown>[]; total_items: number; size: number; empty: boolean };
    files++;
    if (!v.page(page)) problems.push(...describeErrors(v.page, list.file));
    const contents = page.contents ?? [];
    contents.forEach((item, i) => check(list.item, item, `${list.file}/contents/${i}`));
    if (page.total_items !== contents.length || page.size !== contents.length || page.empty !== (contents.length === 0)) {
      problems.push(`${list.file}: pagination fields do not match ${contents.length} items`);
    }
    // One detail file per list item, named by its id, with the same id inside.
    const detailFiles = listFiles(join(root, list.detailDir));
    const ids = new Set(contents.map((item) => `${String(item.id)}.json`));
    const names = new Set(detailFiles.map((f) => relative(join(root, list.detailDir), f)));
    if (ids.size !== contents.length) problems.push(`${list.file}: duplicate ids`);
    for (const id of ids) if (!names.has(id)) problems.push(`${list.detailDir}/${id} missing`);
    for (const name of names) if (!ids.has(name)) problems.push(`${list.detailDir}/${name} is not in ${list.file}`);
    for (const file of detailFiles) {
      const data = readJson(file);
      const where = relative(root, file);
      check(list.detail, data, where);
      if (`${String(data.id)}.json` !== relative(join(root, list.detailDir), file)) problems.push(`${where}: id ${String(data.id)} does not match file name`);
      files++;
    }
    counts.push(contents.length);
  }
  return { problems, services: counts[0], organizations: counts[1], files };
}

// --- OParl -----------------------------------------------------------------------------

const OPARL_TYPES = ['System', 'Body', 'Organization', 'Person', 'Meeting', 'AgendaItem', 'File', 'Location', 'Paper', 'Consultation', 'LegislativeTerm', 'Membership'];
const OPARL_PREFIX = 'https://schema.oparl.org/1.1/';

let oparlCache: Map<string, ValidateFunction> | undefined;

export function oparlValidators(): Map<string, ValidateFunction> {
  if (oparlCache) return oparlCache;
  const ajv = newAjv();
  oparlCache = new Map(OPARL_TYPES.map((type) => [type, ajv.compile(readJson(join(STANDARDS, 'oparl-1.1', `${type}.json`)))]));
  return oparlCache;
}

/** Every OParl object in a value, the value itself included, with its JSON path. */
export function oparlObjects(value: unknown, path = ''): { path: string; object: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => oparlObjects(item, `${path}/${i}`));
  if (!value || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own = typeof object.type === 'string' && object.type.startsWith(OPARL_PREFIX) ? [{ path: path || '/', object }] : [];
  return [...own, ...Object.entries(object).flatMap(([key, child]) => oparlObjects(child, `${path}/${key}`))];
}

export interface OparlReport {
  problems: string[];
  objects: number;
  byType: Record<string, number>;
  files: number;
}

/**
 * Validates every file under dist/oparl: each object (embedded ones separately by their
 * `type`), `created`/`modified` on each, lists with `data`/`pagination`/`links`, and that
 * every object's `id` is served and every list link resolves.
 */
export function validateOparlDist(dist: string): OparlReport {
  const validators = oparlValidators();
  const root = join(dist, 'oparl');
  const system = readJson(join(root, 'system.json'));
  const base = String(system.id).replace(/oparl\/system\.json$/, '');
  const fileOf = (url: string) => (url.startsWith(base) ? join(dist, url.slice(base.length)) : undefined);
  const problems: string[] = [];
  const byType: Record<string, number> = {};
  let objects = 0;
  const files = listFiles(root);

  for (const file of files) {
    const where = relative(dist, file);
    const data = readJson(file);
    const isList = where.startsWith('oparl/list/');
    if (isList) {
      const page = data as { data?: unknown[]; pagination?: Record<string, number>; links?: Record<string, string> };
      if (!Array.isArray(page.data) || !page.pagination || !page.links) problems.push(`${where}: not a list page (data, pagination, links)`);
      const { totalPages = 0, currentPage = 0, totalElements = -1, elementsPerPage = 0 } = page.pagination ?? {};
      if (currentPage < totalPages && !page.links?.next) problems.push(`${where}: links.next missing before the last page`);
      if (currentPage === totalPages && page.links?.next) problems.push(`${where}: links.next on the last page`);
      if (currentPage < totalPages && page.data?.length !== elementsPerPage) problems.push(`${where}: a page before the last is not full`);
      if (totalElements < (page.data?.length ?? 0)) problems.push(`${where}: totalElements smaller than the page`);
      for (const [rel, url] of Object.entries(page.links ?? {})) {
        const target = fileOf(url);
        if (!target || !existsSync(target)) problems.push(`${where}: links.${rel} ${url} does not resolve`);
      }
      for (const [i, item] of (page.data ?? []).entries()) {
        const target = fileOf(String((item as { id?: string }).id));
        if (!target || !existsSync(target)) problems.push(`${where}/data/${i}: id ${(item as { id?: string }).id} is not served`);
        else if (JSON.stringify(readJson(target)) !== JSON.stringify(item)) problems.push(`${where}/data/${i}: differs from the object at its id`);
      }
    } else if (fileOf(String(data.id)) !== file) {
      problems.push(`${where}: id ${String(data.id)} does not point to this file`);
    }
    const found = oparlObjects(data);
    if (!isList && found[0]?.path !== '/') problems.push(`${where}: not an OParl object`);
    for (const { path, object } of found) {
      const type = String(object.type).slice(OPARL_PREFIX.length);
      const validate = validators.get(type);
      const at = `${where}${path === '/' ? '' : path}`;
      if (!validate) {
        problems.push(`${at}: unknown type ${String(object.type)}`);
        continue;
      }
      if (!validate(object)) problems.push(...describeErrors(validate, `${at} (${type})`));
      for (const field of ['created', 'modified']) {
        const value = object[field];
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(value)) problems.push(`${at}: ${field} missing or not a date-time (${String(value)})`);
      }
      if (Date.parse(String(object.created)) > Date.parse(String(object.modified))) problems.push(`${at}: created after modified`);
      problems.push(...emailKeys(object).map((p) => `${at}${p}: e-mail field exported`));
      byType[type] = (byType[type] ?? 0) + 1;
      objects++;
    }
  }
  return { problems, objects, byType, files: files.length };
}

/** All items of an OParl list, following `links.next` from its first page through the files. */
export function readOparlList(dist: string, firstPageUrl: string): Record<string, unknown>[] {
  const system = readJson(join(dist, 'oparl', 'system.json'));
  const base = String(system.id).replace(/oparl\/system\.json$/, '');
  const items: Record<string, unknown>[] = [];
  let url: string | undefined = firstPageUrl;
  const seen = new Set<string>();
  while (url && !seen.has(url)) {
    seen.add(url);
    const page = readJson(join(dist, url.slice(base.length))) as { data: Record<string, unknown>[]; links: { next?: string } };
    items.push(...page.data);
    url = page.links.next;
  }
  return items;
}
