/**
 * Subscribe under abuse, against the handler with the local Blobs server and the Resend
 * fake: addresses that cannot be mailed are refused after Unicode normalisation, bodies
 * are limited while they stream in, broken multipart is a 400, one client gets a limited
 * number of confirmation mails with Retry-After, and a mail that failed costs nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import subscribe from '../../functions/newsletter-subscribe.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { MAX_CONFIRMATIONS_PER_DAY } from '../../functions/lib/newsletter/throttle.ts';
import { form, startNewsletterEnv, type NewsletterEnv } from './env.ts';
import { de } from '../../src/i18n/de.ts';

const SUBSCRIBE = 'http://localhost:8888/api/newsletter/subscribe';
let env: NewsletterEnv;
let ipCounter = 0;
const nextIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(() => env.stop());
beforeEach(() => env.fake!.reset());

const fields = (email: string, extra: Record<string, string> = {}) => ({ email, networks: 'netzwerk-sprache', consent: 'yes', consent_version: consentVersion(), website: '', ...extra });

async function post(request: Request, ip = nextIp()) {
  const response = await subscribe(request, { ip });
  return { response, text: await response.text() };
}

describe('addresses that can be mailed', () => {
  const cases: [string, string, string][] = [
    ['NUL', 'nul\u0000@example.org', de['address.error.characters']],
    ['text-direction override U+202E', 'gro\u202eup@example.org', de['address.error.characters']],
    ['zero-width space', 'zero\u200bwidth@example.org', de['address.error.characters']],
    ['trailing line break', 'line@example.org\n', de['address.error.characters']],
    ['full-width letter', 'ｆull@example.org', de['address.error.confusable']],
    ['full-width at sign', 'full＠example.org', de['address.error.confusable']],
    ['ligature', 'ﬁsh@example.org', de['address.error.confusable']],
    ['no domain dot', 'nodot@localhost', de['newsletter.error.email']],
  ];
  it.each(cases)('refuses %s with a clear message and mails nothing', async (_label, email, message) => {
    const { response, text } = await post(form(SUBSCRIBE, fields(email), 'application/json'));
    expect(response.status).toBe(422);
    expect(JSON.parse(text).message).toBe(message);
    expect(env.fake!.delivered()).toHaveLength(0);
  });

  it('accepts an address with spaces and capitals and mails it in lower case', async () => {
    const { response } = await post(form(SUBSCRIBE, fields('  Plain.Person@Example.org ')));
    expect(response.status).toBe(200);
    expect(env.fake!.delivered().map((m) => m.to[0])).toEqual(['plain.person@example.org']);
  });
});

describe('reading the request', () => {
  it('answers a body over 16 KB with 413 "too large", not "enter your email"', async () => {
    const body = new URLSearchParams({ ...fields('gross@example.org'), padding: 'x'.repeat(17 * 1024) }).toString();
    const request = new Request(SUBSCRIBE, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body });
    const { response, text } = await post(request);
    expect(response.status).toBe(413);
    expect(JSON.parse(text).message).toBe(de['request.error.tooLarge'].replace('{max}', '16'));
  });

  it('limits a streamed body without Content-Length while reading it', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('a'.repeat(4096)));
        if (pulled > 1000) controller.close();
      },
    });
    const request = new Request(SUBSCRIBE, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: stream, duplex: 'half' } as RequestInit);
    const { response } = await post(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it.each([
    ['no boundary', 'multipart/form-data', 'email=a@example.org'],
    ['wrong boundary', 'multipart/form-data; boundary=xyz', '--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.org\r\n--abc--'],
    ['truncated part', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@exa'],
  ])('answers broken multipart (%s) with 400 and a German message, no stack trace', async (_label, type, body) => {
    const request = new Request(SUBSCRIBE, { method: 'POST', headers: { 'content-type': type }, body });
    const { response, text } = await post(request);
    expect(response.status).toBe(400);
    expect(text).toContain(de['request.error.malformed']);
    expect(text).not.toMatch(/at \w+ \(|node:|\/work\/|TypeError/);
  });

  it('reads a well-formed multipart form', async () => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields('multi@example.org'))) data.append(name, value);
    const { response } = await post(new Request(SUBSCRIBE, { method: 'POST', body: data }));
    expect(response.status).toBe(200);
    expect(env.fake!.delivered()).toHaveLength(1);
  });
});

describe('limits', () => {
  it('one client gets the limit of confirmation mails in a burst, then 429 with Retry-After', async () => {
    const saved = process.env.QN_SUBSCRIBE_RATE_LIMIT;
    process.env.QN_SUBSCRIBE_RATE_LIMIT = '5/600';
    try {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post(form(SUBSCRIBE, fields(`flut-${i}@example.org`), 'application/json'), '198.51.100.77')));
      const accepted = results.filter((r) => r.response.status === 200);
      const limited = results.filter((r) => r.response.status === 429);
      expect(accepted).toHaveLength(5);
      expect(limited).toHaveLength(25);
      expect(env.fake!.delivered()).toHaveLength(5);
      for (const { response, text } of limited) {
        const seconds = Number(response.headers.get('retry-after'));
        expect(seconds).toBeGreaterThan(590);
        expect(seconds).toBeLessThanOrEqual(600);
        expect(JSON.parse(text).message).toBe('Von Ihrem Anschluss kamen in kurzer Zeit viele Anmeldungen. Bitte versuchen Sie es in 10 Minuten noch einmal.');
      }
    } finally {
      process.env.QN_SUBSCRIBE_RATE_LIMIT = saved;
    }
  });

  it('a confirmation mail that failed does not use up one of the address\'s mails', async () => {
    env.fake!.failNext(3, 500, { path: '/emails' });
    for (let i = 0; i < 3; i++) expect((await post(form(SUBSCRIBE, fields('pech@example.org')))).response.status).toBe(503);
    for (let i = 0; i < MAX_CONFIRMATIONS_PER_DAY + 2; i++) expect((await post(form(SUBSCRIBE, fields('pech@example.org')))).response.status).toBe(200);
    expect(env.fake!.delivered().filter((m) => m.to[0] === 'pech@example.org')).toHaveLength(MAX_CONFIRMATIONS_PER_DAY);
  });
});
