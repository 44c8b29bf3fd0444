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
