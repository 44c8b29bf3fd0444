/**
 * Renders a mail as an RFC 5322 message (multipart/alternative, text + HTML) that any
 * mail program opens: the local outbox stores exactly what a provider would have sent.
 * Non-ASCII header text becomes RFC 2047 encoded-words, bodies are quoted-printable so
 * the raw file stays readable in an editor.
 */
import { randomUUID } from 'node:crypto';

export interface MimeMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  messageId: string;
  date: Date;
}

const CRLF = '\r\n';
const ENCODED_WORD_BYTES = 45;

/** True when a value would break out of its header line (header injection). */
export function hasLineBreak(value: string): boolean {
  return /[\r\n\u0085\u2028\u2029]/.test(value);
}

function isPrintableAscii(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

/** RFC 2047 "B" encoded-words, split on code points so no character is cut in half. */
export function encodeWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > ENCODED_WORD_BYTES && chunk) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk || words.length === 0) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Unstructured header text (Subject, custom headers): ASCII stays as it is, folded. */
export function encodeHeaderText(value: string): string {
  if (isPrintableAscii(value)) return fold(value);
  return encodeWords(value);
}

/** Folds long ASCII header values at spaces so lines stay below 78 characters where possible. */
function fold(value: string, firstLineOffset = 20): string {
  if (value.length + firstLineOffset <= 78) return value;
  const parts = value.split(' ');
  const lines: string[] = [];
  let line = '';
  let limit = 78 - firstLineOffset;
  for (const part of parts) {
    if (line && line.length + 1 + part.length > limit) {
      lines.push(line);
      line = part;
      limit = 77;
    } else {
      line = line ? `${line} ${part}` : part;
    }
  }
  lines.push(line);
  return lines.join(`${CRLF} `);
}

const ADDRESS_WITH_NAME = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

/** Splits `Name <a@b>` or `a@b` into its parts. */
export function parseAddress(value: string): { name?: string; email: string } {
  const match = ADDRESS_WITH_NAME.exec(value);
  if (match) {
    const name = match[1].replace(/^"(.*)"$/, '$1').trim();
    return { name: name || undefined, email: match[2] };
  }
  return { email: value.trim() };
}

export function formatAddress(value: string): string {
  const { name, email } = parseAddress(value);
  if (!name) return `<${email}>`;
  if (isPrintableAscii(name)) {
    const quoted = name.replace(/(["\\])/g, '\\$1');
    return `"${quoted}" <${email}>`;
  }
  return `${encodeWords(name)} <${email}>`;
}

/** Quoted-printable (RFC 2045) with CRLF line ends and soft breaks at 76 characters. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let encoded = '';
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i];
        const isLast = i === bytes.length - 1;
        const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !isLast);
        encoded += plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
      const out: string[] = [];
      while (encoded.length > 76) {
        let cut = 75;
        // Never split an =XX escape across the soft break.
        const escape = encoded.lastIndexOf('=', cut);
        if (escape > cut - 3) cut = escape;
        out.push(`${encoded.slice(0, cut)}=`);
        encoded = encoded.slice(cut);
      }
      out.push(encoded);
      return out.join(CRLF);
    })
    .join(CRLF);
}

function rfc5322Date(date: Date): string {
  // toUTCString gives "Sat, 21 Nov 2026 09:00:00 GMT"; RFC 5322 prefers a numeric zone.
  return date.toUTCString().replace('GMT', '+0000');
}

export function renderMime(mail: MimeMail): string {
  const boundary = `=_qn_${randomUUID().replace(/-/g, '')}`;
  const headers: string[] = [
    `From: ${formatAddress(mail.from)}`,
    `To: ${formatAddress(mail.to)}`,
  ];
  if (mail.replyTo) headers.push(`Reply-To: ${formatAddress(mail.replyTo)}`);
  headers.push(
    `Subject: ${encodeHeaderText(mail.subject)}`,
    `Date: ${rfc5322Date(mail.date)}`,
    `Message-ID: <${mail.messageId}>`,
    'MIME-Version: 1.0',
  );
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    headers.push(`${name}: ${encodeHeaderText(value)}`);
  }
  headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(body)].join(CRLF);
  return [
    headers.join(CRLF),
    '',
    'This is a multi-part message in MIME format.',
    part('text/plain', mail.text),
    part('text/html', mail.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
