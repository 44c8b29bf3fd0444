/**
 * Reads a partner form post through the one request reader (../http/request.ts):
 * application/x-www-form-urlencoded (plain HTML forms; scripts post the same) of at most
 * 64 KB, or multipart/form-data (the "Nachricht an das Netzwerk" form with its PDFs) of
 * at most MAX_MESSAGE_BYTES, both counted while reading. Repeated names stay lists
 * (checkbox groups). The partner pages keep their own wording for each refusal.
 */
import { readRequest, type Refusal, type UploadedFile } from '../http/request.ts';
import { MAX_ATTACHMENTS, MAX_MESSAGE_BYTES, tooLargeMessage } from './message.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/**
 * Files the reader keeps from one post before it refuses the whole post: a few more than
 * a message may carry, so a fourth PDF gets the message form's own answer (with the text
 * kept), while a post with hundreds of parts never gets that far.
 */
const MAX_FILES_READ = MAX_ATTACHMENTS + 2;

export type ReadForm = { ok: true; values: Map<string, string[]>; files: UploadedFile[] } | { ok: false; status: 400 | 405 | 413 | 415; message: string };

const MESSAGES: Record<Refusal['code'], string> = {
  method: 'Bitte senden Sie das Formular ab.',
  'content-type': 'Bitte senden Sie das Formular von dieser Seite ab.',
  'too-large': `Das Formular ist zu groß (höchstens ${MAX_BODY_BYTES / 1024} KB). Bitte kürzen Sie die Texte.`,
  'too-many-files': `Zu viele Dateien: Eine Nachricht kann höchstens ${MAX_ATTACHMENTS} PDF-Dateien mitnehmen. Es wurde nichts gespeichert.`,
  malformed: 'Das Formular war nicht lesbar. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  'not-object': 'Das Formular war nicht lesbar. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
};

export async function readForm(request: Request): Promise<ReadForm> {
  const read = await readRequest(request, { methods: ['POST'], kinds: ['form', 'multipart'], maxBytes: MAX_BODY_BYTES, maxBytesByKind: { multipart: MAX_MESSAGE_BYTES }, maxFiles: MAX_FILES_READ });
  if (!read.ok) {
    // A message with PDFs over the cap: say what is too big and what to do about it.
    const message = read.refusal.code === 'too-large' && read.kind === 'multipart' ? tooLargeMessage() : MESSAGES[read.refusal.code];
    return { ok: false, status: read.refusal.status, message };
  }
  for (const key of read.fields.keys()) {
    if (key.length > 100 || read.fields.size > 500) return { ok: false, status: 400, message: 'Das Formular enthält unerwartete Felder. Bitte laden Sie die Seite neu.' };
  }
  return { ok: true, values: read.fields, files: read.files ?? [] };
}
