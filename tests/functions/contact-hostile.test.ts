/**
 * Hostile input against POST /api/contact: generated cases of header injection,
 * oversized fields and bodies, unicode tricks, HTML and script payloads in fields that
 * must refuse them, wrong types, missing fields, forged and unknown recipients,
 * malformed bodies, wrong methods and content types. Every case must be refused with a
 * 4xx and German messages from the catalogue, no mail may leave, nothing may be stored.
 * A second group sends hostile text where it is allowed (name, message) and checks it
 * arrives escaped, at an address from content only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import contact from '../../functions/contact.ts';
import { messages } from '../../functions/lib/contact/messages.ts';
import { de } from '../../src/i18n/de.ts';
import { nextIp, startContactEnv, type ContactEnv } from '../helpers/contact-env.ts';

interface Case {
  label: string;
  request: () => Request;
  /** Expected status; default: any 4xx. */
  status?: number;
}

const URL_ = 'http://localhost/api/contact';
const base = {
  recipient: 'offers/job-cafe',
  name: 'Anwohner Test',
  email: 'anwohner@example.net',
  message: 'Guten Tag, ich habe eine Frage zum Angebot.',
  consent: 'on',
};

const json = (body: unknown, headers: Record<string, string> = {}) => () =>
  new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const form = (body: string | Record<string, string>, headers: Record<string, string> = {}) => () =>
  new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers }, body: typeof body === 'string' ? body : new URLSearchParams(body).toString() });
const raw = (method: string, contentType: string | undefined, body?: BodyInit, headers: Record<string, string> = {}) => () =>
  new Request(URL_, { method, headers: { ...(contentType ? { 'content-type': contentType } : {}), accept: 'application/json', ...headers }, body });

function without<T extends Record<string, unknown>>(object: T, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  delete copy[key];
  return copy;
}

