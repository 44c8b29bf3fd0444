/**
 * Open data is readable from other sites' browsers: `Access-Control-Allow-Origin: *`
 * (an OParl requirement) on every export, from netlify.toml merged with dist/_headers the
 * way Netlify merges them; the HTML pages do not get it.
 */
import { describe, expect, it } from 'vitest';
import { headersFor } from '../../src/lib/headers-file.ts';
import { OPEN_DATA_CORS_PATHS } from '../../src/lib/exports/config.ts';
import { headerRules } from '../helpers/site-headers.ts';
import { DIST } from '../helpers/dist.ts';

describe('CORS for the open data', () => {
  const rules = headerRules(DIST);
  const header = (path: string) => headersFor(rules, path)['access-control-allow-origin'];

  it('covers every export path', () => {
    for (const pattern of OPEN_DATA_CORS_PATHS) expect(rules.some((r) => r.path === pattern && r.headers['Access-Control-Allow-Origin'] === '*'), pattern).toBe(true);
    for (const path of ['/api/hsds/index.json', '/api/hsds/services.json', '/oparl/system.json', '/oparl/list/meetings/1.json', '/termine.ics', '/netzwerke/netzwerk-sprache/termine.ics', '/aktuelles/feed.xml']) {
      expect(header(path), path).toBe('*');
    }
  });

  it('leaves the pages alone', () => {
    for (const path of ['/', '/daten/', '/termine/', '/netzwerke/netzwerk-sprache/']) expect(header(path), path).toBeUndefined();
  });
});
