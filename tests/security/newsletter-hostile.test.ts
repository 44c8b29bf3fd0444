/**
 * Issue 15: a generated hostile suite for the newsletter endpoints (subscribe, confirm,
 * unsubscribe), run against the handlers with a local Blobs server and the Resend fake.
 * Token spellings, whitespace, encodings, forged and expired tokens, purposes swapped,
 * huge and malformed bodies, wrong types, methods and content types. Every case must
 * answer without a 5xx, and none may change anything: the test snapshots every Blobs
 * store, the fake's contacts and deliveries and the outbox before and after each case.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import confirm from '../../functions/newsletter-confirm.ts';
import subscribe from '../../functions/newsletter-subscribe.ts';
import unsubscribe from '../../functions/newsletter-unsubscribe.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { unsubscribeUrl } from '../../functions/lib/newsletter/send.ts';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken } from '../../functions/lib/newsletter/token.ts';
import { store } from '../../functions/lib/stores.ts';
import { RETENTION } from '../../src/lib/retention.ts';
import { form, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from '../newsletter/env.ts';
import { byteEqualSpellings, whitespaceSpellings } from './token-spellings.ts';

const ORIGIN = 'http://localhost:8888';
const ENDPOINT = { confirm: `${ORIGIN}/api/newsletter/confirm`, unsubscribe: `${ORIGIN}/api/newsletter/unsubscribe`, subscribe: `${ORIGIN}/api/newsletter/subscribe` };
const HANDLER = { confirm, unsubscribe, subscribe };
type Endpoint = keyof typeof ENDPOINT;

interface Case {
  label: string;
  endpoint: Endpoint;
  request: () => Request;
}

let env: NewsletterEnv;
/** A confirmation link that was already used. */
let usedToken = '';
/** A valid, unused confirmation link: only broken versions of it are sent. */
let freshToken = '';
/** The unsubscribe link of a person who is already unsubscribed from everything. */
let doneUnsubscribe = '';

const STORES = [...new Set([...Object.values(RETENTION).map((r) => r.store), 'newsletter-topics', 'newsletter-consent-texts'])];

async function snapshot(): Promise<string> {
  const parts: unknown[] = await Promise.all(
    STORES.map(async (name) => {
      const blobs = store(name);
      const keys = (await blobs.list()).blobs.map((b) => b.key).sort();
      return [name, await Promise.all(keys.map(async (key) => [key, await blobs.get(key)]))];
    }),
  );
  parts.push([...env.fake!.state.contacts.values()].map((c) => [c.email, c.unsubscribed, c.topics]));
  parts.push(env.fake!.delivered().length, readdirSync(env.outboxDir).length);
  return JSON.stringify(parts);
}

function confirmToken(email: string, overrides: Partial<{ expires: number; networks: string[] }> = {}, secret = TEST_SECRET): string {
  const issued = Math.floor(Date.now() / 1000);
  return signToken('confirm', { email, networks: ['netzwerk-sprache'], issued, expires: issued + CONFIRM_TOKEN_TTL_SECONDS, consentVersion: consentVersion(), ...overrides }, secret);
}

const post = (endpoint: Endpoint, body: BodyInit | null, contentType?: string, query = '') => () =>
  new Request(`${ENDPOINT[endpoint]}${query}`, { method: 'POST', headers: contentType ? { 'content-type': contentType, accept: 'text/html' } : { accept: 'text/html' }, body });
const get = (endpoint: Endpoint, query: string) => () => new Request(`${ENDPOINT[endpoint]}${query}`);

