import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { sendBatch, sendMail, type OutgoingMail } from '../../functions/lib/mail.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { store } from '../../functions/lib/stores.ts';
import { startResendFake, type ResendFake } from '../helpers/resend-fake.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';

const mail = {
  to: 'Beratung Süd <beratung@example.org>',
  from: 'Quartiersnetz Kinderhaus <kontakt@example.org>',
  replyTo: 'anwohnerin@example.org',
  subject: 'Nachricht über „Deutschkurs A1“ – Grüße aus Kinderhaus, mit einem sehr langen Betreff, der gefaltet werden muss',
  text: 'Guten Tag,\nich möchte mich anmelden. Straße: Idenbrockplatz 8 = Treffpunkt.\n' + 'x'.repeat(200),
  html: '<p>Guten Tag,</p><p>ich möchte mich anmelden. 😀</p>',
  headers: { 'List-Unsubscribe': '<https://quartiersnetz.example.org/newsletter/abmelden/?token=abc>, <mailto:abmelden@example.org>', 'X-Qn-Kind': 'Rückfrage' },
};

describe('outbox transport (no RESEND_API_KEY)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qn-outbox-'));
    process.env.QN_OUTBOX_DIR = dir;
    delete process.env.RESEND_API_KEY;
  });
  afterAll(() => {
    delete process.env.QN_OUTBOX_DIR;
  });

  it('writes an .eml that a mail parser reads back field for field', async () => {
    const result = await sendMail(mail);
    expect(result.ok).toBe(true);
    const [entry] = listOutbox(dir);
    const raw = readFileSync(entry.file, 'utf8');
    expect(raw).toMatch(/^From: /);
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(raw).not.toMatch(/[^\r]\n/); // CRLF only
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from).toMatchObject({ name: 'Quartiersnetz Kinderhaus', address: 'kontakt@example.org' });
    expect(parsed.to?.[0]).toMatchObject({ name: 'Beratung Süd', address: 'beratung@example.org' });
    expect(parsed.replyTo?.[0]?.address).toBe('anwohnerin@example.org');
    expect(parsed.text?.trim()).toBe(mail.text);
    expect(parsed.html?.trim()).toBe(mail.html);
    const headers = Object.fromEntries(parsed.headers.map((h) => [h.key, h.value]));
    expect(headers['list-unsubscribe']).toBe(mail.headers['List-Unsubscribe']);
    expect(headers['x-qn-kind']).toContain('=?UTF-8?B?');
  });

  it('writes one file per idempotency key', async () => {
    const first = await sendMail(mail, { idempotencyKey: 'contact-1' });
    const again = await sendMail(mail, { idempotencyKey: 'contact-1' });
    const other = await sendMail(mail, { idempotencyKey: 'contact-2' });
    expect(first).toEqual(again);
    expect(other.ok && first.ok && other.id !== first.id).toBe(true);
    expect(listOutbox(dir)).toHaveLength(2);
  });

  it('refuses header injection and several recipients without writing anything', async () => {
    const cases: OutgoingMail[] = [
      { ...mail, subject: 'Hallo\r\nBcc: opfer@example.com' },
      { ...mail, replyTo: 'a@example.org\nBcc: opfer@example.com' },
      { ...mail, to: 'a@example.org, opfer@example.com' },
      { ...mail, headers: { Bcc: 'opfer@example.com' } },
      { ...mail, headers: { 'X-Test': 'a\r\nBcc: opfer@example.com' } },
    ];
    for (const bad of cases) {
      const result = await sendMail(bad);
      expect(result).toMatchObject({ ok: false, retryable: false });
    }
    expect(listOutbox(dir)).toHaveLength(0);
  });
});

