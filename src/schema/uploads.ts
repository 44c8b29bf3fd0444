/**
 * What may be uploaded to public/uploads/: documents (PDF) and photos (PNG, JPEG, WebP),
 * which is all the content model links (meeting documents, news attachments, images in
 * Markdown). Everything there is served from the site's own origin, where /admin/ keeps
 * an editor's GitHub token: an uploaded .html, .svg or .js could run script there. So the
 * list is closed, the content gate also looks at each file's first bytes (an HTML page
 * renamed to .pdf is refused), and /uploads/* is served sandboxed (security-policy.ts).
 * The schema (uploadPath), the content gate, the CMS upload guard and the headers all
 * read this one list.
 */
export interface UploadType {
  /** Lower-case file extensions without the dot. */
  extensions: readonly string[];
  mime: string;
  /** How editors know the type. */
  label: string;
  /** The file's first bytes: `null` stands for "any byte". */
  signature: readonly (number | null)[];
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export const UPLOAD_TYPES: readonly UploadType[] = [
  { extensions: ['pdf'], mime: 'application/pdf', label: 'PDF', signature: ascii('%PDF-') },
  { extensions: ['png'], mime: 'image/png', label: 'PNG', signature: [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a] },
  { extensions: ['jpg', 'jpeg'], mime: 'image/jpeg', label: 'JPEG', signature: [0xff, 0xd8, 0xff] },
  { extensions: ['webp'], mime: 'image/webp', label: 'WebP', signature: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
];

export const UPLOAD_EXTENSIONS: readonly string[] = UPLOAD_TYPES.flatMap((t) => t.extensions);
/** For `<input type="file" accept>`: extensions and types. */
export const UPLOAD_ACCEPT = [...UPLOAD_EXTENSIONS.map((e) => `.${e}`), ...UPLOAD_TYPES.map((t) => t.mime)].join(',');
/** "PDF, PNG, JPEG oder WebP" */
export const UPLOAD_TYPES_GERMAN = `${UPLOAD_TYPES.slice(0, -1).map((t) => t.label).join(', ')} oder ${UPLOAD_TYPES.at(-1)!.label}`;
/** Files git needs to keep an empty folder; never linked, never a problem. */
const IGNORED_NAMES = new Set(['.gitkeep']);

export function extensionOf(path: string): string {
  const name = path.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function uploadTypeOf(path: string): UploadType | undefined {
  const extension = extensionOf(path);
  return UPLOAD_TYPES.find((t) => t.extensions.includes(extension));
}

/** The message for a path or file name whose type is not allowed. */
export function forbiddenTypeMessage(path: string): string {
  const extension = extensionOf(path);
  const what = extension ? `Dateien vom Typ „.${extension}“` : 'Dateien ohne Endung';
  return `${what} dürfen nicht hochgeladen werden: Erlaubt sind nur ${UPLOAD_TYPES_GERMAN}. Speichern Sie das Dokument als PDF oder das Bild als PNG, JPEG oder WebP und laden Sie es neu hoch.`;
}

function startsWith(head: Uint8Array, signature: readonly (number | null)[]): boolean {
  return head.length >= signature.length && signature.every((byte, i) => byte === null || head[i] === byte);
}

/** Bytes of a file's start that uploadFileProblem needs (the longest signature). */
export const UPLOAD_HEAD_BYTES = Math.max(...UPLOAD_TYPES.map((t) => t.signature.length));

/**
 * German problem for one file in public/uploads/ (relative name like `protokoll.pdf`),
 * or undefined if it may be published. `head` is the file's first bytes. (No file access
 * here: the schema modules also run in the CMS, in the browser.)
 */
export function uploadFileProblem(name: string, head: Uint8Array): string | undefined {
  if (IGNORED_NAMES.has(name.split('/').pop() ?? '')) return undefined;
  // The same characters a linked path may have (uploadPath), so every file has one exact address.
  if (!/^[A-Za-z0-9._/-]+$/.test(name)) {
    return 'Der Dateiname enthält Zeichen, die in einer Internetadresse nicht eindeutig sind (z. B. Leerzeichen oder Umlaute). Erlaubt sind Buchstaben a–z, Ziffern, Punkt, Bindestrich und Unterstrich. Benennen Sie die Datei um und passen Sie die Verweise an.';
  }
  const type = uploadTypeOf(name);
  if (!type) return `${forbiddenTypeMessage(name)} Entfernen Sie diese Datei aus public/uploads/.`;
  if (!startsWith(head, type.signature)) {
    return `Die Datei heißt „.${extensionOf(name)}“, ist aber keine ${type.label}-Datei (ihr Inhalt passt nicht zur Endung). Öffnen Sie sie, speichern Sie sie als echte ${type.label}-Datei und laden Sie sie neu hoch; entfernen Sie diese Datei.`;
  }
  return undefined;
}

/**
 * Whether `bytes` look like a whole PDF file, not only like its first line: the
 * `%PDF-1.x`/`%PDF-2.0` header, an end-of-file marker `%%EOF` near the end, and a
 * `startxref` offset that points inside the file at a cross-reference table (`xref`) or
 * a cross-reference stream (`<n> <g> obj`). A script or web page renamed to .pdf is
 * 'not-pdf'; one with `%PDF-` typed in front, or a truncated download, is 'broken'.
 * (Files a partner sends are checked by this; files already in public/uploads/ by the
 * signature in uploadFileProblem.)
 */
export function pdfStructure(bytes: Uint8Array): 'ok' | 'not-pdf' | 'broken' {
  // windows-1252 ("latin1" in WHATWG terms) maps every byte to one character, so text offsets are byte offsets.
  const decode = (from: number, to: number) => new TextDecoder('latin1').decode(bytes.subarray(from, to));
  if (!/^%PDF-(?:1\.[0-7]|2\.0)\s/.test(decode(0, 16))) return 'not-pdf';
  const tailStart = Math.max(0, bytes.length - 1024);
  const tail = decode(tailStart, bytes.length);
  const end = tail.lastIndexOf('%%EOF');
  if (end < 0) return 'broken';
  const startxref = /startxref\s+(\d+)\s+$/.exec(tail.slice(0, end));
  if (!startxref) return 'broken';
  const offset = Number(startxref[1]);
  if (!Number.isSafeInteger(offset) || offset < 8 || offset >= tailStart + startxref.index) return 'broken';
  // Readers repair offsets a few bytes off (line endings changed by a mail program or an
  // upload form): so do we, as long as a cross-reference section is right there.
  return /(?:^|\s)(?:xref\s|\d+\s+\d+\s+obj\b)/.test(decode(Math.max(0, offset - 16), offset + 48)) ? 'ok' : 'broken';
}
