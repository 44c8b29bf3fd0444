/**
 * The one way a function reads a request: the methods and body types each endpoint
 * allows, a size limit enforced while the body streams in (a client that lies about
 * Content-Length, or sends none, cannot make a function buffer more), and every problem
 * as a refusal with a status and a plain message in the visitor's language (German
 * unless told otherwise), never an exception. No handler reads a body any other way.
 */
import { useTranslations } from '../../../src/i18n/index.ts';

export type BodyKind = 'json' | 'form' | 'multipart';

const MEDIA_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
};

export interface RequestSpec {
  /** Methods answered at all; GET and HEAD never have a body read. */
  methods: readonly string[];
  /** Body types accepted on the other methods. */
  kinds: readonly BodyKind[];
  maxBytes: number;
  /** A larger (or smaller) limit for one body type, e.g. multipart posts that carry files. */
  maxBytesByKind?: Partial<Record<BodyKind, number>>;
  /**
   * Multipart only: keep the files posted (name, declared type, bytes) instead of
   * dropping them. At most this many; more is refused as malformed-by-design
   * ('too-many-files'), before any of them is looked at.
   */
  maxFiles?: number;
}

/** A file from a multipart post: the name and type are what the browser claimed, nothing more. */
export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Every value per field name, in order: forms may repeat a name (checkbox groups). */
export type Fields = Map<string, string[]>;

export interface Refusal {
  status: 400 | 405 | 413 | 415;
  code: 'method' | 'content-type' | 'too-large' | 'malformed' | 'not-object' | 'too-many-files';
  message: string;
  headers: Record<string, string>;
}

export type ReadRequest =
  | {
      ok: true;
      kind: BodyKind | 'none';
      fields: Fields;
      /** The JSON object as sent (values keep their types). */
      object?: Record<string, unknown>;
      /** Multipart files, when the spec asked for them (`maxFiles`); empty file inputs are left out. */
      files?: UploadedFile[];
    }
  | { ok: false; kind?: BodyKind; refusal: Refusal };

export function bodyKind(request: Request): BodyKind | undefined {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return (Object.keys(MEDIA_TYPES) as BodyKind[]).find((kind) => MEDIA_TYPES[kind] === type);
}

/** The body, or undefined once it grows past `limit` (the rest is never read). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return undefined;
  }
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

function add(fields: Fields, name: string, value: string): void {
  const values = fields.get(name);
  if (values) values.push(value);
  else fields.set(name, [value]);
}

/** JSON values as form values: strings as they are, arrays per item, true as "yes". */
function fieldsOfObject(object: Record<string, unknown>): Fields {
  const fields: Fields = new Map();
  for (const [name, value] of Object.entries(object)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') add(fields, name, item);
      else if (typeof item === 'boolean') add(fields, name, item ? 'yes' : '');
      else if (typeof item === 'number' && Number.isFinite(item)) add(fields, name, String(item));
    }
  }
  return fields;
}

export async function readRequest(request: Request, spec: RequestSpec, lang?: string): Promise<ReadRequest> {
  const t = useTranslations(lang);
  const refuse = (status: Refusal['status'], code: Refusal['code'], message: string, headers: Record<string, string> = {}): Refusal => ({ status, code, message, headers });
  if (!spec.methods.includes(request.method)) {
    return { ok: false, refusal: refuse(405, 'method', t('request.error.method'), { allow: spec.methods.join(', ') }) };
  }
  if (request.method === 'GET' || request.method === 'HEAD') return { ok: true, kind: 'none', fields: new Map() };
  const kind = bodyKind(request);
  if (!kind || !spec.kinds.includes(kind)) {
    return { ok: false, refusal: refuse(415, 'content-type', t('request.error.contentType'), { accept: spec.kinds.map((k) => MEDIA_TYPES[k]).join(', ') }) };
  }
  const maxBytes = spec.maxBytesByKind?.[kind] ?? spec.maxBytes;
  const bytes = await readLimited(request, maxBytes);
  if (!bytes) return { ok: false, kind, refusal: refuse(413, 'too-large', t('request.error.tooLarge', { max: Math.floor(maxBytes / 1024) })) };
  const malformed = { ok: false as const, kind, refusal: refuse(400, 'malformed', t('request.error.malformed')) };
  if (kind === 'multipart') {
    try {
      const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
      const fields: Fields = new Map();
      const files: UploadedFile[] = [];
      for (const [name, value] of form) {
        if (typeof value === 'string') add(fields, name, value);
        // A file input left empty still sends a part with no name and no bytes: not a file.
        else if (spec.maxFiles && (value.name !== '' || value.size > 0)) files.push({ field: name, name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
        // Otherwise files have no place in the form: dropped, never stored.
      }
      if (spec.maxFiles && files.length > spec.maxFiles) return { ok: false, kind, refusal: refuse(400, 'too-many-files', t('request.error.tooManyFiles', { max: spec.maxFiles })) };
      return spec.maxFiles ? { ok: true, kind, fields, files } : { ok: true, kind, fields };
    } catch {
      return malformed;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return malformed;
  }
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return malformed;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, kind, refusal: refuse(400, 'not-object', t('request.error.notObject')) };
    return { ok: true, kind, fields: fieldsOfObject(value as Record<string, unknown>), object: value as Record<string, unknown> };
  }
  const fields: Fields = new Map();
  for (const [name, value] of new URLSearchParams(text)) add(fields, name, value);
  return { ok: true, kind, fields };
}

/** The first value of a field, trimmed; '' when absent. */
export function first(fields: Fields, name: string): string {
  return (fields.get(name)?.[0] ?? '').trim();
}

export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}
