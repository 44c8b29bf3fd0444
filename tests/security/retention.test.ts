/**
 * Issue 15, finding 3: personal data is deleted. Records of every kind are written
 * through the real code paths, then the purge job runs with the clock moved just before
 * and just past each retention; after each run the test lists every store and checks
 * that no record is older than its retention, and that nothing was deleted early.
 * Also: the privacy page states the same periods (built dist/), and keys derived from
 * addresses and IPs are keyed HMACs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import contact from '../../functions/contact.ts';
import { writeFunctionData } from '../../src/integrations/function-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import confirm from '../../functions/newsletter-confirm.ts';
import { randomUUID } from 'node:crypto';
import { acquireLease, messages, newMessage, save, saveNew } from '../../functions/lib/contact/messages.ts';
import { admitMessage, clientPrefix } from '../../functions/lib/contact/admission.ts';
import { subscribeContact } from '../../functions/lib/newsletter/contacts.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { addressKey } from '../../functions/lib/newsletter/address.ts';
import { recordConfirmation, recordUnsubscribe } from '../../functions/lib/newsletter/subscribers.ts';
import { allowConfirmationMail } from '../../functions/lib/newsletter/throttle.ts';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken } from '../../functions/lib/newsletter/token.ts';
import { personalKey, PersonalKeyConfigError, personalKeySecret } from '../../functions/lib/personal-keys.ts';
import { runPurge } from '../../functions/lib/purge/run.ts';
import { runNewsletterSend } from '../../functions/lib/newsletter/send.ts';
import type { NewsletterPost } from '../../functions/lib/newsletter/data.ts';
import { store } from '../../functions/lib/stores.ts';
import { CONFIRM_LINK_VALID_HOURS, RETENTION, type RetentionKind } from '../../src/lib/retention.ts';
import { DIST } from '../helpers/dist.ts';
import { form, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from '../newsletter/env.ts';

let env: NewsletterEnv;
beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});

const recipient = { key: 'org:sozialbuero', name: 'Sozialbüro', email: 'sozialbuero@example.org', path: '/kontakt/' } as never;
const input = { recipient: 'org:sozialbuero', name: 'Anwohnerin', email: 'anwohnerin@example.org', message: 'Guten Tag' };

/** Every record of every kind, with the time its retention runs from. */
async function listStores(): Promise<{ kind: RetentionKind; key: string }[]> {
  const found: { kind: RetentionKind; key: string }[] = [];
  for (const [kind, r] of Object.entries(RETENTION) as [RetentionKind, (typeof RETENTION)[RetentionKind]][]) {
    const { blobs } = await store(r.store).list({ prefix: r.prefix || undefined });
    for (const { key } of blobs) {
      const owner = Object.entries(RETENTION).filter(([, o]) => o.store === r.store && key.startsWith(o.prefix)).sort((a, b) => b[1].prefix.length - a[1].prefix.length)[0][0];
      if (owner === kind) found.push({ kind, key });
    }
  }
  return found;
}

