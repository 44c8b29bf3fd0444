/**
 * Walks a served HSDS 3.0 API the way Open Referral's validators do: discovery at
 * `/api/hsds/`, the OpenAPI file its `openapi_url` names, then every path in that file:
 * each list with `?page=1`, then every page of a small page size (first, middle, last,
 * and one past the end), each `/{id}` with the ids the lists gave. Every answer is checked
 * for status, JSON type and CORS, and validated against the schema the OpenAPI file names
 * for it (the HSDS 3.0 schemas in ../shared/standards). Returns problems, not assertions,
 * so a test shows all of them at once.
 */
import { hsdsProblems, hsdsSchemaFor } from './standards.ts';

type Json = Record<string, any>;

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

/** Fetches `url` from the local server; `origin` (the site's public address in ids) is mapped to it. */
export function localFetcher(base: string, origin?: string) {
  let requests = 0;
  const local = (url: string) => (origin && url.startsWith(origin) ? `${base}${url.slice(origin.length)}` : url);
  const get = async (url: string, init?: RequestInit): Promise<Answer & { raw: Response }> => {
    requests++;
    const response = await fetch(local(url), { redirect: 'manual', ...init });
    const text = await response.text();
    let body: Json = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { unparsed: text.slice(0, 200) };
    }
    return { status: response.status, headers: response.headers, body, raw: response };
  };
  return { get, local, requests: () => requests };
}

/** Runs `task` over `items`, a few at a time (the local server shares two cores), keeping the order. */
export async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>, limit = 4): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Status 200, `application/json`, readable from other sites. */
export function answerProblems(answer: Answer, where: string): string[] {
  const problems: string[] = [];
  if (answer.status !== 200) problems.push(`${where}: status ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  if (!/^application\/json\b/.test(answer.headers.get('content-type') ?? '')) problems.push(`${where}: content-type ${answer.headers.get('content-type')}`);
  if (answer.headers.get('access-control-allow-origin') !== '*') problems.push(`${where}: no Access-Control-Allow-Origin: *`);
  return problems;
}

export interface HsdsWalk {
  problems: string[];
  openapi: Json;
  /** Every list's items in full (all pages), by OpenAPI path (`/services`). */
  lists: Record<string, Json[]>;
  /** Every detail answer, by OpenAPI path and id. */
  details: Record<string, Map<string, Json>>;
  requests: number;
}

const PAGE_FIELDS = ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'];

export async function walkHsds(base: string): Promise<HsdsWalk> {
  const problems: string[] = [];
  const lists: Record<string, Json[]> = {};
  const details: Record<string, Map<string, Json>> = {};
  const discovery = await fetch(`${base}/api/hsds/`).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as Json }));
  problems.push(...answerProblems(discovery, '/api/hsds/'));
  if (discovery.body.version !== '3.0') problems.push(`/api/hsds/: version ${discovery.body.version}`);
  const origin = new URL(String(discovery.body.openapi_url)).origin;
  const { get, requests } = localFetcher(base, origin);

  const openapiAnswer = await get(String(discovery.body.openapi_url));
  problems.push(...answerProblems(openapiAnswer, 'openapi_url'));
  const openapi = openapiAnswer.body;
  const server = String(openapi.servers?.[0]?.url ?? '');
  if (!server.startsWith(origin)) problems.push(`openapi servers[0].url ${server} is not on ${origin}`);

  const paths = Object.keys(openapi.paths ?? {});
  // Lists first: their ids feed the detail paths.
  for (const path of paths.filter((p) => p !== '/' && !p.includes('{'))) {
    const operation = openapi.paths[path].get;
    const itemRef = operation?.responses?.[200]?.content?.['application/json']?.schema?.properties?.contents?.items?.$ref;
    const validate = hsdsSchemaFor(String(itemRef));
    if (!validate) {
      problems.push(`${path}: no HSDS schema for list items (${itemRef})`);
      continue;
    }
    const checkPage = (answer: Answer, where: string) => {
      problems.push(...answerProblems(answer, where));
      for (const field of PAGE_FIELDS) if (!(field in answer.body)) problems.push(`${where}: page field ${field} missing`);
      (answer.body.contents ?? []).forEach((item: unknown, i: number) => problems.push(...hsdsProblems(validate, item, `${where} contents/${i}`)));
    };
    const first = await get(`${server}${path}?page=1`);
    checkPage(first, `${path}?page=1`);
    const total = Number(first.body.total_items);

    // A page size that gives at least three pages, so there is a middle one.
    const perPage = Math.max(1, Math.floor(total / 3));
    const pages = Math.max(1, Math.ceil(total / perPage));
    const items: Json[] = [];
    const numbers = Array.from({ length: pages + 1 }, (_, i) => i + 1);
    const answers = await inParallel(numbers, (page) => get(`${server}${path}?page=${page}&per_page=${perPage}`));
    for (const [index, answer] of answers.entries()) {
      const page = index + 1;
      const where = `${path}?page=${page}&per_page=${perPage}`;
      checkPage(answer, where);
      const b = answer.body;
      const expected = page <= pages ? Math.min(perPage, total - (page - 1) * perPage) : 0;
      const header = { total_items: total, total_pages: pages, page_number: page, size: expected, first_page: page === 1, last_page: page >= pages, empty: expected === 0 };
      for (const [field, value] of Object.entries(header)) if (b[field] !== value) problems.push(`${where}: ${field} is ${b[field]}, expected ${value}`);
      if ((b.contents ?? []).length !== expected) problems.push(`${where}: ${(b.contents ?? []).length} items, expected ${expected}`);
      items.push(...(b.contents ?? []));
    }
    const ids = items.map((item) => String(item.id));
    if (new Set(ids).size !== ids.length) problems.push(`${path}: the pages repeat items`);
    if (ids.length !== total) problems.push(`${path}: pages hold ${ids.length} items, total_items says ${total}`);
    const firstIds = (first.body.contents ?? []).map((item: Json) => String(item.id));
    if (JSON.stringify(firstIds) !== JSON.stringify(ids.slice(0, firstIds.length))) problems.push(`${path}: ?page=1 and the small pages disagree on the order`);
    lists[path] = items;
  }

  for (const path of paths.filter((p) => p.includes('{id}'))) {
    const listPath = path.replace('/{id}', '');
    const ref = openapi.paths[path].get?.responses?.[200]?.content?.['application/json']?.schema?.$ref;
    const validate = hsdsSchemaFor(String(ref));
    if (!validate) {
      problems.push(`${path}: no HSDS schema (${ref})`);
      continue;
    }
    const items = lists[listPath];
    if (!items?.length) {
      problems.push(`${path}: no ids (list ${listPath} empty or missing)`);
      continue;
    }
    details[path] = new Map();
    const answers = await inParallel(items, (item) => get(`${server}${path.replace('{id}', String(item.id))}`));
    for (const [index, answer] of answers.entries()) {
      const item = items[index];
      const where = path.replace('{id}', String(item.id));
      problems.push(...answerProblems(answer, where), ...hsdsProblems(validate, answer.body, where));
      if (answer.body.id !== item.id) problems.push(`${where}: id ${answer.body.id}`);
      details[path].set(String(item.id), answer.body);
    }
  }
  return { problems, openapi, lists, details, requests: requests() + 1 };
}
