/**
 * Reminder and digest mails in the local outbox: exactly once per period under
 * sequential and concurrent retries, after a crash between send and record, and after a
 * provider failure. Blobs come from a local server, mails from the .eml outbox.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { computeHealth, type HealthReport } from '../../src/lib/health/index.ts';
import { buildRecipientDirectory } from '../../src/lib/recipients.ts';
import { runReminders, REMINDER_STORE, type ReminderDeps } from '../../functions/lib/reminders/run.ts';
import { weekKey, monthKey } from '../../functions/lib/reminders/periods.ts';
import { sendMail } from '../../functions/lib/mail.ts';
import { store } from '../../functions/lib/stores.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';
import { startResendFake, type ResendFake } from '../helpers/resend-fake.ts';
import { content, input, meeting, offer, org } from './fixtures.ts';

const SITE = {
  title: 'Testnetz',
  url: 'https://quartier.example.org',
  mailFrom: 'Testnetz <news@example.org>',
  office: { name: 'Sozialbüro', street: 'Weg 1', postalCode: '48159', city: 'Münster', email: 'office@example.org', phone: '0251 0001000' },
  imprintPath: '/impressum/',
  privacyPath: '/datenschutz/',
};
// Monday 23 November 2026, 07:00 in Münster.
const MONDAY = new Date('2026-11-23T07:00:00+01:00');

const parts = {
  organisations: [
    org('org-a', { name: 'Verein A', email: 'a@verein.example.org', reviewed_at: '2025-01-10' }),
    org('org-b', { name: 'Verein B', reviewed_at: '2025-02-01' }),
    org('org-c', { name: 'Verein C', email: 'c@verein.example.org' }),
  ],
  offers: [
    offer('kurs-a', { provider: 'org-a', reviewed_at: '2025-03-01' }),
    offer('endet-bald', { provider: 'org-a', ends_on: '2026-12-05' }),
    offer('kurs-c', { provider: 'org-c' }),
  ],
  meetings: [meeting('ohne-protokoll', { starts_at: '2026-10-20T14:00:00+02:00' })],
};

function health(extra: Partial<typeof parts> = {}): HealthReport {
  return computeHealth(input({ ...parts, ...extra }, { today: '2026-11-23', now: MONDAY }));
}

let blobs: LocalBlobs;
let outbox: string;

beforeAll(async () => {
  blobs = await startBlobs();
});
afterAll(async () => {
  await blobs.stop();
});

let storeName = '';
let run = 0;
beforeEach(() => {
  outbox = mkdtempSync(join(tmpdir(), 'qn-outbox-'));
  process.env.QN_OUTBOX_DIR = outbox;
  delete process.env.RESEND_API_KEY;
  // A fresh reminder store per test: periods claimed in one test do not leak into the next.
  storeName = `${REMINDER_STORE}-${++run}`;
});
afterEach(() => {
  delete process.env.QN_OUTBOX_DIR;
  rmSync(outbox, { recursive: true, force: true });
});

function deps(now: Date, extra: Partial<ReminderDeps> = {}): ReminderDeps {
  return {
    health: health(),
    recipients: buildRecipientDirectory(content(parts), '2026-11-23'),
    site: SITE,
    now,
    store: store(storeName),
    claims: store(`${storeName}-claims`),
    paceMs: 0,
    ...extra,
  };
}

async function mails() {
  const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
  return Promise.all(files.map(async (f) => PostalMime.parse(readFileSync(join(outbox, f)))));
}

const to = (mail: Awaited<ReturnType<typeof PostalMime.parse>>) => mail.to?.[0]?.address;

describe('periods', () => {
  it('counts months and ISO weeks in Münster', () => {
    expect(monthKey(MONDAY)).toBe('2026-11');
    expect(weekKey(MONDAY)).toBe('2026-W48');
    // Sunday 22:30 UTC is already Monday in Münster.
    expect(weekKey(new Date('2026-11-22T23:30:00Z'))).toBe('2026-W48');
    expect(weekKey(new Date('2027-01-01T12:00:00+01:00'))).toBe('2026-W53');
    expect(monthKey(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12');
  });
});

describe('reminders', () => {
  it('mails each stale organisation and the office exactly once, however often the run is repeated', async () => {
    const first = await runReminders(deps(MONDAY));
    expect(first.organisations).toEqual([
      { organisation: 'org-a', outcome: 'sent' },
      { organisation: 'org-b', outcome: 'no-address' },
    ]);
    expect(first.digest).toBe('sent');
    // Retries: three in a row, then five at once.
    for (let i = 0; i < 3; i++) await runReminders(deps(MONDAY));
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => runReminders(deps(new Date(MONDAY.getTime() + 60_000)))));
    expect(concurrent.every((r) => r.digest === 'already-sent' || r.digest === 'busy')).toBe(true);

    const sent = await mails();
    expect(sent.map(to).sort()).toEqual(['a@verein.example.org', 'office@example.org']);

    const reminder = sent.find((m) => to(m) === 'a@verein.example.org')!;
    expect(reminder.subject).toBe('Bitte prüfen: 3 Einträge von Verein A auf Testnetz');
    expect(reminder.replyTo?.[0]?.address).toBe('office@example.org');
    expect(reminder.text).toContain('Bearbeiten: https://quartier.example.org/admin/#/collections/organisations/entries/org-a');
    expect(reminder.text).toContain('Bearbeiten: https://quartier.example.org/admin/#/collections/offers/entries/kurs-a');
    expect(reminder.text).toContain('Bearbeiten: https://quartier.example.org/admin/#/collections/offers/entries/endet-bald');
    expect(reminder.html).toContain('href="https://quartier.example.org/admin/#/collections/offers/entries/kurs-a"');
    expect(reminder.text).not.toContain('org-c');

    const digest = sent.find((m) => to(m) === 'office@example.org')!;
    expect(digest.subject).toBe('Wochenübersicht 2026-W48: 4 zu erledigen – Testnetz');
    expect(digest.text).toContain('Dies ist die erste Wochenübersicht');
    expect(digest.text).toContain('Verein A wurde diesen Monat per E-Mail erinnert.');
    expect(digest.text).toContain('Verein B hat keine E-Mail-Adresse hinterlegt: bitte selbst nachfragen.');
    expect(digest.text).toContain('Protokolle fehlen');
    expect(digest.text).toContain('Für externe Links liegt noch kein Prüfergebnis vor.');
  });

  it('sends the next digest next week with what changed, and the organisation again next month', async () => {
    await runReminders(deps(MONDAY));
    const changed = health({ offers: [offer('kurs-a', { provider: 'org-a', reviewed_at: '2025-03-01', title: 'Neuer Titel' }), ...parts.offers.slice(1), offer('neu', { provider: 'org-c' })] });
    const nextWeek = new Date(MONDAY.getTime() + 7 * 86_400_000);
    const second = await runReminders(deps(nextWeek, { health: changed }));
    expect(second.organisations[0]).toEqual({ organisation: 'org-a', outcome: 'already-sent' });
    expect(second.digest).toBe('sent');
    let sent = await mails();
    expect(sent.filter((m) => to(m) === 'office@example.org')).toHaveLength(2);
    expect(sent.filter((m) => to(m) === 'a@verein.example.org')).toHaveLength(1);
    const latest = sent.find((m) => m.subject?.includes('2026-W49'))!;
    expect(latest.text).toContain('Angebote neu (1)');
    expect(latest.text).toContain('– Angebot neu (https://quartier.example.org/admin/#/collections/offers/entries/neu)');
    expect(latest.text).toContain('Angebote geändert (1)');
    expect(latest.text).toContain('– Neuer Titel');
    expect(latest.text).toContain('Verein A wurde diesen Monat schon erinnert.');

    const nextMonth = new Date('2026-12-07T07:00:00+01:00');
    expect((await runReminders(deps(nextMonth, { health: changed }))).organisations[0].outcome).toBe('sent');
    sent = await mails();
    expect(sent.filter((m) => to(m) === 'a@verein.example.org')).toHaveLength(2);
  });

  it('finishes a run that died between send and record exactly once', async () => {
    // The first run delivers, then "crashes" before it can record the send.
    const crashing = async (...args: Parameters<typeof sendMail>) => {
      await sendMail(...args);
      throw new Error('crash after delivery');
    };
    await expect(runReminders(deps(MONDAY, { send: crashing }))).rejects.toThrow('crash after delivery');
    expect(await mails()).toHaveLength(1);
    // Within the lease a retry leaves the claimed mail alone (the first run may still be working).
    const early = await runReminders(deps(new Date(MONDAY.getTime() + 60_000)));
    expect(early.organisations[0].outcome).toBe('busy');
    // After the lease one of several concurrent runs takes over: same mail, same
    // idempotency key, so the outbox (like Resend) delivers nothing twice.
    const keys: string[] = [];
    const counting = async (...args: Parameters<typeof sendMail>) => {
      keys.push(args[1]?.idempotencyKey ?? '');
      return sendMail(...args);
    };
    const late = await Promise.all(Array.from({ length: 4 }, () => runReminders(deps(new Date(MONDAY.getTime() + 11 * 60_000), { send: counting }))));
    const outcomes = late.map((r) => r.organisations[0].outcome);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'sent' || o === 'busy' || o === 'already-sent')).toBe(true);
    expect(keys.filter((k) => k.includes('organisations/'))).toEqual(['qn-reminder:organisations/2026-11/org-a']);
    const sent = await mails();
    expect(sent.map(to).sort()).toEqual(['a@verein.example.org', 'office@example.org']);
  });

  it('lists undeliverable contact messages in the digest, without what the visitor wrote', async () => {
    const contact = store(`contact-messages-${run}`);
    const recipient = (name: string, path: string) => ({ email: 'x@example.org', name, topic: name, path, forwarded: false });
    const message = (id: string, status: string, extra: Record<string, unknown>) =>
      contact.setJSON(`message/${id}`, { id, receivedAt: '2026-11-19T09:30:00+01:00', recipientKey: 'organisations/org-a', recipient: recipient('Verein A', '/organisationen/org-a/'), status, attempts: 0, nextAttemptAt: '', ...extra });
    await message('m1', 'escalated', { deliveredAt: '2026-11-19T18:00:00+01:00', lastError: '422: invalid recipient' });
    await message('m2', 'pending', { attempts: 3, lastError: 'no answer', input: { name: 'Geheim', email: 'geheim@example.net', message: 'Geheimer Text' }, recipient: recipient('Verein C', '/angebote/kurs-c/') });
    await message('m3', 'sent', { deliveredAt: '2026-11-19T09:31:00+01:00' });
    await message('m4', 'escalated', { receivedAt: '2026-10-01T10:00:00+02:00', deliveredAt: '2026-10-01T18:00:00+02:00' });
    await runReminders(deps(MONDAY, { contactStore: contact }));
    const digest = (await mails()).find((m) => to(m) === 'office@example.org')!;
    const section = digest.text!.slice(digest.text!.indexOf('Nachrichten, die nicht zugestellt werden konnten'), digest.text!.indexOf('Protokolle fehlen'));
    expect(section).toContain('1. An Verein A (Donnerstag, 19. November 2026 um 09:30)');
    expect(section).toContain('ging stattdessen an das Sozialbüro');
    expect(section).toContain('Letzte Rückmeldung des Mail-Dienstes: 422: invalid recipient');
    expect(section).toContain('2. An Verein C');
    expect(section).toContain('Wird noch zugestellt (3 Fehlversuche bisher).');
    // Delivered messages, escalations reported in an earlier week, and message contents stay out.
    expect(section).not.toContain('3.');
    expect(digest.text).not.toMatch(/Geheim|geheim@/);
  });

  it('says so when the contact store cannot be read', async () => {
    const broken = { list: async () => { throw new Error('unreachable'); } } as unknown as ReturnType<typeof store>;
    await runReminders(deps(MONDAY, { contactStore: broken }));
    const digest = (await mails()).find((m) => to(m) === 'office@example.org')!;
    expect(digest.text).toContain('Nicht verfügbar: der Speicher der Kontaktformulare war nicht lesbar.');
  });

  describe('with Resend', () => {
    let fake: ResendFake;
    beforeAll(async () => {
      fake = await startResendFake();
    });
    afterAll(async () => {
      delete process.env.RESEND_BASE_URL;
      await fake.close();
    });

    it('retries a failed send in the next run and delivers it once', async () => {
      process.env.RESEND_API_KEY = 're_test';
      process.env.RESEND_BASE_URL = fake.url;
      fake.reset();
      fake.failNext(1, 500, { path: '/emails' });
      const first = await runReminders(deps(MONDAY));
      expect(first.organisations[0].outcome).toBe('failed');
      expect(first.digest).toBe('sent');
      const second = await runReminders(deps(new Date(MONDAY.getTime() + 3_600_000)));
      expect(second.organisations[0].outcome).toBe('sent');
      expect(second.digest).toBe('already-sent');
      await runReminders(deps(new Date(MONDAY.getTime() + 7_200_000)));
      expect(fake.delivered().map((m) => m.to[0]).sort()).toEqual(['a@verein.example.org', 'office@example.org']);
      expect(new Set(fake.requests.filter((r) => r.path === '/emails').map((r) => r.headers['idempotency-key']))).toEqual(
        new Set(['qn-reminder:organisations/2026-11/org-a', 'qn-reminder:digest/2026-W48']),
      );
      expect(await mails()).toHaveLength(0);
    });
  });
});
