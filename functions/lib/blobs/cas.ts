/**
 * Compare-and-set on one Blobs record (ETag, `onlyIfMatch` / `onlyIfNew`), for records
 * that many writers must merge into (a subscriber's history, a newsletter send's
 * progress). Atomic on Netlify, which documents these conditions for concurrency
 * control; the local Blobs server checks and writes in separate steps, so where a
 * guarantee must also hold on a laptop use events.ts (claims, limits) instead.
 */
import type { Store } from '@netlify/blobs';

export interface Versioned<T> {
  data: T;
  etag?: string;
}

/**
 * Reads a JSON entry with the ETag a conditional write needs. Netlify answers reads
 * with an ETag; the local Blobs server does not, but its listing has them. The ETag is
 * read before the data: if the entry changes in between, the conditional write fails
 * and the caller tries again, so no update is lost.
 */
export async function readVersioned<T>(blobs: Store, key: string): Promise<Versioned<T> | null> {
  const first = await blobs.getWithMetadata(key, { type: 'json' });
  if (!first) return null;
  if (first.etag) return { data: first.data as T, etag: first.etag };
  const { blobs: listed } = await blobs.list({ prefix: key });
  const etag = listed.find((entry) => entry.key === key)?.etag;
  const data = await blobs.get(key, { type: 'json' });
  if (data === null) return null;
  return { data: data as T, etag };
}

/** Writes only if the entry is unchanged since `read` (or still absent when `read` is null). */
export async function writeIfUnchanged(blobs: Store, key: string, value: unknown, read: { etag?: string } | null): Promise<{ written: boolean; etag?: string }> {
  const result = !read
    ? await blobs.setJSON(key, value, { onlyIfNew: true })
    : read.etag
      ? await blobs.setJSON(key, value, { onlyIfMatch: read.etag })
      : await blobs.setJSON(key, value);
  return { written: result.modified, etag: result.etag };
}

/**
 * Read, change, write if unchanged; on a lost race read again and re-apply `change`.
 * `change` returns the new value, or undefined to leave the entry as it is.
 */
export async function compareAndSet<T>(blobs: Store, key: string, change: (current: T | null) => T | undefined, attempts = 8): Promise<T | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await readVersioned<T>(blobs, key);
    const next = change(current ? structuredClone(current.data) : null);
    if (next === undefined) return current?.data ?? null;
    if ((await writeIfUnchanged(blobs, key, next, current)).written) return next;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`blobs: ${key} changed too often concurrently`);
}
