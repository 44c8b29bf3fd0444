/**
 * Netlify Blobs stores, always strongly consistent: a message written before the send
 * must be readable by the retry job that runs a minute later, and claims
 * (`set(..., { onlyIfNew: true })`) must see each other. Works on Netlify, under
 * `astro dev` (the adapter provides the context) and in tests (tests/helpers/blobs.ts).
 */
import { getStore, type Store } from '@netlify/blobs';

export function store(name: string): Store {
  return getStore({ name, consistency: 'strong' });
}

/**
 * Reads a JSON entry with the ETag needed for a compare-and-swap write
 * (`setJSON(key, value, { onlyIfMatch: etag })`). Netlify answers reads with an ETag;
 * the local Blobs server (astro dev, tests) does not, but its listing has them. The
 * ETag is read before the data: if the entry changes in between, the conditional write
 * fails and the caller tries again, so no update is lost.
 */
export async function readForUpdate<T>(blobs: Store, key: string): Promise<{ data: T; etag: string } | undefined> {
  const first = await blobs.getWithMetadata(key, { type: 'json' });
  if (!first) return undefined;
  if (first.etag) return { data: first.data as T, etag: first.etag };
  const { blobs: listed } = await blobs.list({ prefix: key });
  const etag = listed.find((entry) => entry.key === key)?.etag;
  const data = await blobs.get(key, { type: 'json' });
  if (!etag || data === null) return undefined;
  return { data: data as T, etag };
}
