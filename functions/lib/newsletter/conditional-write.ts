/**
 * Compare-and-set on a Blobs entry: write only if nobody changed it since we read it
 * (ETag, `onlyIfMatch`), or only if it is still absent (`onlyIfNew`).
 *
 * Netlify's Blobs API returns an ETag with every read. The local emulation that
 * `astro dev` uses (BlobsServer of @netlify/blobs 10) returns none on reads; there a
 * single person clicks through the forms, so the write falls back to unconditional
 * instead of failing forever.
 */
import type { Store } from '@netlify/blobs';

export interface ReadState {
  etag?: string;
}

export async function writeIfUnchanged(blobs: Store, key: string, value: unknown, read: ReadState | null): Promise<{ written: boolean; etag?: string }> {
  const result = !read
    ? await blobs.setJSON(key, value, { onlyIfNew: true })
    : read.etag
      ? await blobs.setJSON(key, value, { onlyIfMatch: read.etag })
      : await blobs.setJSON(key, value);
  return { written: result.modified, etag: result.etag };
}
