/**
 * Turns the raw HTTP request into plain fields, or a refusal: only POST, only JSON or
 * form-encoded, at most 32 KB. The body is read with the limit enforced while reading,
 * so a client that lies about Content-Length (or sends none) cannot make the function
 * buffer more.
 */
import { t } from '../../../src/i18n/index.ts';
import { refuse, type Refusal } from './types.ts';

/** 32 KB: a 5,000-character message in any script, with room for the other fields. */
export const MAX_BODY_BYTES = 32 * 1024;

export type BodyKind = 'json' | 'form';

export type ParsedRequest = { ok: true; kind: BodyKind; fields: Record<string, unknown>; repeated: string[] } | { ok: false; refusal: Refusal; kind?: BodyKind };

export function bodyKind(request: Request): BodyKind | undefined {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function parseRequest(request: Request): Promise<ParsedRequest> {
  if (request.method !== 'POST') {
    return { ok: false, refusal: refuse(405, 'form', t('contact.error.method'), { allow: 'POST' }) };
  }
  const kind = bodyKind(request);
  if (!kind) return { ok: false, refusal: refuse(415, 'form', t('contact.error.contentType'), { accept: 'application/json, application/x-www-form-urlencoded' }) };
  const bytes = await readLimited(request, MAX_BODY_BYTES);
  if (!bytes) return { ok: false, kind, refusal: refuse(413, 'form', t('contact.error.tooLarge', { max: MAX_BODY_BYTES / 1024 })) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, kind, refusal: refuse(400, 'form', t('contact.error.malformed')) };
  }
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, kind, refusal: refuse(400, 'form', t('contact.error.malformed')) };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, kind, refusal: refuse(400, 'form', t('contact.error.notObject')) };
    }
    return { ok: true, kind, fields: value as Record<string, unknown>, repeated: [] };
  }
  // No prototype: a field named `__proto__` must stay a field.
  const fields: Record<string, unknown> = Object.create(null);
  const repeated = new Set<string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, key)) repeated.add(key);
    else fields[key] = value;
  }
  return { ok: true, kind, fields, repeated: [...repeated] };
}