/** A body stream with no Content-Length, so the size limit must hold while reading. */
function stream(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new TextEncoder().encode('a'.repeat(Math.min(4096, size - sent)));
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

function cases(unpublishedOffers: string[]): Case[] {
  const list: Case[] = [];
  const add = (label: string, request: () => Request, status?: number) => list.push({ label, request, status });

  // Header injection: line breaks of every kind in every field that could reach a header.
  const breaks = ['\r\n', '\n', '\r', '\u0085', '\u2028', '\u2029', '\r\n\r\n'];
  const injections = ['Bcc: opfer@evil.test', 'To: opfer@evil.test', 'Content-Type: text/html', 'Subject: Gewinn'];
  for (const br of breaks) {
    for (const injection of injections.slice(0, br === '\r\n' ? 4 : 2)) {
      add(`name with ${JSON.stringify(br)} + ${injection}`, json({ ...base, name: `Max${br}${injection}` }), 400);
      add(`email with ${JSON.stringify(br)} + ${injection}`, json({ ...base, email: `anwohner@example.net${br}${injection}` }), 400);
      add(`recipient with ${JSON.stringify(br)} + ${injection}`, json({ ...base, recipient: `office${br}${injection}` }), 400);
    }
  }
  add('form-encoded %0d%0a in email', form(`recipient=office&name=Max&email=a%40example.net%0d%0aBcc%3a%20opfer%40evil.test&message=${encodeURIComponent(base.message)}&consent=on`), 400);
  add('form-encoded %0a in name', form(`recipient=office&name=Max%0aBcc%3a%20opfer%40evil.test&email=a%40example.net&message=${encodeURIComponent(base.message)}&consent=on`), 400);
  add('form-encoded %0d in recipient', form(`recipient=office%0d&name=Max&email=a%40example.net&message=${encodeURIComponent(base.message)}&consent=on`), 400);

  // Oversized fields and bodies.
  for (const length of [101, 150, 1_000, 20_000]) add(`name of ${length} characters`, json({ ...base, name: 'A'.repeat(length) }), length > 30_000 ? 413 : 400);
  for (const length of [5_001, 6_000, 10_000]) add(`message of ${length} characters`, json({ ...base, message: 'x'.repeat(length) }), 400);
  add('message of 5,001 emoji (4 bytes each)', json({ ...base, message: '😀'.repeat(5_001) }), 400);
  add('message of 9,000 umlauts', json({ ...base, message: 'ä'.repeat(9_000) }), 400);
  add('email of 300 characters', json({ ...base, email: `${'a'.repeat(290)}@example.net` }), 400);
  for (const size of [33 * 1024, 64 * 1024, 1024 * 1024]) add(`JSON body of ${size} bytes`, json({ ...base, message: 'x'.repeat(size) }), 413);
  add('form body of 40 KB', form({ ...base, message: 'y'.repeat(40_000) }), 413);
  add('streamed body of 100 KB without Content-Length', () => new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: stream(100 * 1024), duplex: 'half' } as RequestInit), 413);
  add('Content-Length claims 10 MB', raw('POST', 'application/json', JSON.stringify(base), { 'content-length': String(10 * 1024 * 1024) }), 413);
  add('100 extra fields', json({ ...base, ...Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, 'x'])) }), 400);

  // Unicode tricks.
  const nameTricks: [string, string][] = [
    ['right-to-left override', 'Max\u202eliaM'],
    ['zero-width space only', '\u200b\u200b\u200b'],
    ['zero-width joiner inside', 'Ma\u200dx'],
    ['byte order mark', '\ufeffMax'],
    ['NUL byte', 'Max\u0000Mustermann'],
    ['bell character', 'Max\u0007'],
    ['escape sequence', '\u001b[31mMax'],
    ['DEL', 'Max\u007f'],
    ['C1 control', 'Max\u009b'],
    ['left-to-right isolate', '\u2066Max\u2069'],
    ['word joiner', 'Max\u2060'],
    ['only spaces', '     '],
    ['noncharacter', 'Max\uffff'],
  ];
  for (const [label, name] of nameTricks) add(`name: ${label}`, json({ ...base, name }), 400);
  const messageTricks: [string, string][] = [
    ['NUL byte', 'Guten Tag\u0000, ich habe eine Frage.'],
    ['right-to-left override', 'Guten Tag, bitte \u202efdp.exe\u202c öffnen.'],
    ['escape sequence', 'Guten Tag \u001b]0;pwned\u0007 Frage'],
    ['vertical tab', 'Guten Tag,\u000bich habe eine Frage.'],
    ['too short in emoji', '😀'.repeat(9)],
    ['too short after trimming', `   ${'\t'}kurz   \n\n`],
    ['spaces only', ' '.repeat(50)],
    ['BOM inside', 'Guten Tag,\ufeff ich habe eine Frage.'],
  ];
  for (const [label, message] of messageTricks) add(`message: ${label}`, json({ ...base, message }), 400);
  const emailTricks: [string, string][] = [
    ['Cyrillic homoglyphs', 'аnwohner@exаmple.net'],
    ['fullwidth at sign', 'anwohner＠example.net'],
    ['no domain dot', 'anwohner@localhost'],
    ['two at signs', 'a@b@example.net'],
    ['display name', 'Max <anwohner@example.net>'],
    ['comma list', 'a@example.net,opfer@evil.test'],
    ['semicolon list', 'a@example.net;opfer@evil.test'],
    ['space inside', 'an wohner@example.net'],
    ['double dot', 'an..wohner@example.net'],
    ['quoted local part', '"a b"@example.net'],
    ['trailing dot', 'anwohner@example.net.'],
    ['IP literal', 'anwohner@[127.0.0.1]'],
    ['zero-width inside', 'anwohner\u200b@example.net'],
    ['empty', ''],
    ['only at', '@'],
    ['missing local part', '@example.net'],
    ['mailto scheme', 'mailto:anwohner@example.net'],
  ];
  for (const [label, email] of emailTricks) add(`email: ${label}`, json({ ...base, email }), 400);

  // HTML and script payloads where nothing but a plain value belongs.
  const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '<svg/onload=alert(1)>', '{{constructor.constructor("alert(1)")()}}', '${7*7}', "'; DROP TABLE messages; --", '../../etc/passwd'];
  for (const payload of payloads) {
    add(`email payload ${payload}`, json({ ...base, email: payload }), 400);
    add(`recipient payload ${payload}`, json({ ...base, recipient: payload }), 400);
    add(`consent payload ${payload}`, json({ ...base, consent: payload }), 400);
    add(`honeypot payload ${payload}`, json({ ...base, homepage: payload }), 400);
  }
  add('started timestamp with script', json({ ...base, started: '<script>' }), 400);
  add('sent timestamp as object', json({ ...base, sent: { $gt: 0 } }), 400);

  // Wrong types.
  const wrongTypes: unknown[] = [123, 0, true, false, null, [], ['a'], {}, { value: 'x' }, 1.5];
  for (const value of wrongTypes) {
    add(`name as ${JSON.stringify(value)}`, json({ ...base, name: value }), 400);
    add(`message as ${JSON.stringify(value)}`, json({ ...base, message: value }), 400);
    add(`email as ${JSON.stringify(value)}`, json({ ...base, email: value }), 400);
    add(`recipient as ${JSON.stringify(value)}`, json({ ...base, recipient: value }), 400);
  }
  add('email as an array of two addresses', json({ ...base, email: ['a@example.net', 'opfer@evil.test'] }), 400);
  for (const consent of [false, 'off', 'no', 'nein', 0, '0', '', null, [true], { yes: true }]) add(`consent ${JSON.stringify(consent)}`, json({ ...base, consent }), 400);

  // Missing fields.
  for (const field of ['recipient', 'name', 'email', 'message', 'consent']) {
    add(`JSON without ${field}`, json(without(base, field)), 400);
    add(`form without ${field}`, form(without(base, field) as Record<string, string>), 400);
    add(`JSON with empty ${field}`, json({ ...base, [field]: '' }), 400);
  }
  add('empty JSON object', json({}), 400);
  add('empty form body', form(''), 400);
  add('empty JSON body', json(''), 400);

  // Forged and unknown recipients, and attempts to name an address.
  const recipients = [
    'offers/gibt-es-nicht',
    'organisations/gibt-es-nicht',
    'networks/gibt-es-nicht',
    'offers/',
    'offers',
    'office/',
    'OFFICE',
    'Office',
    ' offers/job-cafe/ ',
    'offers/job-cafe/../office',
    'offers/../office',
    'offers/JOB-CAFE',
    'offers/job_cafe',
    'pages/impressum',
    'meetings/jahrestreffen',
    'settings/site',
    'mailto:opfer@evil.test',
    'opfer@evil.test',
    'offers/job-cafe?to=opfer@evil.test',
    'offers/job-cafe#x',
    'offers/job-cafe\u0000',
    'offers/jоb-cafe', // Cyrillic o
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    ...unpublishedOffers.map((slug) => `offers/${slug}`),
  ];
  for (const recipient of recipients) add(`recipient ${JSON.stringify(recipient)}`, json({ ...base, recipient }), 400);
  for (const field of ['to', 'cc', 'bcc', 'from', 'replyTo', 'reply_to', 'subject', 'headers', '__proto__', 'constructor']) {
    add(`extra field ${field} (JSON)`, json(`{${Object.entries(base).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')},${JSON.stringify(field)}:"opfer@evil.test"}`), 400);
    add(`extra field ${field} (form)`, form(`${new URLSearchParams(base).toString()}&${encodeURIComponent(field)}=opfer%40evil.test`), 400);
  }
  add('email field sent twice (form)', form(`${new URLSearchParams(base).toString()}&email=opfer%40evil.test`), 400);
  add('recipient field sent twice (form)', form(`${new URLSearchParams(base).toString()}&recipient=office`), 400);

  // Malformed bodies.
  for (const body of ['{', '{"name":', '{"name":"x",}', "{'name':'x'}", 'null', '[]', '[{"name":"x"}]', '"text"', '123', 'true', 'NaN', '{"a":1}{"b":2}', '\u0000', 'name=x&email=y']) {
    add(`malformed JSON ${JSON.stringify(body)}`, json(body), 400);
  }
  add('invalid UTF-8 in JSON', raw('POST', 'application/json', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400);
  add('invalid UTF-8 in form', raw('POST', 'application/x-www-form-urlencoded', new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xc3, 0x28])), 400);

  // Wrong methods and content types.
  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) {
    add(`method ${method}`, raw(method, method === 'GET' || method === 'HEAD' ? undefined : 'application/json', method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(base)), 405);
  }
  for (const type of [undefined, 'text/plain', 'text/html', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp', 'application/x-json', 'application/json-patch+json', 'image/png', 'application/octet-stream', 'text/json']) {
    add(`content type ${type ?? '(none)'}`, raw('POST', type, JSON.stringify(base)), 415);
  }

  // Spam checks.
  add('honeypot filled', json({ ...base, homepage: 'https://spam.example' }), 400);
  add('honeypot filled (form)', form({ ...base, homepage: 'Ich bin ein Bot' }), 400);
  const now = Date.now();
  add('sent 500 ms after the form appeared', json({ ...base, started: String(now), sent: String(now + 500) }), 400);
  add('sent before the form appeared', json({ ...base, started: String(now), sent: String(now - 5_000) }), 400);
  add('sent at the same millisecond', json({ ...base, started: now, sent: now }), 400);
  return list;
}

