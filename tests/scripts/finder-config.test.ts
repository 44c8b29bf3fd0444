/**
 * The finder's page-to-script data is checked where it enters the script
 * (src/scripts/finder/config.ts), and what the built finder pages hand over passes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FinderConfigError, parseFinderConfig, STRING_KEYS } from '../../src/scripts/finder/config.ts';
import { DIST } from '../helpers/dist.ts';

const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function builtConfig(path: string): unknown {
  const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
  const attribute = /<div id="finder"[^>]*\bdata-config="([^"]*)"/.exec(html)?.[1];
  if (!attribute) throw new Error(`${path}: no data-config on #finder`);
  return JSON.parse(decode(attribute));
}

const valid = () => ({
  searchUrl: '/angebote/suche.json',
  strings: Object.fromEntries(STRING_KEYS.map((key) => [key, `${key} {count}`])),
  map: { tiles: 'https://tile.example.org/{z}/{x}/{y}.png', attribution: '© example', center: [51.99, 7.6], zoom: 14 },
});

describe('finder page data', () => {
  it.each(['angebote', 'ar/angebote', 'tr/angebote'])('the built /%s/ hands over data the script accepts', (path) => {
    const config = parseFinderConfig(builtConfig(path));
    expect(config.searchUrl).toBe(`/${path}/suche.json`);
    expect(config.map.center).toHaveLength(2);
  });

  it('accepts complete data and names the first field that does not fit', () => {
    expect(parseFinderConfig(valid()).strings.offline).toBe('offline {count}');
    const withoutString = valid();
    delete (withoutString.strings as Record<string, string>).filterToggle;
    expect(() => parseFinderConfig(withoutString)).toThrow(new FinderConfigError('strings.filterToggle', 'must be a non-empty string'));
    expect(() => parseFinderConfig({ ...valid(), searchUrl: 'https://elsewhere.example.org/x.json' })).toThrow('data-config.searchUrl must be a path on this site');
    expect(() => parseFinderConfig({ ...valid(), map: { ...valid().map, center: [51.99] } })).toThrow('data-config.map.center must be [lat, lng]');
    expect(() => parseFinderConfig({ ...valid(), map: { ...valid().map, zoom: '14' } })).toThrow('data-config.map.zoom must be a number');
    expect(() => parseFinderConfig(null)).toThrow(FinderConfigError);
  });
});
