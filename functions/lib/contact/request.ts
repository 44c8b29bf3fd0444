/**
 * The contact function's view of a request (read by ../http/request.ts): only POST,
 * only JSON or form-encoded, at most 32 KB, as one plain object of fields plus the
 * names a form sent more than once (refused later, field by field).
 */
import { readRequest, type BodyKind } from '../http/request.ts';
import { refuse, type Refusal } from './types.ts';
import { CONTACT_LIMITS } from '../../../src/forms/contact.ts';

export const MAX_BODY_BYTES = CONTACT_LIMITS.bodyBytes;

export type { BodyKind };

export type ParsedRequest = { ok: true; kind: BodyKind; fields: Record<string, unknown>; repeated: string[] } | { ok: false; refusal: Refusal; kind?: BodyKind };

export async function parseRequest(request: Request): Promise<ParsedRequest> {
  const read = await readRequest(request, { methods: ['POST'], kinds: ['json', 'form'], maxBytes: MAX_BODY_BYTES });
  if (!read.ok) return { ok: false, kind: read.kind, refusal: refuse(read.refusal.status, 'form', read.refusal.message, read.refusal.headers) };
  const kind = read.kind as BodyKind;
  if (read.object) return { ok: true, kind, fields: read.object, repeated: [] };
  // No prototype: a field named `__proto__` must stay a field.
  const fields: Record<string, unknown> = Object.create(null);
  const repeated: string[] = [];
  for (const [name, values] of read.fields) {
    fields[name] = values[0];
    if (values.length > 1) repeated.push(name);
  }
  return { ok: true, kind, fields, repeated };
}
