/**
 * The open data as clients meet it: the built site under `netlify serve --offline`
 * (real rewrites, headers and functions). HSDS is walked like Open Referral's validators,
 * OParl like an importer; then the query parameters must change the answers as the
 * standards say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../helpers/dist.ts';
import { inParallel, localFetcher, walkHsds, type HsdsWalk } from './hsds-walk.ts';
import { walkOparl, type OparlWalk } from './oparl-walk.ts';
import { netlifyServe } from '../helpers/netlify-serve.ts';

type Json = Record<string, any>;

let base: string;
let hsds: HsdsWalk;
let oparl: OparlWalk;

beforeAll(async () => {
  base = (await netlifyServe()).url;
  [hsds, oparl] = await Promise.all([walkHsds(base), walkOparl(base)]);
}, 300_000);

describe('HSDS 3.0 API under netlify serve, walked like the Open Referral validators', () => {
  it('finds the API at /api/hsds/ and every path of its OpenAPI file answers valid HSDS, on every page', () => {
    expect(hsds.problems).toEqual([]);
    const paths = Object.keys(hsds.openapi.paths).sort();
    expect(paths).toEqual(['/', '/organizations', '/organizations/{id}', '/service_at_locations', '/service_at_locations/{id}', '/services', '/services/{id}', '/taxonomies', '/taxonomies/{id}', '/taxonomy_terms', '/taxonomy_terms/{id}']);
    for (const path of paths.filter((p) => p !== '/' && !p.includes('{'))) expect(hsds.lists[path].length, path).toBeGreaterThan(2);
    for (const path of paths.filter((p) => p.includes('{'))) expect(hsds.details[path].size, path).toBe(hsds.lists[path.replace('/{id}', '')].length);
  });

  const list = async (query: string) => {
    const { get } = localFetcher(base);
    const answer = await get(`${base}/api/hsds/services?${query}`);
    expect(answer.status, `${query}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body as Json;
  };
  const ids = (page: Json) => page.contents.map((item: Json) => item.id);

  it('pages as asked: page and per_page select the slice, past the end comes an empty page', async () => {
    const all = await list('per_page=500');
    expect(all.total_items).toBe(hsds.lists['/services'].length);
    const second = await list('page=2&per_page=5');
    expect(ids(second)).toEqual(ids(all).slice(5, 10));
    expect(second).toMatchObject({ page_number: 2, size: 5, total_pages: Math.ceil(all.total_items / 5), first_page: false, last_page: false, empty: false });
    const beyond = await list(`page=${all.total_items + 1}&per_page=1`);
    expect(beyond).toMatchObject({ empty: true, size: 0, contents: [], last_page: true });
    // Without per_page a validator's ?page=1 gets the default page size.
    expect((await list('page=1')).contents).toHaveLength(Math.min(50, all.total_items));
  });

  it('modified_after returns what was modified on or after the time: nothing for the future, everything for the past, the later part in between', async () => {
    const services = hsds.lists['/services'];
    expect((await list('modified_after=2999-01-01T00:00:00Z')).total_items).toBe(0);
    expect((await list('modified_after=2000-01-01T00:00:00Z&per_page=500')).total_items).toBe(services.length);
    const times = [...new Set(services.map((s) => Date.parse(s.last_modified)))].sort((a, b) => a - b);
    expect(times.length, 'the sample offers were changed at different times').toBeGreaterThan(1);
    const cut = times[Math.floor(times.length / 2)];
    const after = await list(`modified_after=${encodeURIComponent(new Date(cut).toISOString())}&per_page=500`);
    const expected = services.filter((s) => Date.parse(s.last_modified) >= cut).map((s) => s.id);
    expect(ids(after).sort()).toEqual(expected.sort());
    expect(after.total_items).toBeLessThan(services.length);
  });

  it('organization_id and taxonomy_term_id keep exactly the matching services', async () => {
    const services = hsds.lists['/services'];
    const counts = new Map<string, number>();
    for (const s of services) counts.set(s.organization_id, (counts.get(s.organization_id) ?? 0) + 1);
    const [organization] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const byOrganization = await list(`organization_id=${organization}&per_page=500`);
    expect(byOrganization.total_items).toBe(counts.get(organization));
    expect(byOrganization.contents.every((s: Json) => s.organization_id === organization)).toBe(true);

    const details = [...hsds.details['/services/{id}'].values()];
    const term = details[0].attributes[0].taxonomy_term_id;
    const withTerm = details.filter((d) => d.attributes.some((a: Json) => a.taxonomy_term_id === term)).map((d) => d.id);
    const byTerm = await list(`taxonomy_term_id=${term}&per_page=500`);
    expect(ids(byTerm).sort()).toEqual(withTerm.sort());
    expect(byTerm.total_items).toBeLessThan(services.length);
  });

  it('search finds words regardless of case and umlaut spelling', async () => {
    const found = await list('search=sprache&per_page=500');
    expect(found.total_items).toBeGreaterThan(0);
    expect(found.total_items).toBeLessThan(hsds.lists['/services'].length);
    expect(ids(await list('search=SPRACHE&per_page=500'))).toEqual(ids(found));
    const umlaut = await list('search=f%C3%BCr&per_page=500');
    expect(ids(await list('search=fuer&per_page=500'))).toEqual(ids(umlaut));
  });

  it('refuses an unreadable parameter with 400 and a message naming it', async () => {
    const { get } = localFetcher(base);
    for (const [query, name] of [['per_page=0', 'per_page'], ['page=zwei', 'page'], ['modified_after=gestern', 'modified_after']]) {
      const answer = await get(`${base}/api/hsds/services?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error).toContain(`Parameter ${name}`);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('keeps the .json addresses of the static export', async () => {
    const { get } = localFetcher(base);
    for (const path of ['/api/hsds/index.json', '/api/hsds/services.json', '/api/hsds/organizations.json']) {
      const answer = await get(`${base}${path}`);
      expect(answer.status, path).toBe(200);
    }
    const first = hsds.lists['/services'][0];
    expect((await get(`${base}/api/hsds/services/${first.id}.json`)).body).toEqual(hsds.details['/services/{id}'].get(first.id));
  });
});

describe('OParl 1.1 under netlify serve, walked like an importer', () => {
  it('starts at /oparl/ and every link resolves to an object of the right type, valid against the schemas', () => {
    expect(oparl.problems).toEqual([]);
    const types = new Set([...oparl.objects.values()].map((o) => String(o.type).split('/').pop()));
    expect([...types].sort()).toEqual(['AgendaItem', 'Body', 'File', 'LegislativeTerm', 'Location', 'Meeting', 'Organization', 'System']);
  });

  it('serves every downloadUrl as an attachment (checked in the walk) and has downloads to check', () => {
    expect(oparl.downloads).toBeGreaterThan(5);
  });

  it('answers /oparl too', async () => {
    const { get } = localFetcher(base);
    const answer = await get(`${base}/oparl`);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('https://schema.oparl.org/1.1/System');
  });

  it('honours modified_since, created_since, modified_until and created_until on the lists', async () => {
    const origin = new URL(String([...oparl.objects.keys()][0])).origin;
    const { get } = localFetcher(base, origin);
    const lists = Object.entries(oparl.bodyLists);
    expect(lists.length).toBeGreaterThanOrEqual(8);
    // Every list: a modified_since in the future leaves nothing (what an importer asks after an update).
    const future = await inParallel(lists, ([, url]) => get(`${url}?modified_since=2999-01-01T00:00:00%2B01:00`));
    for (const [index, answer] of future.entries()) {
      expect(answer.status, lists[index][0]).toBe(200);
      expect(answer.body.data, `${lists[index][0]}: modified_since in the future`).toEqual([]);
      expect(answer.body.pagination.totalElements).toBe(0);
    }
    // The other three filters, on the lists with the most objects.
    for (const field of ['meeting', 'file']) {
      const url = oparl.bodyLists[field];
      const total = (await get(url)).body.pagination.totalElements;
      expect(total, field).toBeGreaterThan(0);
      const [since, until, before] = await inParallel(['created_since=2000-01-01T00:00:00Z', 'modified_until=2999-01-01T00:00:00Z', 'created_until=2000-01-01T00:00:00Z'], (query) => get(`${url}?${query}`));
      expect(since.body.pagination.totalElements, `${field}: created_since in the past`).toBe(total);
      expect(until.body.pagination.totalElements, `${field}: modified_until in the future`).toBe(total);
      expect(before.body.pagination.totalElements, `${field}: created_until in the past`).toBe(0);
    }
  });

  it('keeps the filter in the links of a filtered list and pages it', async () => {
    const origin = new URL(String([...oparl.objects.keys()][0])).origin;
    const { get } = localFetcher(base, origin);
    const meetings = [...oparl.objects.values()].filter((o) => o.type === 'https://schema.oparl.org/1.1/AgendaItem');
    const times = [...new Set(meetings.map((m) => Date.parse(m.modified)))].sort((a, b) => a - b);
    const since = new Date(times[0]).toISOString();
    const first = await get(`${oparl.bodyLists.agendaItem}?modified_since=${encodeURIComponent(since)}`);
    expect(first.body.pagination.totalElements).toBe(meetings.length);
    expect(first.body.links.next, 'agenda items fill more than one page').toMatch(/modified_since=/);
    const second = await get(first.body.links.next);
    expect(second.status).toBe(200);
    expect(second.body.pagination.currentPage).toBe(2);
  });

  it('refuses an unreadable filter with 400 and a message naming it', async () => {
    const origin = new URL(String([...oparl.objects.keys()][0])).origin;
    const { get } = localFetcher(base, origin);
    const answer = await get(`${oparl.bodyLists.meeting}?modified_since=letzte-Woche`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('Parameter modified_since');
  });
});

describe('/daten/ for developers', () => {
  const page = readFileSync(join(DIST, 'daten/index.html'), 'utf8');
  const documented = [...page.matchAll(/<dt[^>]*><code[^>]*>GET ([^<]+)<\/code>/g)].map((m) => m[1]);
  const examples = [...page.matchAll(/Beispiel: <code[^>]*>([^<]+)<\/code>/g)].map((m) => m[1].replaceAll('&amp;', '&'));

  it('documents every path of the OpenAPI file and the OParl entry, lists and downloads', () => {
    for (const path of Object.keys(hsds.openapi.paths)) expect(documented, path).toContain(`/api/hsds${path}`);
    for (const path of ['/oparl/', '/oparl/list/{list}/1.json', '/oparl/download/{key}/{file}']) expect(documented, path).toContain(path);
    expect(examples).toHaveLength(documented.length);
  });

  it('gives example requests that answer 200 from the served site', async () => {
    const origin = new URL(examples[0]).origin;
    const { get } = localFetcher(base, origin);
    const answers = await inParallel(examples, (example) => get(example));
    for (const [index, answer] of answers.entries()) expect(answer.status, examples[index]).toBe(200);
    const filtered = answers[examples.findIndex((e) => e.includes('/api/hsds/services?'))].body;
    expect(filtered.total_items, 'the services example finds something').toBeGreaterThan(0);
  });
});
