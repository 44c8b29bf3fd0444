/**
 * Validates a proposed file exactly as `npm run check` validates content files: the front
 * matter read as YAML 1.2, empty values dropped, the collection's zod schema with the
 * German error map, then the cross-checks (references resolve) against the slugs the build
 * listed. Only problems of this one file count.
 */
import { crossCheck } from '../../../src/schema/cross-checks.ts';
import { MARKDOWN_COLLECTIONS, dropEmpty } from '../../../src/schema/index.ts';
import { germanErrorMap } from '../../../src/schema/messages.ts';
import type { ContentSet } from '../../../src/lib/load-content.ts';
import type { TaxonomyTerm } from '../../../src/schema/index.ts';
import type { PartnerDirectory } from './directory.ts';
import { entryData } from './entry-file.ts';

export type EditableCollection = 'organisations' | 'offers';

/** A problem at a field (dotted path with 0-based list positions) or the whole entry. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** `schedule[2].opens` (check's notation, counted from 1) → `schedule.1.opens`. */
export function fromCheckPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, (_m, n: string) => `.${Number(n) - 1}`).replace(/^\./, '');
}

export function validateEntry(collection: EditableCollection, slug: string, text: string, directory: PartnerDirectory): FieldProblem[] {
  const raw = entryData(text);
  if (!raw) return [{ path: '', message: 'Der Eintrag ist nicht lesbar. Bitte wenden Sie sich an das Sozialbüro.' }];
  if ('slug' in raw) return [{ path: 'slug', message: 'Ein Feld „slug“ ist nicht erlaubt.' }];
  const schema = MARKDOWN_COLLECTIONS[collection].schema;
  const parsed = schema.safeParse(dropEmpty(raw), { error: germanErrorMap });
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      let path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path = [...path, issue.keys[0]];
      return { path: path.join('.'), message: issue.message };
    });
  }
  const file = `${MARKDOWN_COLLECTIONS[collection].folder}/${slug}.md`;
  const refs = directory.references;
  const entry = { id: slug, file, data: parsed.data as never, body: '' };
  const content: ContentSet = {
    settings: undefined,
    categories: refs.categories as TaxonomyTerm[],
    audiences: refs.audiences as TaxonomyTerm[],
    networks: [],
    organisations: collection === 'organisations' ? [entry] : [],
    offers: collection === 'offers' ? [entry] : [],
    meetings: [],
    news: [],
    pages: [],
  };
  const present = { networks: new Set(refs.networks.map((n) => n.slug)), organisations: new Set([...refs.organisations, ...(collection === 'organisations' ? [slug] : [])]) };
  return crossCheck(content, () => true, present)
    .filter((problem) => problem.file === file)
    .map((problem) => ({ path: fromCheckPath(problem.field ?? ''), message: problem.message }));
}
