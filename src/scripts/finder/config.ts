/**
 * The data the finder page hands its script (one `data-config` attribute on #finder):
 * built by the page with `satisfies FinderConfig`, checked here when the script starts.
 * A page and a script from different deploys (a cached page, a stale bundle) would
 * otherwise fail somewhere deep inside; here they fail at once, with the field named,
 * and the page stays the plain list of every offer.
 */
import type { MapSettings } from './map-types.ts';

export const STRING_KEYS = [
  'countAll',
  'countNone',
  'countOne',
  'countMany',
  'loading',
  'loadError',
  'ignored',
  'queryChip',
  'remove',
  'showMap',
  'hideMap',
  'mapLoading',
  'mapError',
  'mapLabel',
  'mapOnline',
  'mapNoPlace',
  'printAll',
  'printSelection',
  'filterToggle',
  'offline',
] as const;

export type FinderStrings = Record<(typeof STRING_KEYS)[number], string>;

export interface FinderConfig {
  /** The language's search data, e.g. `/tr/angebote/suche.json`. */
  searchUrl: string;
  strings: FinderStrings;
  map: MapSettings;
}

export class FinderConfigError extends Error {
  constructor(field: string, problem: string) {
    super(`finder: data-config.${field} ${problem}`);
    this.name = 'FinderConfigError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function text(record: Record<string, unknown>, key: string, field: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw new FinderConfigError(field, 'must be a non-empty string');
  return value;
}

/** Checks raw page data (the parsed attribute) and returns it typed. */
export function parseFinderConfig(raw: unknown): FinderConfig {
  if (!isRecord(raw)) throw new FinderConfigError('', 'must be an object');
  const searchUrl = text(raw, 'searchUrl', 'searchUrl');
  if (!searchUrl.startsWith('/')) throw new FinderConfigError('searchUrl', 'must be a path on this site');
  if (!isRecord(raw.strings)) throw new FinderConfigError('strings', 'must be an object');
  const rawStrings = raw.strings;
  const strings = Object.fromEntries(STRING_KEYS.map((key) => [key, text(rawStrings, key, `strings.${key}`)])) as FinderStrings;
  const map = raw.map;
  if (!isRecord(map)) throw new FinderConfigError('map', 'must be an object');
  const center = map.center;
  if (!Array.isArray(center) || center.length !== 2 || !center.every(isNumber)) throw new FinderConfigError('map.center', 'must be [lat, lng]');
  if (!isNumber(map.zoom)) throw new FinderConfigError('map.zoom', 'must be a number');
  return {
    searchUrl,
    strings,
    map: { tiles: text(map, 'tiles', 'map.tiles'), attribution: text(map, 'attribution', 'map.attribution'), center: [center[0], center[1]], zoom: map.zoom },
  };
}

/** Reads and checks the page's `data-config`. */
export function readFinderConfig(root: HTMLElement): FinderConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(root.dataset.config ?? '');
  } catch {
    throw new FinderConfigError('', 'is not valid JSON');
  }
  return parseFinderConfig(raw);
}

/** `{count}`-style placeholders in interface strings. */
export const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
