/**
 * Scope, enforced on the server for every request from the current content: a link's
 * organisation may touch its own profile file and the offers whose `provider` is that
 * organisation – read from the file on the base branch at that moment, not from the
 * post, not from the build. Anything else a post names (other slugs, paths, other
 * collections) is refused before any write.
 */
import { MARKDOWN_COLLECTIONS } from '../../../src/schema/index.ts';
import type { GitWriter, StoredFile } from '../git/index.ts';
import { entryData } from './entry-file.ts';
import type { EditableCollection } from './validate.ts';

export const NEW_OFFER = '+neu';

export type Target = { collection: EditableCollection; slug: string } | { collection: 'offers'; slug: typeof NEW_OFFER };

const TARGET = /^(organisations|offers)\/([a-z0-9]+(?:-[a-z0-9]+)*|\+neu)$/;

export function parseTarget(value: string[] | undefined): Target | undefined {
  if (!value || value.length !== 1) return undefined;
  const match = TARGET.exec(value[0]);
  if (!match) return undefined;
  if (match[2] === NEW_OFFER && match[1] !== 'offers') return undefined;
  return { collection: match[1] as EditableCollection, slug: match[2] };
}

export const pathOf = (collection: EditableCollection, slug: string) => `${MARKDOWN_COLLECTIONS[collection].folder}/${slug}.md`;

export type ScopeResult = { ok: true; file: StoredFile } | { ok: false; reason: 'foreign' | 'missing' };

/** The stored file when `organisation` may change it. */
export async function inScope(writer: GitWriter, organisation: string, collection: EditableCollection, slug: string): Promise<ScopeResult> {
  if (collection === 'organisations' && slug !== organisation) return { ok: false, reason: 'foreign' };
  const file = await writer.readFile(pathOf(collection, slug));
  if (!file) return { ok: false, reason: 'missing' };
  if (collection === 'offers' && entryData(file.text)?.provider !== organisation) return { ok: false, reason: 'foreign' };
  return { ok: true, file };
}
