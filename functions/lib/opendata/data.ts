/**
 * What the build tells the open-data functions (generated/opendata.json, written by
 * src/lib/exports/open-data.ts at `astro:config:setup`): the HSDS list records with
 * the facts their filters read, and every OParl list's items. The functions only filter
 * and page; the export mapping runs once, in the build.
 */
import { GENERATED_FILES } from '../../../src/lib/generated-files.ts';
import type { OpenData } from '../../../src/lib/exports/open-data.ts';
import { readGenerated } from '../generated.ts';

export type { OpenData };
export const OPEN_DATA_FILE = GENERATED_FILES.openData.name;

export function openData(): OpenData {
  return readGenerated(GENERATED_FILES.openData);
}