/** Spellings of a token that must never work: each character changed, cut, padded, re-encoded. */
function brokenVersions(token: string): string[] {
  const [payload, signature] = token.split('.');
  const out = new Set<string>();
  for (let i = 0; i < token.length; i += Math.ceil(token.length / 24)) {
    const c = token[i];
    if (c === '.') continue;
    out.add(token.slice(0, i) + (c === 'A' ? 'B' : 'A') + token.slice(i + 1));
  }
  for (const cut of [1, 2, 5, 20]) out.add(token.slice(0, -cut));
  out.add(`${token}A`);
  out.add(`${token}.`);
  out.add(`.${token}`);
  out.add(`${payload}.${signature}.${signature}`);
  out.add(token.replace(/-/g, '+').replace(/_/g, '/'));
  out.add(`${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`);
  out.add(`${payload}.${Buffer.from(signature, 'base64url').toString('hex')}`);
  out.add(token.toUpperCase());
  out.add(token.replace('.', '\u2024'));
  out.add(token.replace('.', '%2E'));
  out.add(`${payload}\u0000.${signature}`);
  out.add(`${token}\u200b`);
  out.add(token.split('').reverse().join(''));
  // The signature of one link on the payload of another.
  out.add(`${Buffer.from(JSON.stringify({ e: 'angreifer@example.org', n: ['netzwerk-sprache'], x: 0 })).toString('base64url')}.${signature}`);
  out.delete(token);
  return [...out];
}

