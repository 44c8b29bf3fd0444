/**
 * Reads a partner form post: only application/x-www-form-urlencoded (plain HTML forms;
 * scripts post the same), at most 64 KB, counted while reading. Repeated names stay
 * lists (checkbox groups). Kept in one module so the shared request reader can replace
 * it without touching the handler.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export type ReadForm = { ok: true; values: Map<string, string[]> } | { ok: false; status: 400 | 405 | 413 | 415; message: string };

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
  return Buffer.concat(chunks);
}

export async function readForm(request: Request): Promise<ReadForm> {
  if (request.method !== 'POST') return { ok: false, status: 405, message: 'Bitte senden Sie das Formular ab.' };
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415, message: 'Bitte senden Sie das Formular von dieser Seite ab.' };
  const bytes = await readLimited(request, MAX_BODY_BYTES);
  if (!bytes) return { ok: false, status: 413, message: `Das Formular ist zu groß (höchstens ${MAX_BODY_BYTES / 1024} KB). Bitte kürzen Sie die Texte.` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, message: 'Das Formular war nicht lesbar. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.' };
  }
  const values = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (key.length > 100 || values.size > 500) return { ok: false, status: 400, message: 'Das Formular enthält unerwartete Felder. Bitte laden Sie die Seite neu.' };
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return { ok: true, values };
}