/** Every message must be one of the catalogue's German error texts. */
const templates = Object.entries(de)
  .filter(([key]) => ['contact.error.', 'request.error.', 'address.error.'].some((prefix) => key.startsWith(prefix)))
  .map(([, text]) => new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+?')}$`, 's'));
const isCatalogueMessage = (message: string) => templates.some((template) => template.test(message));

function messagesFromHtml(html: string): string[] {
  const summary = /<div class="summary"[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<li>(?:<a [^>]*>)?([\s\S]*?)(?:<\/a>)?<\/li>/g)].map((m) =>
    m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

let env: ContactEnv;
let directory: Record<string, { email: string }>;
let unpublished: string[];

beforeAll(async () => {
  env = await startContactEnv({ resendFake: true, env: { MAIL_TIMEOUT_MS: '500' } });
  directory = JSON.parse(readFileSync(join(env.generatedDir, 'recipients.json'), 'utf8'));
  const { loadContent } = await import('../../src/lib/load-content.ts');
  unpublished = loadContent(process.cwd()).content.offers.map((o) => o.id).filter((id) => !directory[`offers/${id}`]);
});
afterAll(() => env.stop());

describe('hostile input', () => {
  it('refuses every generated case with a 4xx and German messages, sends and stores nothing', async () => {
    expect(unpublished.length).toBeGreaterThan(0);
    const all = cases(unpublished);
    expect(all.length).toBeGreaterThanOrEqual(200);
    const failures: string[] = [];
    for (const item of all) {
      let response: Response;
      try {
        response = await contact(item.request(), { ip: nextIp() });
      } catch (error) {
        failures.push(`${item.label}: threw ${String(error)}`);
        continue;
      }
      const expected = item.status;
      if (response.status < 400 || response.status >= 500 || (expected !== undefined && response.status !== expected)) {
        failures.push(`${item.label}: status ${response.status}, expected ${expected ?? '4xx'}`);
        continue;
      }
      const type = response.headers.get('content-type') ?? '';
      const body = await response.text();
      const texts = type.includes('text/html') ? messagesFromHtml(body) : (JSON.parse(body).errors ?? []).map((e: { message: string }) => e.message);
      if (texts.length === 0) failures.push(`${item.label}: no message`);
      for (const text of texts) if (!isCatalogueMessage(text)) failures.push(`${item.label}: not a catalogue message: ${text}`);
    }
    expect(failures).toEqual([]);
    expect(env.fake!.requests).toHaveLength(0);
    const stored = await messages().list({ prefix: 'message/' });
    expect(stored.blobs).toHaveLength(0);
  });

  it('accepts hostile text where text is allowed, escapes it, and mails only addresses from content', async () => {
    const allowed = new Set(Object.values(directory).map((r) => r.email));
    const texts = [
      '<script>alert(1)</script> Bitte um Rückruf.',
      '"><img src=x onerror=alert(1)> Frage zum Kurs',
      'مرحبا، أود التسجيل في الدورة من فضلك', // Arabic with its own direction marks
      '\u200fשלום, אני רוצה להירשם לקורס',
      'Zeile eins\r\nBcc: opfer@evil.test\r\n\r\nZeile drei',
      '%0d%0aBcc: opfer@evil.test und eine Frage',
      '=?UTF-8?B?QmNjOiBvcGZlckBldmlsLnRlc3Q=?= Frage',
    ];
    const recipients = ['office', 'offers/job-cafe', 'organisations/jugendzentrum-wuddi', 'networks/netzwerk-sprache'];
    for (const [index, message] of texts.entries()) {
      const response = await contact(json({ ...base, recipient: recipients[index % recipients.length], name: `<b>Name ${index}</b> "x" & 'y'`, message })(), { ip: nextIp() });
      expect(response.status, message).toBe(200);
    }
    const delivered = env.fake!.delivered();
    expect(delivered).toHaveLength(texts.length);
    for (const mail of delivered) {
      expect(mail.to).toHaveLength(1);
      expect(allowed.has(mail.to[0])).toBe(true);
      expect(mail.reply_to).toBe(base.email);
      expect(mail.html).not.toMatch(/<script|<img|<b>Name/);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.subject).not.toContain('opfer');
      expect(Object.keys(mail.headers ?? {})).toEqual(['X-Entity-Ref-ID']);
    }
  });
});
