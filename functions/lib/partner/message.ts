/**
 * "Nachricht an das Netzwerk" (issue 18): what a partner's message is and how it becomes
 * a news post proposal. Pure: reading the post, checking every attachment by its content,
 * and writing the news file; storing and landing are message-flow.ts's.
 *
 * Limits: at most three attachments, each a PDF of at most 5 MB (the issue's rule, checked
 * per file). One post carries the message with all its files, and Netlify passes binary
 * request bodies to a function base64-encoded within its 6 MB payload limit, which leaves
 * about 4.5 MB for the raw body (docs.netlify.com, functions configuration); a larger post
 * never reaches the function there (and ends `netlify serve` locally). So the one request
 * reader caps a message post at MAX_MESSAGE_BYTES, and the attachments of one message
 * together stay below that; with JavaScript the form says so before sending (message-view.ts).
 */
import { createHash } from 'node:crypto';
import { pdfStructure, uploadFileProblem } from '../../../src/schema/uploads.ts';
import type { UploadedFile } from '../http/request.ts';
import { predictSlug } from '../../../admin/lib/german-slug.ts';
// Where Decap stores uploads: the same folder for a partner's PDFs.
import { MEDIA_FOLDER, PUBLIC_FOLDER } from '../../../admin/config/constants.ts';
import { withChanges } from './entry-file.ts';

export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** The whole multipart post: 4 MiB, base64-encoded about 5.6 MB, within Netlify's 6 MB function payload. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const MAX_TITLE_LENGTH = 150;
export const MAX_TEXT_LENGTH = 10_000;

/** Field names of the message form; anything else in a post is refused. */
export const MESSAGE_FIELDS = { title: 'title', text: 'text', networks: 'networks', attachments: 'attachments' } as const;

export interface NetworkChoice {
  slug: string;
  label: string;
}

export interface MessageInput {
  title: string;
  text: string;
  networks: string[];
}