describe('the purge job', () => {
  it('leaves no record older than its retention and deletes nothing early', async () => {
    const t0 = Date.now();
    // One record of each kind, written by the code that writes them in production.
    // Limit and double-post check are one ordered event per post (admission.ts).
    await admitMessage('203.0.113.7', input);
    const message = newMessage(randomUUID(), input, recipient, new Date(t0));
    await acquireLease(message.id);
    await saveNew(message);
    const delivered = { ...newMessage(randomUUID(), input, recipient, new Date(t0)), status: 'sent' as const, deliveredAt: new Date(t0).toISOString() };
    delete (delivered as { input?: unknown }).input;
    await save(delivered);
    await allowConfirmationMail('neu@example.org');
    const token = signToken('confirm', { email: 'bestaetigt@example.org', networks: ['netzwerk-sprache'], issued: Math.floor(t0 / 1000), expires: Math.floor(t0 / 1000) + CONFIRM_TOKEN_TTL_SECONDS, consentVersion: consentVersion() }, TEST_SECRET);
    expect((await confirm(form('http://localhost:8888/api/newsletter/confirm', { token }))).status).toBe(200);
    const at = new Date(t0).toISOString();
    for (const email of ['abgemeldet@example.org', 'bleibt@example.org']) {
      await subscribeContact(email, env.data.networks.filter((n) => n.slug === 'netzwerk-sprache'));
      await recordConfirmation(email, { networks: ['netzwerk-sprache'], requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText() });
    }
    await recordUnsubscribe('abgemeldet@example.org', 'all', at, 'form');
    // A newsletter send that stalls (provider down) leaves its frozen batches behind.
    const stalled: NewsletterPost = { slug: 'haengt', title: 'Hängt', date: at.slice(0, 10), networks: ['netzwerk-sprache'], summary: '', path: '/aktuelles/haengt/', html: '', text: '', attachments: [] };
    const down = async () => ({ ok: false as const, retryable: true, message: 'down' });
    expect(await runNewsletterSend({ data: { ...env.data, posts: [stalled], meetings: [] }, now: () => new Date(t0), transport: down, attempts: 1, log: () => {} })).toEqual({ haengt: 'incomplete' });

    const initial = await listStores();
    const kinds = new Set(initial.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(Object.keys(RETENTION).sort());

    // Still subscribed: consent is kept as long as the subscription runs.
    const active = ['bleibt@example.org', 'bestaetigt@example.org'].map((e) => addressKey(e));
    const byRetention = (Object.keys(RETENTION) as RetentionKind[]).sort((a, b) => RETENTION[a].ms - RETENTION[b].ms);
    for (const ms of [...new Set(byRetention.map((k) => RETENTION[k].ms))]) {
      const due = byRetention.filter((k) => RETENTION[k].ms === ms);
      // A minute before the period ends the records are still there ...
      const early = await runPurge(new Date(t0 + ms - 60_000));
      expect(early.errors).toEqual([]);
      const before = await listStores();
      for (const kind of due) expect(before.some((r) => r.kind === kind), `${kind} deleted early`).toBe(true);
      // ... ten minutes after the period (counted from the latest write) they are gone.
      const late = await runPurge(new Date(Date.now() + ms + 10 * 60_000));
      expect(late.errors).toEqual([]);
      expect(Object.keys(late.deleted).sort()).toEqual(expect.arrayContaining(due));
      const left = await listStores();
      for (const expired of byRetention.filter((k) => RETENTION[k].ms <= ms)) {
        const survivors = left.filter((r) => r.kind === expired && !(expired === 'withdrawnConsent' && active.includes(r.key)) && !(expired === 'contactRecord' && r.key === `message/${message.id}`));
        expect(survivors, `${expired} older than its retention`).toEqual([]);
      }
    }
    // Kept whatever the clock says: an active subscription and an undelivered message.
    const final = await listStores();
    expect(final).toEqual(expect.arrayContaining([...active.map((key) => ({ kind: 'withdrawnConsent', key })), { kind: 'contactRecord', key: `message/${message.id}` }]));
    expect(await messages().get(`pending/${message.id}`)).not.toBeNull();
    // Consent proof goes together with the Resend contact.
    const emails = [...env.fake!.state.contacts.values()].map((c) => c.email);
    expect(emails).toContain('bleibt@example.org');
    expect(emails).not.toContain('abgemeldet@example.org');
  });
});

describe('keys derived from personal data', () => {
  it('are keyed HMACs, not bare hashes someone could recompute', () => {
    const bare = createHash('sha256').update('anwohnerin@example.org').digest('hex');
    expect(addressKey('Anwohnerin@Example.org ')).toBe(personalKey('email', 'anwohnerin@example.org'));
    expect(addressKey('anwohnerin@example.org')).not.toBe(bare);
    const other = personalKey('email', 'anwohnerin@example.org', { QN_RATE_LIMIT_SALT: 'a-completely-different-secret-of-enough-length' });
    expect(other).not.toBe(addressKey('anwohnerin@example.org'));
    expect(clientPrefix('203.0.113.7')).not.toContain(createHash('sha256').update('quartiersnetz-contact:203.0.113.7').digest('hex').slice(0, 32));
  });

  it('QN_RATE_LIMIT_SALT is required whenever mail is live', () => {
    expect(() => personalKeySecret({ RESEND_API_KEY: 're_live' })).toThrow(PersonalKeyConfigError);
    expect(() => personalKeySecret({ RESEND_API_KEY: 're_live', QN_RATE_LIMIT_SALT: 'kurz' })).toThrow(/at least 32/);
    expect(personalKeySecret({ RESEND_API_KEY: 're_live', QN_RATE_LIMIT_SALT: 'x'.repeat(32) })).toBe('x'.repeat(32));
    expect(personalKeySecret({})).toMatch(/local/);
  });
});

describe('/datenschutz/', () => {
  it('states every period the purge job enforces, from the same constants', () => {
    const html = readFileSync(join(DIST, 'datenschutz', 'index.html'), 'utf8').replace(/\s+/g, ' ');
    expect(html).toContain('<h2>Speicherfristen</h2>');
    for (const r of Object.values(RETENTION)) {
      expect(html).toContain(`<td>${r.what}</td>`);
      expect(html).toContain(`<td>${r.period} ${r.from}</td>`);
    }
    expect(html).toContain(`${CONFIRM_LINK_VALID_HOURS} Stunden gilt`);
    expect(html).not.toContain('Platzhalter: Frist');
    expect(html).not.toContain('der letzten zehn Minuten. Damit');
  });
});

describe('a deploy with live mail but without QN_RATE_LIMIT_SALT', () => {
  it('refuses contact messages with a clear 503 and stores nothing', async () => {
    const salt = process.env.QN_RATE_LIMIT_SALT;
    const generated = process.env.QN_GENERATED_DIR;
    const dir = mkdtempSync(join(tmpdir(), 'qn-salt-'));
    writeFunctionData(process.cwd(), dir, 'https://quartiersnetz-kinderhaus.example.org');
    delete process.env.QN_RATE_LIMIT_SALT;
    process.env.QN_GENERATED_DIR = dir;
    const error = console.error;
    console.error = () => {};
    try {
      const before = (await messages().list()).blobs.length;
      const response = await contact(new Request('http://localhost/api/contact', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ recipient: 'office', name: 'Test', email: 'test@example.org', message: 'Guten Tag, eine Frage zur Website.', consent: 'on', homepage: '' }) }));
      expect(response.status).toBe(503);
      expect(JSON.stringify(await response.json())).toContain('konnte gerade nicht angenommen werden');
      expect((await messages().list()).blobs.length).toBe(before);
    } finally {
      console.error = error;
      process.env.QN_RATE_LIMIT_SALT = salt;
      process.env.QN_GENERATED_DIR = generated;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
