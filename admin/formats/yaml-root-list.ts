/**
 * Decap edits objects, not lists (decap-cms issue #531), but the taxonomy files are lists
 * at the root (content model). This format hands Decap `{ items: [...] }` and writes the
 * list back unwrapped, so the files keep their shape.
 */
import { parse, stringify } from 'yaml';
import { TAXONOMY_LIST_FIELD } from '../config/constants.ts';

export const yamlRootList = {
  fromFile(content: string): Record<string, unknown> {
    const parsed: unknown = content.trim() ? parse(content) : [];
    if (!Array.isArray(parsed)) {
      // Returning an empty list here would erase the file on the next save.
      throw new Error('Die Datei ist keine Liste von Begriffen (jede Zeile beginnt mit „- slug: …“). Bitte von der Technik prüfen lassen.');
    }
    return { [TAXONOMY_LIST_FIELD]: parsed };
  },
  toFile(data: Record<string, unknown>): string {
    const list = data[TAXONOMY_LIST_FIELD];
    return stringify(Array.isArray(list) ? list : [], { lineWidth: 0 });
  },
};
