/**
 * Reading what a newsletter request sent: HTML forms (urlencoded or multipart) and the
 * JSON the enhanced form script posts, as one list of values per field name.
 */
export type Fields = Map<string, string[]>;

const MAX_BODY_BYTES = 16 * 1024;

export async function readFields(request: Request): Promise<Fields> {
  const fields: Fields = new Map();
  const add = (name: string, value: unknown) => {
    if (typeof value !== 'string') return;
    fields.set(name, [...(fields.get(name) ?? []), value]);
  };
  const type = request.headers.get('content-type') ?? '';
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return fields;
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fields;
    }
    if (body && typeof body === 'object') {
      for (const [name, value] of Object.entries(body)) {
        if (Array.isArray(value)) value.forEach((v) => add(name, v));
        else if (typeof value === 'boolean') add(name, value ? 'yes' : '');
        else add(name, value);
      }
    }
    return fields;
  }
  if (type.includes('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    } catch {
      // A broken multipart body carries no fields: the answer is "missing", not a 5xx.
      return fields;
    }
    for (const [name, value] of form) add(name, value);
    return fields;
  }
  for (const [name, value] of new URLSearchParams(raw)) add(name, value);
  return fields;
}

export function first(fields: Fields, name: string): string {
  return (fields.get(name)?.[0] ?? '').trim();
}

export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}