export interface CheckedAttachment {
  /** The name the partner's file had (shown and used for the link's title). */
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

export type MessageProblems = Partial<Record<keyof typeof MESSAGE_FIELDS | 'form', string[]>>;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;

export function readMessage(values: Map<string, string[]>): MessageInput {
  const one = (name: string) => (values.get(name)?.[0] ?? '').replace(/\r\n?/g, '\n').trim();
  return { title: one(MESSAGE_FIELDS.title).replace(/\s+/g, ' '), text: one(MESSAGE_FIELDS.text), networks: [...new Set((values.get(MESSAGE_FIELDS.networks) ?? []).map((v) => v.trim()).filter(Boolean))] };
}

/**
 * Every problem of a posted message, by field, in German. `allowed` are the networks
 * the organisation belongs to (read from its current file, not from the post).
 */
export function checkMessage(input: MessageInput, files: UploadedFile[], allowed: NetworkChoice[]): { problems: MessageProblems; attachments: CheckedAttachment[] } {
  const problems: MessageProblems = {};
  const add = (field: keyof MessageProblems, message: string) => (problems[field] ??= []).push(message);
  if (!input.title) add('title', 'Bitte geben Sie einen Titel ein.');
  else if (input.title.length > MAX_TITLE_LENGTH) add('title', `Der Titel ist zu lang (höchstens ${MAX_TITLE_LENGTH} Zeichen). Bitte kürzen Sie ihn.`);
  else if (!slugFor(input.title)) add('title', 'Der Titel braucht Buchstaben oder Ziffern, damit die Nachricht eine Adresse bekommt.');
  if (!input.text) add('text', 'Bitte schreiben Sie Ihre Nachricht.');
  else if (input.text.length > MAX_TEXT_LENGTH) add('text', `Die Nachricht ist zu lang (höchstens ${MAX_TEXT_LENGTH.toLocaleString('de-DE')} Zeichen). Bitte kürzen Sie sie oder hängen Sie den Rest als PDF an.`);
  const known = new Set(allowed.map((n) => n.slug));
  if (input.networks.length === 0) add('networks', 'Bitte wählen Sie mindestens ein Netzwerk, an das die Nachricht gehen soll.');
  else if (input.networks.some((slug) => !known.has(slug))) add('networks', 'Sie können nur an Netzwerke schreiben, zu denen Ihre Organisation gehört. Bitte wählen Sie aus der Liste.');

  const attachments: CheckedAttachment[] = [];
  if (files.some((f) => f.field !== MESSAGE_FIELDS.attachments)) add('form', 'Das Formular enthält unerwartete Dateien. Bitte laden Sie die Seite neu.');
  if (files.length > MAX_ATTACHMENTS) {
    add('attachments', tooManyFilesMessage(String(files.length)));
  } else {
    for (const file of files) {
      const problem = attachmentProblem(file);
      if (problem) add('attachments', problem);
      else attachments.push({ name: file.name, bytes: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex') });
    }
  }
  return { problems, attachments };
}

/** Shared by the server's check and the form's script (which fills in `{count}`). */
export function tooManyFilesMessage(count: string): string {
  return `Bitte hängen Sie höchstens ${MAX_ATTACHMENTS} Dateien an (Sie haben ${count} gewählt).`;
}

/**
 * What a post over MAX_MESSAGE_BYTES is told: by the form's script before sending (with
 * the size), or by the request reader's refusal (which stopped reading, so without it).
 */
export function tooLargeMessage(size?: string): string {
  const what = size ? `Die Anhänge sind zusammen ${size} groß` : 'Die Anhänge sind zusammen zu groß';
  return `${what}: Eine Nachricht kann höchstens ${mb(MAX_MESSAGE_BYTES)} mitnehmen. Bitte verkleinern Sie die PDF-Dateien (z. B. „Für Web optimieren“ oder „Reduzierte Dateigröße“), hängen Sie weniger an oder schicken Sie große Dateien per E-Mail an das Sozialbüro.${size ? '' : ' Es wurde nichts gespeichert.'}`;
}

export const formatMb = mb;

/** The one attachment's problem, judged by its bytes: the name and the browser's type are only claims. */
export function attachmentProblem(file: UploadedFile): string | undefined {
  const name = file.name || 'ohne Namen';
  const label = `„${name}“`;
  if (file.bytes.length === 0) return `Die Datei ${label} ist leer. Bitte wählen Sie die richtige Datei aus.`;
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) return `Die Datei ${label} ist ${mb(file.bytes.length)} groß, erlaubt sind höchstens ${mb(MAX_ATTACHMENT_BYTES)}. Bitte verkleinern Sie das PDF (z. B. „Für Web optimieren“ oder Bilder verkleinern).`;
  // The same first-bytes check as for every file in public/uploads/, then the whole file's structure.
  const structure = uploadFileProblem('anhang.pdf', file.bytes.subarray(0, 16)) ? 'not-pdf' : pdfStructure(file.bytes);
  if (structure === 'not-pdf') return `Die Datei ${label} ist kein PDF-Dokument (ihr Inhalt ist kein PDF, auch wenn der Name etwas anderes sagt). Anhängen können Sie nur PDF-Dateien: Speichern Sie das Dokument als PDF und wählen Sie es neu aus.`;
  if (structure === 'broken') return `Die Datei ${label} ist ein unvollständiges oder beschädigtes PDF. Öffnen Sie sie bitte einmal selbst, speichern Sie sie neu als PDF und wählen Sie sie neu aus.`;
  return undefined;
}

/** The file name part of a slug (the same rules as Decap's), or undefined. */
export function slugFor(title: string): string | undefined {
  const base = predictSlug(title).slice(0, 80).replace(/-+$/, '');
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(base) ? base : undefined;
}

/** Where each attachment goes: under the media folder, prefixed with the post's slug so names never collide. */
export function attachmentPaths(slug: string, attachments: CheckedAttachment[]): Array<{ repoPath: string; publicPath: string; title: string }> {
  const used = new Set<string>();
  return attachments.map((attachment, index) => {
    const stem = (attachment.name.replace(/\.[^.]*$/, '') || `anhang-${index + 1}`).trim();
    let name = `${slug}-${slugFor(stem)?.slice(0, 60).replace(/-+$/, '') || `anhang-${index + 1}`}`;
    for (let n = 2; used.has(name); n++) name = `${slug}-anhang-${index + 1}-${n}`;
    used.add(name);
    return { repoPath: `${MEDIA_FOLDER}/${name}.pdf`, publicPath: `${PUBLIC_FOLDER}/${name}.pdf`, title: `${stem.replace(/[_]+/g, ' ').replace(/\s+/g, ' ')} (PDF)` };
  });
}

/**
 * The summary the news schema asks for, from the message itself: its first paragraph
 * that is not a heading, without Markdown marks, at most 200 characters (the office can edit it in Decap).
 */
export function summaryOf(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  // A heading alone says little: the first paragraph of text, if there is one.
  const paragraph = paragraphs.find((p) => !/^\s*#/.test(p)) ?? paragraphs[0] ?? text;
  const plain = paragraph
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/[#>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([?.!,;:])/g, '$1')
    .trim();
  if (plain.length <= 200) return plain;
  const cut = plain.slice(0, 199);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 120 ? cut.lastIndexOf(' ') : 199).trim()}…`;
}

/** The news file the office will publish: mailed once to the chosen networks, naming the organisation as author. */
export function newsFile(input: MessageInput, options: { date: string; author: string; attachments: Array<{ publicPath: string; title: string }> }): string {
  return withChanges(
    '---\n\n---\n',
    {
      title: input.title,
      date: options.date,
      networks: input.networks,
      summary: summaryOf(input.text) || input.title,
      author: options.author,
      newsletter: true,
      attachments: options.attachments.length ? options.attachments.map((a) => ({ title: a.title, file: a.publicPath })) : undefined,
    },
    input.text,
  );
}
