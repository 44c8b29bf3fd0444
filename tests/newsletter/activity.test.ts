/**
 * Issue 18, item 3: the office sees in `npm run health` and in the weekly digest what
 * the newsletter sent last week (news, invitations, updates, minutes, with counts) and
 * what is published but not yet sent. Send records from real sends against the fake.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { readNewsletterActivity } from '../../functions/lib/newsletter/activity.ts';
import type { NewsletterData, NewsletterMeeting } from '../../functions/lib/newsletter/data.ts';
import { runNewsletterSend, SENDS_STORE } from '../../functions/lib/newsletter/send.ts';
import { recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { runReminders } from '../../functions/lib/reminders/run.ts';
import type { OutgoingMail } from '../../functions/lib/mail.ts';
import { store } from '../../functions/lib/stores.ts';
import type { HealthReport } from '../../src/lib/health/index.ts';
import { formatText } from '../../src/lib/health/format.ts';
import { withNewsletterActivity } from '../../src/lib/health/newsletter-activity.ts';
import type { RecipientDirectory } from '../../src/lib/recipients.ts';
import type { SiteFacts } from '../../src/lib/site-facts.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { startNewsletterEnv, type NewsletterEnv } from './env.ts';

const NOW = new Date(TEST_NOW);
const SPRACHE = 'netzwerk-sprache';
let env: NewsletterEnv;

const generated = <T,>(name: string) => JSON.parse(readFileSync(join(env.generatedDir, name), 'utf8')) as T;

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
  const at = NOW.toISOString();
  for (let i = 0; i < 5; i++) await recordConfirmation(`leser-${i}@example.org`, { requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText(), networks: [SPRACHE] });
});
afterAll(async () => {
  await env.stop();
});

describe('what the newsletter sent and what waits', () => {
  it('npm run health and the weekly digest list last week by kind with counts, and what is not yet sent', async () => {
    await store(SENDS_STORE).deleteAll();
    // The real content's deploy: its post of 2026-11-18 and the invitations of the four meetings ahead.
    await runNewsletterSend({ data: env.data, now: () => NOW, log: () => {}, paceMs: 0 });
    // Then a meeting is moved, and a new post is published, not sent yet.
    const moved = env.data.meetings.find((m) => m.slug === '2027-02-24-netzwerk-sprache') as NewsletterMeeting;
    const later: NewsletterData = {
      ...env.data,
      posts: [...env.data.posts, { slug: 'ganz-neu', title: 'Ganz neu', date: '2026-11-21', networks: [SPRACHE], summary: 'Neu', path: '/aktuelles/ganz-neu/', html: '<p>Neu</p>', text: 'Neu', attachments: [] }],
      meetings: env.data.meetings.map((m) => (m === moved ? { ...m, meeting: { ...m.meeting, starts_at: '2027-03-03T14:00:00+01:00', ends_at: undefined } } : m)),
    };

    const activity = await readNewsletterActivity(later, new Date(NOW.getTime() + 3600_000));
    expect(activity.sent.map((s) => `${s.kind} ${s.slug} ${s.recipients}`).sort()).toEqual([
      'invitation 2026-12-08-netzwerk-jugend-ausbildung 0',
      'invitation 2027-01-27-jahrestreffen 5',
      'invitation 2027-02-24-netzwerk-sprache 5',
      'invitation 2027-04-13-netzwerk-beschaeftigung 0',
      'news einladung-jahrestreffen-2027 5',
    ]);
    expect(activity.waiting.map((w) => `${w.kind} ${w.slug}`).sort()).toEqual(['news ganz-neu', 'update 2027-02-24-netzwerk-sprache']);

    const report = withNewsletterActivity(generated<HealthReport>('health.json'), activity, NOW);
    const text = formatText(report, 'https://quartiersnetz-kinderhaus.example.org');
    expect(text).toContain('Newsletter: verschickt in den letzten 7 Tagen (2)');
    expect(text).toContain('4 Einladungen an zusammen 10 Empfänger');
    expect(text).toContain('1 Meldung an zusammen 5 Empfänger');
    expect(text).toContain('Newsletter: wartet auf Versand (2)');
    expect(text).toContain('Terminänderung: Treffen Netzwerk I');
    expect(text).toContain('Meldung: Ganz neu');

    // The weekly digest says the same.
    const sent: OutgoingMail[] = [];
    const site = generated<SiteFacts>('site.json');
    await runReminders({
      health: generated<HealthReport>('health.json'),
      recipients: generated<RecipientDirectory>('recipients.json'),
      site,
      now: new Date('2026-11-23T07:00:00+01:00'),
      store: store('reminders'),
      claims: store('reminders-claims'),
      paceMs: 0,
      send: async (mail) => {
        sent.push(mail);
        return { ok: true, id: String(sent.length) };
      },
      newsletter: () => readNewsletterActivity(later, new Date('2026-11-23T07:00:00+01:00')),
    });
    const digest = sent.find((m) => m.to === site.office.email)!;
    expect(digest.text).toContain('Newsletter: verschickt in den letzten 7 Tagen');
    expect(digest.text).toContain('4 Einladungen an zusammen 10 Empfänger');
    expect(digest.text).toContain('Newsletter: wartet auf Versand');
  });

  it('npm run health reads the send records where Blobs are reachable, and says so where not', async () => {
    // Asynchronously: the Blobs server the CLI talks to runs in this very process.
    const run = (blobs: string | undefined) =>
      promisify(execFile)(process.execPath, ['scripts/health.ts'], { encoding: 'utf8', env: { ...process.env, QN_NOW: TEST_NOW, NETLIFY_BLOBS_CONTEXT: blobs ?? '' } });
    const withBlobs = await run(process.env.NETLIFY_BLOBS_CONTEXT);
    expect(withBlobs.stdout).toContain('4 Einladungen an zusammen 10 Empfänger');
    expect(withBlobs.stdout).toContain('1 Meldung an zusammen 5 Empfänger');
    const without = await run(undefined);
    expect(without.stdout).toContain('Der Newsletter-Versand (verschickt, wartend) konnte nicht gelesen werden');
  });
});
