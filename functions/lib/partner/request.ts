/**
 * Reads a partner form post through the one request reader (../http/request.ts): only
 * application/x-www-form-urlencoded (plain HTML forms; scripts post the same), at most
 * 64 KB, counted while reading. Repeated names stay lists (checkbox groups). The partner
 * pages keep their own wording for each refusal.
 */
import { readRequest, type Refusal } from '../http/request.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type ReadForm = { ok: true; values: Map<string, string[]> } | { ok: false; status: 400 | 405 | 413 | 415; message: string };

const MESSAGES: Record<Refusal['code'], string> = {
  method: 'Bitte senden Sie das Formular ab.',
  'content-type': 'Bitte senden Sie das Formular von dieser Seite ab.',
  'too-large': `Das Formular ist zu groß (höchstens ${MAX_BODY_BYTES / 1024} KB). Bitte kürzen Sie die Texte.`,
  malformed: 'Das Formular war nicht lesbar. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'not-object': 'Das Formular war nicht lesbar. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
};

export async function readForm(request: Request): Promise<ReadForm> {
  const read = await readRequest(request, { methods: ['POST'], kinds: ['form'], maxBytes: MAX_BODY_BYTES });
  if (!read.ok) return { ok: false, status: read.refusal.status, message: MESSAGES[read.refusal.code] };
  for (const key of read.fields.keys()) {
    if (key.length > 100 || read.fields.size > 500) return { ok: false, status: 400, message: 'Das Formular enthält unerwartete Felder. Bitte laden Sie die Seite neu.' };
  }
  return { ok: true, values: read.fields };
}