describe('Resend transport against the local fake', () => {
  let fake: ResendFake;
  beforeAll(async () => {
    fake = await startResendFake();
    process.env.RESEND_API_KEY = 're_test';
    process.env.RESEND_BASE_URL = fake.url;
  });
  afterAll(async () => {
    delete process.env.RESEND_API_KEY;
    delete process.env.RESEND_BASE_URL;
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('delivers through the SDK with reply_to, headers and the idempotency key', async () => {
    const result = await sendMail(mail, { idempotencyKey: 'msg-1' });
    expect(result.ok).toBe(true);
    const [request] = fake.requests;
    expect(request.headers['idempotency-key']).toBe('msg-1');
    expect(request.headers.authorization).toBe('Bearer re_test');
    expect(request.body).toMatchObject({ to: [mail.to], reply_to: mail.replyTo, subject: mail.subject, headers: mail.headers });
    const again = await sendMail(mail, { idempotencyKey: 'msg-1' });
    expect(again).toEqual(result);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('classifies failures: 5xx, 429 and timeouts are retryable, 4xx is not', async () => {
    fake.failNext(1, 500);
    expect(await sendMail(mail)).toMatchObject({ ok: false, retryable: true, status: 500 });
    fake.failNext(1, 429);
    expect(await sendMail(mail)).toMatchObject({ ok: false, retryable: true, status: 429 });
    fake.failNext(1, 422);
    expect(await sendMail(mail)).toMatchObject({ ok: false, retryable: false, status: 422 });
    fake.hangNext(1);
    const started = Date.now();
    expect(await sendMail(mail, { timeoutMs: 200 })).toMatchObject({ ok: false, retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.delivered()).toHaveLength(0);
  });

  it('checks every mail of a batch like a single mail, and classifies a batch failure the same way', async () => {
    const injected = { ...mail, from: 'Quartiersnetz <news@example.org>', headers: { 'List-Unsubscribe': '<https://x.example.org/u>\r\nBcc: opfer@evil.test' } };
    expect(await sendBatch([{ ...mail, from: 'news@example.org' }, injected], { idempotencyKey: 'batch-checks' })).toMatchObject({ ok: false, retryable: false, message: 'header List-Unsubscribe contains a line break' });
    expect(fake.requests).toHaveLength(0);
    fake.failNext(1, 503, { path: '/emails/batch' });
    expect(await sendBatch([{ ...mail, from: 'news@example.org' }], { idempotencyKey: 'batch-503' })).toMatchObject({ ok: false, retryable: true, status: 503 });
    fake.failNext(1, 422, { path: '/emails/batch' });
    expect(await sendBatch([{ ...mail, from: 'news@example.org' }], { idempotencyKey: 'batch-422' })).toMatchObject({ ok: false, retryable: false, status: 422 });
    expect(await sendBatch([{ ...mail, from: 'news@example.org' }], { idempotencyKey: 'batch-ok' })).toMatchObject({ ok: true });
    expect(fake.delivered()).toHaveLength(1);
  });

  it('does not deliver twice when a response was lost after delivery', async () => {
    fake.hangNext(1, { afterDelivery: true });
    expect(await sendMail(mail, { idempotencyKey: 'lost-1', timeoutMs: 200 })).toMatchObject({ ok: false, retryable: true });
    expect(await sendMail(mail, { idempotencyKey: 'lost-1' })).toMatchObject({ ok: true });
    expect(fake.delivered()).toHaveLength(1);
  });
});

describe('blobs helper', () => {
  let blobs: LocalBlobs;
  beforeAll(async () => {
    blobs = await startBlobs();
  });
  afterAll(() => blobs.stop());

  it('gives strongly consistent stores with atomic claims', async () => {
    const s = store('mail-test');
    await s.setJSON('a', { n: 1 });
    expect(await s.get('a', { type: 'json' })).toEqual({ n: 1 });
    const first = await s.set('claim', 'x', { onlyIfNew: true });
    const second = await s.set('claim', 'y', { onlyIfNew: true });
    expect(first.modified).toBe(true);
    expect(second.modified).toBe(false);
  });
});
