/**
 * The one request reader with files (functions/lib/http/request.ts): a multipart post
 * keeps its files only when the endpoint asks for them, an empty file input is no file,
 * more files than allowed are refused before any is looked at, and the multipart limit
 * holds while the body streams in, whatever Content-Length claims.
 */
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../functions/lib/http/request.ts';
import { multipartPost } from './pdf.ts';

const SPEC = { methods: ['POST'], kinds: ['form', 'multipart'] as const, maxBytes: 1024, maxBytesByKind: { multipart: 64 * 1024 }, maxFiles: 2 };

function form(files: Array<{ name: string; bytes: Uint8Array }>, field = 'attachments'): FormData {
  const data = new FormData();
  data.append('title', 'Hallo');
  for (const file of files) data.append(field, new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: 'application/pdf' }));
  return data;
}

describe('readRequest with files', () => {
  it('keeps files (name, claimed type, bytes) when asked, and only then', async () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const read = await readRequest(await multipartPost(form([{ name: 'a.pdf', bytes }])), SPEC);
    expect(read.ok && read.files).toEqual([{ field: 'attachments', name: 'a.pdf', type: 'application/pdf', bytes }]);
    expect(read.ok && read.fields.get('title')).toEqual(['Hallo']);
    const { maxFiles: _, ...withoutFiles } = SPEC;
    const dropped = await readRequest(await multipartPost(form([{ name: 'a.pdf', bytes }])), withoutFiles);
    expect(dropped.ok && dropped.files).toBeUndefined();
  });

  it('treats an empty file input as no file', async () => {
    const data = form([]);
    data.append('attachments', new File([], '', { type: 'application/octet-stream' }));
    const read = await readRequest(await multipartPost(data), SPEC);
    expect(read.ok && read.files).toEqual([]);
  });

  it('refuses more files than allowed, and a body over the multipart limit', async () => {
    const many = await readRequest(await multipartPost(form([1, 2, 3].map((n) => ({ name: `${n}.pdf`, bytes: new Uint8Array([n]) })))), SPEC);
    expect(many.ok).toBe(false);
    expect(!many.ok && many.refusal).toMatchObject({ status: 400, code: 'too-many-files' });
    const big = await multipartPost(form([{ name: 'gross.pdf', bytes: new Uint8Array(70 * 1024) }]));
    // A client that claims a small body: the limit is counted while reading.
    const lying = new Request(big.url, { method: 'POST', headers: { 'content-type': big.headers.get('content-type')!, 'content-length': '100' }, body: await big.arrayBuffer() });
    const refused = await readRequest(lying, SPEC);
    expect(!refused.ok && refused.refusal).toMatchObject({ status: 413, code: 'too-large' });
    expect(!refused.ok && refused.refusal.message).toContain('64 KB');
    // The form limit stays what it was for urlencoded bodies.
    const text = await readRequest(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `a=${'x'.repeat(2000)}` }), SPEC);
    expect(!text.ok && text.refusal.code).toBe('too-large');
  });
});
