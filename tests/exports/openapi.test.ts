/**
 * The site's OpenAPI file (dist/api/hsds/openapi.json, made by hsdsOpenApi) against the
 * HSDS 3.0 spec's own openapi.json: the same paths, parameters the spec defines for each
 * path (same name, place and type), the spec's `Page` and the spec's response schemas.
 * And the function serves exactly the list paths the file names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { config as hsdsFunctionConfig } from '../../functions/hsds-api.ts';
import { HSDS_RESOURCE_NAMES, hsdsResourceOfPath } from '../../src/lib/exports/hsds-api.ts';
import { DIST } from '../helpers/dist.ts';
import { STANDARDS } from './standards.ts';

type Json = Record<string, any>;

const ours = JSON.parse(readFileSync(join(DIST, 'api/hsds/openapi.json'), 'utf8')) as Json;
const spec = JSON.parse(readFileSync(join(STANDARDS, 'hsds-3.0/openapi.json'), 'utf8')) as Json;
const index = JSON.parse(readFileSync(join(DIST, 'api/hsds/index.json'), 'utf8')) as Json;

/** A parameter with `$ref`s resolved against its own document. */
const resolve = (document: Json, parameter: Json): Json => (parameter.$ref ? { ...document.components.parameters[String(parameter.$ref).split('/').pop()!], ...parameter, $ref: undefined } : parameter);
const parametersOf = (document: Json, path: string): Json[] => [...(document.paths[path].parameters ?? []), ...(document.paths[path].get.parameters ?? [])].map((p: Json) => resolve(document, p));
const responseRef = (document: Json, path: string) => {
  const schema = document.paths[path].get.responses['200'].content['application/json'].schema;
  return schema.$ref ?? schema.properties?.contents?.items?.$ref;
};

describe('the OpenAPI file the site serves', () => {
  it('is the one index.json points to', () => {
    expect(new URL(index.openapi_url).pathname).toBe('/api/hsds/openapi.json');
    expect(ours.openapi).toBe(spec.openapi);
    expect(new URL(ours.servers[0].url).pathname).toBe('/api/hsds');
  });

  it('has exactly the spec’s paths', () => {
    expect(Object.keys(ours.paths).sort()).toEqual(Object.keys(spec.paths).sort());
  });

  it('names only parameters the spec defines for each path, with the same place and type', () => {
    for (const path of Object.keys(ours.paths)) {
      const theirs = new Map(parametersOf(spec, path).map((p) => [p.name, p]));
      for (const parameter of parametersOf(ours, path)) {
        const match = theirs.get(parameter.name);
        expect(match, `${path}: ${parameter.name} is not in the spec`).toBeDefined();
        expect({ in: parameter.in, type: parameter.schema.type, required: !!parameter.required }, `${path}: ${parameter.name}`).toEqual({ in: match!.in, type: match!.schema.type, required: !!match!.required });
      }
    }
  });

  it('answers with the spec’s schemas and the spec’s Page', () => {
    for (const path of Object.keys(ours.paths).filter((p) => p !== '/')) {
      // The spec's /service_at_locations/{id} names compiled/service.json though its own
      // text says "fully nested service_at_location": the one place we follow the text.
      const expected = path === '/service_at_locations/{id}' ? String(responseRef(spec, path)).replace('service.json', 'service_at_location.json') : responseRef(spec, path);
      expect(responseRef(ours, path), path).toBe(expected);
      if (!path.includes('{')) expect(ours.paths[path].get.responses['200'].content['application/json'].schema.allOf).toEqual([{ $ref: '#/components/schemas/Page' }]);
    }
    expect(ours.components.schemas.Page).toEqual(spec.components.schemas.Page);
    expect(ours.paths['/'].get.responses['200'].content['application/json'].schema).toEqual(spec.paths['/'].get.responses['200'].content['application/json'].schema);
  });

  it('lists the filters the function answers, and the function serves every list path of the file', () => {
    expect(ours.paths['/services'].get.parameters.map((p: Json) => String(p.$ref).split('/').pop()).sort()).toEqual(['modified_after', 'organization_id', 'page', 'per_page', 'search', 'taxonomy_id', 'taxonomy_term_id']);
    const listPaths = Object.keys(ours.paths).filter((p) => p !== '/' && !p.includes('{'));
    expect([hsdsFunctionConfig.path].flat().sort()).toEqual(listPaths.map((p) => `/api/hsds${p}`).sort());
    expect(listPaths.map((p) => hsdsResourceOfPath(`/api/hsds${p}`)).sort()).toEqual([...HSDS_RESOURCE_NAMES].sort());
  });
});