function cases(): Case[] {
  const list: Case[] = [];
  const add = (label: string, endpoint: Endpoint, request: () => Request) => list.push({ label, endpoint, request });
  const expired = confirmToken('abgelaufen@example.org', { expires: Math.floor(Date.now() / 1000) - 10 });
  const foreign = confirmToken('fremd@example.org', {}, 'a-secret-nobody-here-knows-0123456789-abcdef');
  const noNetworks = confirmToken('ohne@example.org', { networks: ['gibt-es-nicht'] });
  const unsubscribeToken = new URL(unsubscribeUrl(ORIGIN, 'jemand@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;

  // Confirmation: a used link in every spelling, on every channel.
  for (const variant of [usedToken, ...byteEqualSpellings(usedToken), ...whitespaceSpellings(usedToken)]) {
    add(`used link ${JSON.stringify(variant.slice(-6))} as form`, 'confirm', () => form(ENDPOINT.confirm, { token: variant }));
    add(`used link ${JSON.stringify(variant.slice(-6))} in the query, empty body`, 'confirm', post('confirm', '', 'application/x-www-form-urlencoded', `?token=${encodeURIComponent(variant)}`));
    add(`used link ${JSON.stringify(variant.slice(-6))} as JSON`, 'confirm', post('confirm', JSON.stringify({ token: variant }), 'application/json'));
  }
  add('used link, query with raw %20', 'confirm', post('confirm', '', 'application/x-www-form-urlencoded', `?token=${usedToken}%20`));
  add('used link, query with +', 'confirm', post('confirm', '', 'application/x-www-form-urlencoded', `?token=${usedToken}+`));
  // Broken, forged, expired, foreign and wrong-purpose links.
  for (const [name, token] of [...brokenVersions(freshToken).map((t, i) => [`broken #${i}`, t] as const), ['expired', expired], ['foreign secret', foreign], ['unknown networks', noNetworks], ['unsubscribe link', unsubscribeToken]] as const) {
    add(`${name} as form`, 'confirm', () => form(ENDPOINT.confirm, { token }));
    add(`${name} via GET`, 'confirm', get('confirm', `?token=${encodeURIComponent(token)}`));
  }
  for (const variant of byteEqualSpellings(freshToken)) add(`byte-equal spelling of an unused link`, 'confirm', () => form(ENDPOINT.confirm, { token: variant }));
  // Wrong types and shapes.
  for (const body of [{ token: 12345 }, { token: null }, { token: true }, { token: { $ne: '' } }, { token: [] }, { token: [12] }, [usedToken], 'null', '"x"', '{', '{"token":', `{"token":"${'a'.repeat(100_000)}"}`]) {
    add(`JSON ${JSON.stringify(body).slice(0, 30)}`, 'confirm', post('confirm', typeof body === 'string' ? body : JSON.stringify(body), 'application/json'));
  }
  add('token twice, a broken one first', 'confirm', post('confirm', `token=${encodeURIComponent(`${freshToken}x`)}&token=${encodeURIComponent(usedToken)}`, 'application/x-www-form-urlencoded'));
  add('percent garbage', 'confirm', post('confirm', 'token=%zz%E0%A4%A&lang=%', 'application/x-www-form-urlencoded'));
  add('invalid UTF-8', 'confirm', post('confirm', new Uint8Array([0x74, 0x6f, 0x6b, 0x65, 0x6e, 0x3d, 0xc3, 0x28, 0xff]), 'application/x-www-form-urlencoded'));
  add('broken multipart', 'confirm', post('confirm', '--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc', 'multipart/form-data; boundary=x'));
  add('multipart without boundary', 'confirm', post('confirm', 'token=abc', 'multipart/form-data'));
  add('text/plain', 'confirm', post('confirm', `token=${freshToken}x`, 'text/plain'));
  add('no content type', 'confirm', post('confirm', `token=${freshToken}x`));
  add('huge form body (2 MB)', 'confirm', post('confirm', `token=${'A'.repeat(2 * 1024 * 1024)}`, 'application/x-www-form-urlencoded'));
  add('huge JSON body (2 MB)', 'confirm', post('confirm', JSON.stringify({ token: 'x', pad: 'y'.repeat(2 * 1024 * 1024) }), 'application/json'));
  add('deeply nested JSON', 'confirm', post('confirm', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'application/json'));
  add('huge query token', 'confirm', get('confirm', `?token=${'A'.repeat(60_000)}`));
  add('lang injection', 'confirm', () => form(ENDPOINT.confirm, { token: `${freshToken}x`, lang: '"><script>alert(1)</script>' }));
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) add(`${method} with a used link`, 'confirm', () => new Request(`${ENDPOINT.confirm}?token=${encodeURIComponent(usedToken)}`, { method }));

  // Unsubscribe: broken links, swapped purposes, an already-unsubscribed person.
  for (const [name, token] of [...brokenVersions(unsubscribeToken).map((t, i) => [`broken #${i}`, t] as const), ['confirm link', freshToken], ['used confirm link', usedToken]] as const) {
    add(`unsubscribe ${name} scope=all`, 'unsubscribe', () => form(ENDPOINT.unsubscribe, { token, scope: 'all' }));
    add(`unsubscribe ${name} one-click`, 'unsubscribe', post('unsubscribe', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded', `?token=${encodeURIComponent(token)}`));
  }
  for (const variant of [doneUnsubscribe, ...byteEqualSpellings(doneUnsubscribe), ...whitespaceSpellings(doneUnsubscribe)]) {
    add('already unsubscribed, again', 'unsubscribe', () => form(ENDPOINT.unsubscribe, { token: variant, scope: 'all' }));
  }
  for (const body of [{ token: 1 }, { token: [doneUnsubscribe, 'x'] }, '{', 'null']) add(`unsubscribe JSON ${JSON.stringify(body).slice(0, 20)}`, 'unsubscribe', post('unsubscribe', typeof body === 'string' ? body : JSON.stringify(body), 'application/json'));
  add('unsubscribe huge body', 'unsubscribe', post('unsubscribe', `token=${'B'.repeat(2 * 1024 * 1024)}&scope=all`, 'application/x-www-form-urlencoded'));
  add('unsubscribe broken multipart', 'unsubscribe', post('unsubscribe', '--y\r\n\r\n', 'multipart/form-data; boundary=y'));
  add('unsubscribe GET without token', 'unsubscribe', get('unsubscribe', ''));
  add('unsubscribe DELETE', 'unsubscribe', () => new Request(ENDPOINT.unsubscribe, { method: 'DELETE' }));

  // Subscribe: nothing invalid may be stored or mailed.
  const valid = { email: 'neu@example.org', networks: 'netzwerk-sprache', consent: 'yes', consent_version: consentVersion(), website: '' };
  const invalidForms: Record<string, string | string[]>[] = [
    { ...valid, email: '' },
    { ...valid, email: 'keine-adresse' },
    { ...valid, email: 'a@b' },
    { ...valid, email: `${'a'.repeat(250)}@example.org` },
    { ...valid, email: 'opfer@example.org\r\nBcc: viele@example.org' },
    { ...valid, email: '"quoted"@example.org' },
    { ...valid, email: 'a@example.org, b@example.org' },
    { ...valid, email: '<a@example.org>' },
    { ...valid, networks: 'gibt-es-nicht' },
    { ...valid, networks: [] },
    { ...valid, networks: ['netzwerk-sprache', '../../etc'] },
    { ...valid, consent: '' },
    { ...valid, consent: 'no' },
    { ...valid, consent_version: 'alt' },
    { ...valid, consent_version: '' },
  ];
  for (const fields of invalidForms) add(`subscribe ${JSON.stringify(fields).slice(0, 50)}`, 'subscribe', () => form(ENDPOINT.subscribe, fields));
  for (const body of [{ ...valid, email: 12 }, { ...valid, email: [12] }, { ...valid, email: { a: 1 } }, { ...valid, consent: false }, { ...valid, networks: 7 }, [], 'null', '{', '"x"'])
    add(`subscribe JSON ${JSON.stringify(body).slice(0, 40)}`, 'subscribe', post('subscribe', typeof body === 'string' ? body : JSON.stringify(body), 'application/json'));
  add('subscribe huge body', 'subscribe', post('subscribe', `email=${'c'.repeat(2 * 1024 * 1024)}`, 'application/x-www-form-urlencoded'));
  add('subscribe broken multipart', 'subscribe', post('subscribe', '--z\r\nContent-Disposition: form-data; name="email"\r\n\r\nx', 'multipart/form-data; boundary=z'));
  add('subscribe invalid UTF-8', 'subscribe', post('subscribe', new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe]), 'application/x-www-form-urlencoded'));
  for (const method of ['GET', 'PUT', 'DELETE']) add(`subscribe ${method}`, 'subscribe', () => new Request(ENDPOINT.subscribe, { method }));
  return list;
}

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
  usedToken = confirmToken('benutzt@example.org');
  expect((await confirm(form(ENDPOINT.confirm, { token: usedToken }))).status).toBe(200);
  freshToken = confirmToken('frisch@example.org');
  doneUnsubscribe = new URL(unsubscribeUrl(ORIGIN, 'benutzt@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
  expect((await unsubscribe(form(ENDPOINT.unsubscribe, { token: doneUnsubscribe, scope: 'all' }))).status).toBe(200);
});
afterAll(async () => {
  await env.stop();
});

describe('hostile requests to the newsletter endpoints', () => {
  it('at least 200 generated cases: no 5xx, no state change', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThanOrEqual(200);
    const failures: string[] = [];
    for (const c of all) {
      const before = await snapshot();
      let status: number;
      try {
        status = (await HANDLER[c.endpoint](c.request())).status;
      } catch (error) {
        failures.push(`${c.endpoint} ${c.label}: threw ${String(error).slice(0, 120)}`);
        continue;
      }
      if (status >= 500) failures.push(`${c.endpoint} ${c.label}: ${status}`);
      if ((await snapshot()) !== before) failures.push(`${c.endpoint} ${c.label}: changed state (${status})`);
    }
    expect(failures).toEqual([]);
    // The fresh link was never damaged by all of this: it still confirms, once.
    expect((await confirm(form(ENDPOINT.confirm, { token: freshToken }))).status).toBe(200);
    expect((await confirm(form(ENDPOINT.confirm, { token: freshToken }))).status).toBe(409);
  }, 180_000);
});
