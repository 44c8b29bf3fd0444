/**
 * POST /api/contact end to end in Node: the handler with a local Blobs server, the real
 * recipient directory, and the Resend fake (or the .eml outbox).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import contact from '../../functions/contact.ts';
import { retryPending } from '../../functions/contact-retry.ts';
import { MAX_ATTEMPTS } from '../../functions/lib/contact/deliver.ts';
import { load, messages, pendingIds } from '../../functions/lib/contact/messages.ts';
import { admitMessage } from '../../functions/lib/contact/admission.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { formRequest, jsonRequest, nextIp, startContactEnv, type ContactEnv } from '../helpers/contact-env.ts';
import type { ResendFake } from '../helpers/resend-fake.ts';
import { ar } from '../../src/i18n/ar.ts';
import { tr } from '../../src/i18n/tr.ts';

const OFFER = 'offers/deutschkurs-a1-mit-kinderbetreuung';
const valid = (overrides: Record<string, unknown> = {}) => ({
  recipient: OFFER,
  name: 'Anwohnerin Test',
  email: 'anwohnerin@example.net',
  message: 'Guten Tag, ich möchte mich für den Kurs anmelden.',
  consent: true,
  ...overrides,
});

let env: ContactEnv;
let fake: ResendFake;
let directory: Record<string, { email: string; name: string; topic: string; path: string; forwarded: boolean }>;

beforeAll(async () => {
  env = await startContactEnv({ resendFake: true, env: { MAIL_TIMEOUT_MS: '300', QN_CONTACT_RETRY_PACE_MS: '0' } });
  fake = env.fake!;
  directory = JSON.parse(readFileSync(join(env.generatedDir, 'recipients.json'), 'utf8'));
});
afterAll(() => env.stop());
beforeEach(async () => {
  fake.reset();
  // Each test starts with nothing waiting for the retry job.
  const { blobs } = await messages().list({ prefix: 'pending/' });
  await Promise.all(blobs.map((b) => messages().delete(b.key)));
});

async function post(body: unknown, ip = nextIp()) {
  const response = await contact(jsonRequest(body), { ip });
  return { response, json: await response.json() };
}

describe('accepted messages', () => {
  it('delivers to the address from the directory, replies go to the sender, nothing goes to the sender', async () => {
    const { response, json } = await post(valid({ name: 'Ayşe <b>Yılmaz</b>', message: 'Hallo <script>alert(1)</script> & Grüße aus Kinderhaus!' }));
    expect(response.status).toBe(200);
    expect(json).toMatchObject({ ok: true, state: 'sent', title: 'Nachricht verschickt' });
    const [mail] = fake.delivered();
    expect(fake.delivered()).toHaveLength(1);
    expect(mail.to).toEqual([directory[OFFER].email]);
    expect(mail.reply_to).toBe('anwohnerin@example.net');
    expect(mail.subject).toBe('Quartiersnetz Kinderhaus: Nachricht zu „Deutschkurs A1 mit Kinderbetreuung“');
    expect(mail.html).toContain('Hallo &lt;script&gt;alert(1)&lt;/script&gt; &amp; Grüße');
    expect(mail.html).toContain('Ayşe &lt;b&gt;Yılmaz&lt;/b&gt;');
    expect(mail.html).not.toContain('<script');
    expect(mail.text).toContain('Hallo <script>alert(1)</script> & Grüße');
    expect(mail.text).toContain('https://quartiersnetz-kinderhaus.example.org/angebote/deutschkurs-a1-mit-kinderbetreuung/');
    expect(fake.requests[0].headers['idempotency-key']).toBe(json.id);
  });

  it('answers a plain form POST (no JavaScript) with a German page and a way back', async () => {
    const response = await contact(formRequest({ recipient: 'office', name: 'Test', email: 'test@example.net', message: 'Eine Frage zur Website bitte.', consent: 'on', homepage: '' }), { ip: nextIp() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain('Nachricht verschickt');
    expect(html).toContain('href="/kontakt/"');
    expect(fake.delivered()[0].to).toEqual([directory.office.email]);
  });

  it('answers in the language of the page the form was sent from; the mail stays German', async () => {
    const { response, json } = await post(valid({ lang: 'tr' }));
    expect(response.status).toBe(200);
    expect(json.title).toBe(tr['contact.sent.title']);
    expect(json.message).toContain('Teşekkürler');
    expect(fake.delivered()[0].subject).toBe('Quartiersnetz Kinderhaus: Nachricht zu „Deutschkurs A1 mit Kinderbetreuung“');

    const refused = await post(valid({ lang: 'tr', name: '' }));
    expect(refused.response.status).toBe(400);
    expect(refused.json.title).toBe(tr['contact.errorSummary']);
    expect(refused.json.errors).toContainEqual({ field: 'name', message: tr['contact.error.name.required'] });

    // Anything that is not a language of the site means German.
    expect((await post(valid({ lang: 'xx', name: '' }))).json.title).toBe('Bitte prüfen Sie Ihre Angaben');
  });

  it('shows the no-JavaScript error page in Arabic, right to left, with links into the Arabic site', async () => {
    const response = await contact(formRequest({ recipient: OFFER, lang: 'ar', name: '', email: 'test@example.net', message: 'مرحبا، عندي سؤال عن الدورة.', homepage: '' }), { ip: nextIp() });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(`<h1>${ar['contact.result.errorTitle']}</h1>`);
    expect(html).toContain(`<a href="#contact-name">${ar['contact.error.name.required']}</a>`);
    expect(html).toContain('<input type="hidden" name="lang" value="ar">');
    expect(html).toContain('href="/ar/angebote/deutschkurs-a1-mit-kinderbetreuung/"');
    expect(html).toContain('href="/ar/datenschutz/"');
    expect(fake.requests).toHaveLength(0);
  });

  it('shows errors without JavaScript as a summary linking to the fields, and keeps what was typed', async () => {
    const response = await contact(formRequest({ recipient: OFFER, name: '', email: 'kein-at-zeichen', message: '<b>Hallo</b> "du"', homepage: '' }), { ip: nextIp() });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<a href="#contact-name">Bitte geben Sie Ihren Namen an.</a>');
    expect(html).toContain('<a href="#contact-email">Bitte geben Sie eine gültige E-Mail-Adresse an');
    expect(html).toContain('href="#contact-consent"');
    expect(html).toContain('value="kein-at-zeichen"');
    expect(html).toContain('>&lt;b&gt;Hallo&lt;/b&gt; &quot;du&quot;</textarea>');
    expect(html).toContain('href="/angebote/deutschkurs-a1-mit-kinderbetreuung/"');
    expect(fake.requests).toHaveLength(0);
  });

  it('tells the visitor a message is accepted when the provider fails, and the retry job delivers it once', async () => {
    fake.failNext(1, 500);
    const { response, json } = await post(valid());
    expect(response.status).toBe(202);
    expect(json).toMatchObject({ ok: true, state: 'queued', title: 'Nachricht angekommen' });
    const stored = await load(json.id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, input: { email: 'anwohnerin@example.net' } });
    expect(await pendingIds()).toContain(json.id);

    // Not due yet: the backoff holds it back.
    expect((await retryPending({ nowMs: Date.now() + 10_000 })).due).toBe(0);
    await retryPending({ nowMs: Date.now() + 2 * 60_000 });
    expect(fake.delivered()).toHaveLength(1);
    const done = await load(json.id);
    expect(done).toMatchObject({ status: 'sent' });
    // Delivered: the content is gone from storage.
    expect(done?.input).toBeUndefined();
    expect(await pendingIds()).not.toContain(json.id);
    expect(new Set(fake.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([json.id]));
  });

  it('stores the message before it tries to send', async () => {
    fake.hangNext(1);
    const pending = post(valid());
    await expect.poll(() => fake.requests.length, { timeout: 5_000, interval: 10 }).toBe(1);
    const key = fake.requests[0].headers['idempotency-key'];
    const stored = await load(key);
    expect(stored?.input?.message).toBe(valid().message);
    const { response } = await pending;
    expect(response.status).toBe(202);
  });

  it('treats a double click as one message', async () => {
    const ip = nextIp();
    const first = await post(valid(), ip);
    const second = await post(valid(), ip);
    expect(second.response.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('three identical posts at once are one message and one mail', async () => {
    const ip = nextIp();
    const answers = await Promise.all(Array.from({ length: 3 }, () => post(valid({ message: 'Guten Tag, dreimal geklickt.' }), ip)));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('stores a repeated post itself when the original was cut off before it was stored, and mails it once', async () => {
    const ip = nextIp();
    const input = { recipient: OFFER, name: 'Anwohnerin Test', email: 'anwohnerin@example.net', message: 'Guten Tag, abgebrochen.' };
    // The original invocation got as far as its admission, then stopped.
    const cutOff = await admitMessage(ip, input);
    expect(cutOff.state).toBe('new');
    const again = await post(valid({ message: input.message }), ip);
    expect(again.response.status).toBe(200);
    expect(again.json.id).toBe((cutOff as { id: string }).id);
    expect((await load(again.json.id))?.status).toBe('sent');
    expect(fake.delivered()).toHaveLength(1);
  });

  it('hands a message over to the social office after repeated failure, once', async () => {
    fake.setPolicy((request) => (request.body?.to?.[0] === directory[OFFER].email ? { status: 503 } : undefined));
    const { json } = await post(valid());
    let clock = Date.now();
    for (let run = 0; run < MAX_ATTEMPTS + 3; run++) {
      clock += 5 * 60 * 60_000;
      await retryPending({ nowMs: clock });
    }
    const delivered = fake.delivered();
    expect(delivered).toHaveLength(1);
    expect(delivered[0].to).toEqual([directory.office.email]);
    expect(delivered[0].subject).toContain('konnte nicht zugestellt werden');
    expect(delivered[0].text).toContain(valid().message);
    expect(delivered[0].reply_to).toBe('anwohnerin@example.net');
    expect(await load(json.id)).toMatchObject({ status: 'escalated' });
    const toRecipient = fake.requests.filter((r) => r.body?.to?.[0] === directory[OFFER].email);
    expect(toRecipient).toHaveLength(MAX_ATTEMPTS);
  });

  it('hands over at once when the provider refuses the mail for good (4xx)', async () => {
    fake.setPolicy((request) => (request.body?.to?.[0] === directory[OFFER].email ? { status: 422, name: 'validation_error' } : undefined));
    const { response, json } = await post(valid());
    expect(response.status).toBe(202);
    await retryPending({ nowMs: Date.now() + 1000 });
    expect(fake.delivered().map((m) => m.to[0])).toEqual([directory.office.email]);
    expect(await load(json.id)).toMatchObject({ status: 'escalated' });
  });

  it('passes messages for entries without an address through the office, saying for whom', async () => {
    const file = join(env.generatedDir, 'recipients.json');
    const original = readFileSync(file, 'utf8');
    const patched = JSON.parse(original);
    patched['organisations/ohne-adresse'] = { email: directory.office.email, name: directory.office.name, topic: 'Verein ohne Adresse', path: '/organisationen/ohne-adresse/', forwarded: true };
    writeFileSync(file, JSON.stringify(patched));
    try {
      const { response } = await post(valid({ recipient: 'organisations/ohne-adresse' }));
      expect(response.status).toBe(200);
      const [mail] = fake.delivered();
      expect(mail.to).toEqual([directory.office.email]);
      expect(mail.text).toContain('Diese Nachricht ist für Verein ohne Adresse');
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('abuse protection', () => {
  it('limits accepted messages per IP and says when to try again', async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i++) expect((await post(valid({ message: `Nachricht Nummer ${i} an den Kurs.` }), ip)).response.status).toBe(200);
    const { response, json } = await post(valid({ message: 'Die sechste Nachricht in kurzer Zeit.' }), ip);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(json.errors[0].message).toMatch(/^Von Ihrem Anschluss kamen in kurzer Zeit viele Nachrichten\. Bitte versuchen Sie es in \d+ Minuten noch einmal/);
    expect(fake.delivered()).toHaveLength(5);
    expect((await post(valid(), nextIp())).response.status).toBe(200);
  });

  it('refuses a filled honeypot and a form sent faster than a person can type', async () => {
    const trap = await post(valid({ homepage: 'http://spam.example' }));
    expect(trap.response.status).toBe(400);
    expect(trap.json.errors[0].message).toContain('automatisch ausgefüllten Anfrage');
    const now = Date.now();
    const fast = await post(valid({ started: String(now), sent: String(now + 800) }));
    expect(fast.response.status).toBe(400);
    expect(fast.json.errors[0].message).toContain('Das ging sehr schnell');
    const human = await post(valid({ started: String(now - 60_000), sent: String(now) }));
    expect(human.response.status).toBe(200);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('answers wrong methods with 405, other content types with 415 and big bodies with 413', async () => {
    const get = await contact(new Request('http://localhost/api/contact'), { ip: nextIp() });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const text = await contact(new Request('http://localhost/api/contact', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hallo' }), { ip: nextIp() });
    expect(text.status).toBe(415);
    const big = await post(valid({ message: 'x'.repeat(40_000) }));
    expect(big.response.status).toBe(413);
    expect(big.json.errors[0].message).toContain('höchstens 32 KB');
    expect(fake.requests).toHaveLength(0);
    expect(await messages().list({ prefix: 'message/' }).then((r) => r.blobs.length)).toBeGreaterThan(0);
  });
});

describe('local outbox', () => {
  it('writes an .eml a mail program opens when no RESEND_API_KEY is set', async () => {
    const key = process.env.RESEND_API_KEY;
    delete process.env.RESEND_API_KEY;
    try {
      const { response } = await post(valid({ recipient: 'networks/netzwerk-sprache' }));
      expect(response.status).toBe(200);
      const [file] = listOutbox(env.outboxDir);
      const mail = await PostalMime.parse(readFileSync(file.file));
      expect(mail.to?.[0].address).toBe(directory['networks/netzwerk-sprache'].email);
      expect(mail.replyTo?.[0].address).toBe('anwohnerin@example.net');
      expect(mail.subject).toBe('Quartiersnetz Kinderhaus: Nachricht zu „Netzwerk Sprache“'.replace('Netzwerk Sprache', directory['networks/netzwerk-sprache'].topic));
      expect(mail.text).toContain(valid().message);
    } finally {
      process.env.RESEND_API_KEY = key;
    }
  });
});
