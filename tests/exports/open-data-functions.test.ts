/**
 * The hand-over from the build to the open-data functions (generated/opendata.json) and
 * the handlers called directly: the function's records are the static files' records,
 * paging and filters follow the standards, bad parameters get a 400 that names them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import hsdsApi from '../../functions/hsds-api.ts';
import oparlApi from '../../functions/oparl-api.ts';
import { openData } from '../../functions/lib/opendata/data.ts';
import { HSDS_RESOURCE_NAMES, queryHsdsList } from '../../src/lib/exports/hsds-api.ts';
import { queryOparlList } from '../../src/lib/exports/oparl-api.ts';
import { parseQueryInstant } from '../../src/lib/exports/query-time.ts';
import { DIST } from '../helpers/dist.ts';
import { readOparlList } from './standards.ts';

type Json = Record<string, any>;
const readDist = (path: string) => JSON.parse(readFileSync(join(DIST, path), 'utf8')) as Json;
const data = openData();
const site = data.oparl.site.replace(/\/$/, '');

describe('generated/opendata.json, written by the build', () => {
  it('holds the same HSDS records as the static .json lists, in the same order', () => {
    for (const resource of HSDS_RESOURCE_NAMES) {
      expect(data.hsds[resource].map((r) => r.item), resource).toEqual(readDist(`api/hsds/${resource}.json`).contents);
    }
  });

  it('holds the same OParl list items as the static list pages', () => {
    const body = readDist('oparl/body/quartiersnetz.json');
    for (const field of ['organization', 'meeting', 'agendaItem', 'file', 'locationList', 'legislativeTermList']) {
      const key = /\/oparl\/list\/([^/]+)\/1\.json$/.exec(body[field])![1];
      expect(data.oparl.lists[key], field).toEqual(readOparlList(DIST, body[field]));
    }
  });
});

describe('functions/hsds-api.ts', () => {
  const call = async (path: string, init?: RequestInit) => {
    const response = await hsdsApi(new Request(`http://127.0.0.1${path}`, init));
    return { response, body: (await response.json()) as Json };
  };

  it('pages a list with JSON and CORS', async () => {
    const { response, body } = await call('/api/hsds/organizations?page=2&per_page=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({ page_number: 2, size: 5, total_items: data.hsds.organizations.length, first_page: false });
    expect(body.contents).toEqual(data.hsds.organizations.slice(5, 10).map((r) => r.item));
  });

  it('filters terms by taxonomy_id', async () => {
    const taxonomy = data.hsds.taxonomies[0].item.id;
    const { body } = await call(`/api/hsds/taxonomy_terms/?taxonomy_id=${taxonomy}&per_page=500`);
    expect(body.total_items).toBeGreaterThan(0);
    expect(body.total_items).toBeLessThan(data.hsds.taxonomy_terms.length);
    expect(body.contents.every((term: Json) => term.taxonomy_id === taxonomy)).toBe(true);
  });

  it('says which parameter is wrong and what to send', async () => {
    const { response, body } = await call('/api/hsds/services?per_page=100000');
    expect(response.status).toBe(400);
    expect(body.error).toBe('Parameter per_page: „100000“ ist keine ganze Zahl von 1 bis 500. Beispiel: per_page=2');
    expect((await call('/api/hsds/services?page=0')).body.error).toBe('Parameter page: „0“ ist keine ganze Zahl ab 1. Beispiel: page=2');
    expect((await call('/api/hsds/services?modified_after=31.01.2026')).body.error).toMatch(/^Parameter modified_after: „31\.01\.2026“ ist kein Zeitpunkt\. .*modified_after=2026-01-31T00:00:00Z/);
  });

  it('is read-only and knows only its lists', async () => {
    expect((await call('/api/hsds/services', { method: 'POST', body: '{}' })).response.status).toBe(405);
    expect((await call('/api/hsds/locations')).response.status).toBe(404);
  });
});

describe('functions/oparl-api.ts', () => {
  it('answers a filtered list at the address the importer asked for, with the filter kept in every link', async () => {
    const response = await oparlApi(new Request(`${site}/oparl/list/agenda-items/2.json?modified_since=2000-01-01T00:00:00%2B01:00`));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as Json;
    expect(body.pagination.currentPage).toBe(2);
    for (const rel of ['first', 'prev', 'self', 'last']) expect(body.links[rel], rel).toMatch(/\?modified_since=2000-01-01T00%3A00%3A00%2B01%3A00$/);
  });

  it('pages past the end and unknown lists with 404, an unreadable time with 400', () => {
    expect(queryOparlList(data.oparl, 'meetings', 99, new URLSearchParams()).status).toBe(404);
    expect(queryOparlList(data.oparl, 'committees', 1, new URLSearchParams()).status).toBe(404);
    const bad = queryOparlList(data.oparl, 'meetings', 1, new URLSearchParams('created_until=morgen'));
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringContaining('Parameter created_until: „morgen“ ist kein Zeitpunkt') } });
  });
});

describe('times in queries', () => {
  it('reads ISO 8601 with offset, Z or a bare date, and a + that arrived as a space', () => {
    expect(parseQueryInstant('2026-01-31T00:00:00+01:00')).toBe(Date.parse('2026-01-30T23:00:00Z'));
    expect(parseQueryInstant('2026-01-31T00:00:00 01:00')).toBe(Date.parse('2026-01-30T23:00:00Z'));
    expect(parseQueryInstant('2026-01-31')).toBe(Date.parse('2026-01-31T00:00:00Z'));
    expect(parseQueryInstant('2026-01-31T00:00:00Z')).toBe(Date.parse('2026-01-31T00:00:00Z'));
    for (const bad of ['gestern', '31.01.2026', '2026-13-45T00:00:00Z', '2026-01-31T00:00:00']) expect(parseQueryInstant(bad), bad).toBeUndefined();
  });

  it('modified_after on the records matches "on or after" exactly at the boundary', () => {
    const record = data.hsds.services[0];
    const at = new URLSearchParams({ modified_after: String(record.modified), per_page: '500' });
    const ids = (queryHsdsList(data.hsds, 'services', at).body.contents as Json[]).map((s) => s.id);
    expect(ids).toContain(record.item.id);
    const later = new URLSearchParams({ modified_after: new Date(Date.parse(String(record.modified)) + 1000).toISOString(), per_page: '500' });
    expect((queryHsdsList(data.hsds, 'services', later).body.contents as Json[]).map((s) => s.id)).not.toContain(record.item.id);
  });
});
