/**
 * What the build tells the open-data functions (generated/opendata.json, written by
 * src/lib/exports/open-data.ts at `astro:config:setup`): the HSDS list records with
 * the facts their filters read, and every OParl list's items. The functions only filter
 * and page; the export mapping runs once, in the build.
 */
import type { HsdsApiData } from '../../../src/lib/exports/hsds-api.ts';
import type { OparlApiData } from '../../../src/lib/exports/oparl-api.ts';
import { readGenerated } from '../generated.ts';

export const OPEN_DATA_FILE = 'opendata.json';

export interface OpenData {
  hsds: HsdsApiData;
  oparl: OparlApiData;
}

export function openData(): OpenData {
  return readGenerated<OpenData>(OPEN_DATA_FILE);
}
