/**
 * Issue 18, items 2 and 3: meetings mail themselves. A meeting published with a future
 * date → one invitation per subscriber of its networks, with a calendar entry ical.js
 * reads in Europe/Berlin; minutes added later → one minutes mail; a changed date or
 * place → one short update ("Geändert: …") whose .ics replaces the entry (same UID,
 * higher SEQUENCE); a cancellation → one cancellation. The same data sent again, and 20
 * concurrent senders, still make exactly one of each; "nur Protokolle" gets minutes
 * only; old meetings after an import send nothing. Real resend SDK against the fake.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import calendarFunction from '../../functions/newsletter-calendar.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import type { NewsletterData, NewsletterMeeting, NewsletterPost } from '../../functions/lib/newsletter/data.ts';
import { getSendRecord, LEASE_MS, runNewsletterSend, SENDS_STORE, type SendOptions } from '../../functions/lib/newsletter/send.ts';
import { recordConfirmation, recordUnsubscribe } from '../../functions/lib/newsletter/subscribers.ts';
import { isSettled, meetingParts } from '../../functions/lib/newsletter/meeting-mailings.ts';
import { store } from '../../functions/lib/stores.ts';
import { GENERATED_FILES, writeGenerated } from '../../src/lib/generated-files.ts';
import type { DeliveredEmail } from '../helpers/resend-fake.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { linkFrom, startNewsletterEnv, type NewsletterEnv } from './env.ts';

const NOW = new Date(TEST_NOW); // 2026-11-21 10:00 Berlin
const SPRACHE = 'netzwerk-sprache';
const JUGEND = 'netzwerk-jugend-ausbildung';
const ORIGIN = 'https://quartiersnetz-kinderhaus.example.org';
const ONLY_MINUTES = 'nur-protokolle@example.org';
const SPRACHE_ALL = Array.from({ length: 6 }, (_, i) => `sprache-${i}@example.org`);
const JUGEND_ALL = Array.from({ length: 4 }, (_, i) => `jugend-${i}@example.org`);

let env: NewsletterEnv;
const quiet: Pick<SendOptions, 'log' | 'retryDelayMs' | 'paceMs'> = { log: () => {}, retryDelayMs: 5, paceMs: 0 };

function meeting(slug: string, startsAt: string, endsAt: string, networks: string[], extra: Partial<NewsletterMeeting['meeting']> = {}): NewsletterMeeting {
  return {
    slug,
    meeting: {
      title: `Treffen ${slug}`,
      networks,
      starts_at: startsAt,
      ends_at: endsAt,
      location: { name: 'Begegnungszentrum', street: 'Musterstraße 1', postal_code: '48159', city: 'Münster' },
      cancelled: false,
      agenda: ['Begrüßung', 'Berichte aus den Projekten'],
      documents: [{ title: 'Tagesordnung', file: `/uploads/${slug}-tagesordnung.pdf`, kind: 'tagesordnung' }],
      ...extra,
    },
    path: `/archiv/${slug}/`,
    hasMinutes: false,
    times: { created: '2026-11-01T09:00:00.000Z', modified: '2026-11-01T09:00:00.000Z' },
  };
}

function withMinutes(m: NewsletterMeeting): NewsletterMeeting {
  return {
    ...m,
    hasMinutes: true,
    meeting: { ...m.meeting, documents: [...(m.meeting.documents ?? []), { title: 'Protokoll', file: `/uploads/${m.slug}-protokoll.pdf`, kind: 'protokoll' }] },
    times: { ...m.times, modified: '2026-12-12T09:00:00.000Z' },
  };
}

let published = 0;
/** What a deploy ships: the data the functions read (generated/newsletter.json), and the same data for the sender. */
function publish(meetings: NewsletterMeeting[], posts: NewsletterPost[] = []): NewsletterData {
  const data: NewsletterData = { ...env.data, posts, meetings };
  writeGenerated(env.generatedDir, GENERATED_FILES.newsletter, data);
  // The reader caches by modification time: make every deploy's file visibly newer.
  const at = new Date(Date.now() + ++published * 1000);
  utimesSync(join(env.generatedDir, GENERATED_FILES.newsletter.name), at, at);
  return data;
}

const mailsWith = (prefix: string, slug: string): DeliveredEmail[] => env.fake!.delivered().filter((m) => m.subject.startsWith(prefix) && m.subject.includes(`Treffen ${slug}`));
const recipientsOf = (mails: DeliveredEmail[]) => mails.flatMap((m) => m.to).sort();

async function send(data: NewsletterData, at: Date, owner?: string) {
  return runNewsletterSend({ data, now: () => at, batchSize: 3, ...(owner ? { owner } : {}), ...quiet });
}

/** 20 senders at once (deploy event and schedule racing), then runs until nothing is left, as the schedule would. */
async function sendConcurrently(data: NewsletterData, at: Date): Promise<void> {
  await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, (i * 7) % 20));
    await send(data, at, `sender-${i}`);
  }));
  let clock = at.getTime();
  for (let run = 0; run < 10; run++) {
    clock += LEASE_MS + 1000;
    const outcomes = Object.values(await send(data, new Date(clock)));
    if (outcomes.every((o) => o === 'already-sent' || o === 'already-skipped')) return;
  }
  throw new Error('mailings did not settle');
}

/** The .ics the mail links to, fetched through the calendar function, parsed by ical.js. */
async function calendarOf(mail: DeliveredEmail) {
  const link = linkFrom(mail.html ?? '', `${ORIGIN}/api/newsletter/calendar?termin=`);
  const response = await calendarFunction(new Request(link));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { text, event, status: calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status') };
}

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
  const at = NOW.toISOString();
  const proof = { requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText() };
  // Records without a choice (as every record before this issue) receive everything.
  for (const email of SPRACHE_ALL) await recordConfirmation(email, { ...proof, networks: [SPRACHE] });
  for (const email of JUGEND_ALL) await recordConfirmation(email, { ...proof, networks: [JUGEND] });
  await recordConfirmation(ONLY_MINUTES, { ...proof, networks: [SPRACHE, JUGEND] }, { [SPRACHE]: ['minutes'], [JUGEND]: ['minutes'] });
  await recordConfirmation('weg@example.org', { ...proof, networks: [SPRACHE] });
  await recordUnsubscribe('weg@example.org', 'all', at, 'form');
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  env.fake!.reset();
  await store(SENDS_STORE).deleteAll();
});

describe('invitations and minutes by themselves', () => {
  it('a future meeting: one invitation per subscriber, with a calendar entry in Europe/Berlin; minutes later: one minutes mail', async () => {
    const winter = meeting('winter', '2026-12-10T14:00:00+01:00', '2026-12-10T16:00:00+01:00', [SPRACHE]);
    const summer = meeting('sommer', '2027-06-15T09:30:00+02:00', '2027-06-15T11:00:00+02:00', [SPRACHE]);
    const post: NewsletterPost = { slug: 'meldung', title: 'Eine Meldung', date: '2026-11-20', networks: [SPRACHE], summary: 'Kurz', path: '/aktuelles/meldung/', html: '<p>Text</p>', text: 'Text', attachments: [] };
    const data = publish([winter, summer], [post]);
    const outcomes = await send(data, NOW);
    expect(outcomes).toMatchObject({ meldung: 'sent', 'meetings/winter/invitation': 'sent', 'meetings/sommer/invitation': 'sent' });

    const invitations = mailsWith('Einladung: ', 'winter');
    expect(recipientsOf(invitations)).toEqual(SPRACHE_ALL);
    const mail = invitations[0];
    expect(mail.subject).toBe('Einladung: Treffen winter am 10. Dezember 2026, 14:00 Uhr');
    expect(mail.text).toContain('Donnerstag, 10. Dezember 2026, 14:00–16:00 Uhr');
    expect(mail.text).toContain('Begegnungszentrum, Musterstraße 1, 48159 Münster');
    expect(mail.text).toContain('Berichte aus den Projekten');
    expect(mail.html).toContain(`href="${ORIGIN}/uploads/winter-tagesordnung.pdf"`);
    expect(mail.html).toContain(`href="${ORIGIN}/archiv/winter/"`);
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain('Einstellungen ändern');

    const winterIcs = await calendarOf(mail);
    expect(winterIcs.event.uid).toBe('winter@quartiersnetz-kinderhaus.example.org');
    expect(winterIcs.event.sequence).toBe(0);
    expect(winterIcs.event.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(winterIcs.event.startDate.toJSDate().toISOString()).toBe('2026-12-10T13:00:00.000Z');
    expect(winterIcs.event.endDate.toJSDate().toISOString()).toBe('2026-12-10T15:00:00.000Z');
    // Summer time: the same wall clock means another UTC offset.
    const summerIcs = await calendarOf(mailsWith('Einladung: ', 'sommer')[0]);
    expect(summerIcs.event.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(summerIcs.event.startDate.toJSDate().toISOString()).toBe('2027-06-15T07:30:00.000Z');

    const unknown = await calendarFunction(new Request(`${ORIGIN}/api/newsletter/calendar?termin=gibt-es-nicht`));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Diesen Termin gibt es nicht');

    // "nur Protokolle": no news, no invitation.
    expect(env.fake!.delivered().filter((m) => m.to.includes(ONLY_MINUTES))).toEqual([]);
    expect(recipientsOf(env.fake!.delivered().filter((m) => m.subject === 'Eine Meldung'))).toEqual(SPRACHE_ALL);

    // The meeting took place; minutes are added two days later.
    const after = new Date('2026-12-12T10:00:00+01:00');
    const later = publish([withMinutes(winter), summer], [post]);
    expect(await send(later, after)).toMatchObject({ 'meetings/winter/minutes': 'sent' });
    const minutes = mailsWith('Protokoll: ', 'winter');
    expect(recipientsOf(minutes)).toEqual([ONLY_MINUTES, ...SPRACHE_ALL].sort());
    expect(minutes[0].subject).toBe('Protokoll: Treffen winter vom 10. Dezember 2026');
    expect(minutes[0].html).toContain(`href="${ORIGIN}/archiv/winter/"`);
    expect(minutes[0].html).toContain(`href="${ORIGIN}/uploads/winter-protokoll.pdf"`);

    // The same build deployed again: nothing more.
    await send(later, after);
    await send(later, new Date(after.getTime() + LEASE_MS * 3));
    expect(mailsWith('Einladung: ', 'winter')).toHaveLength(SPRACHE_ALL.length);
    expect(mailsWith('Protokoll: ', 'winter')).toHaveLength(SPRACHE_ALL.length + 1);
    expect(await getSendRecord('meetings/winter/invitation')).toMatchObject({ state: 'sent', kind: 'invitation', recipients: 6 });
    expect(await getSendRecord('meetings/winter/minutes')).toMatchObject({ state: 'sent', kind: 'minutes', recipients: 7 });
  });

  it('20 concurrent senders, with a failing provider, and the same data twice: exactly one invitation and one minutes mail each', async () => {
    const m = meeting('ansturm', '2026-12-02T10:00:00+01:00', '2026-12-02T12:00:00+01:00', [JUGEND, SPRACHE]);
    let call = 0;
    env.fake!.setPolicy((request) => (request.path === '/emails/batch' && ++call % 4 === 0 ? { status: 500 } : undefined));
    const data = publish([m]);
    await sendConcurrently(data, NOW);
    await sendConcurrently(data, NOW);
    const everyone = [...SPRACHE_ALL, ...JUGEND_ALL].sort();
    const invitations = mailsWith('Einladung: ', 'ansturm');
    expect(recipientsOf(invitations)).toEqual(everyone);
    // One claim: every batch request of the invitation carries the same claim id.
    const claims = env.fake!.requests.filter((r) => r.headers['idempotency-key']?.startsWith('newsletter/meetings/ansturm/invitation/')).map((r) => r.headers['idempotency-key'].split('/')[4]);
    expect(new Set(claims).size).toBe(1);

    const after = new Date('2026-12-03T09:00:00+01:00');
    const later = publish([withMinutes(m)]);
    await sendConcurrently(later, after);
    await sendConcurrently(later, after);
    env.fake!.setPolicy(undefined);
    expect(recipientsOf(mailsWith('Protokoll: ', 'ansturm'))).toEqual([ONLY_MINUTES, ...everyone].sort());
    expect(env.fake!.requests.some((r) => r.outcome === 500)).toBe(true);
  });

  it('a changed date, then place: one short update each, whose calendar entry replaces the old; a cancellation: one cancellation', async () => {
    const first = meeting('verlegt', '2026-12-15T14:00:00+01:00', '2026-12-15T16:00:00+01:00', [JUGEND]);
    await send(publish([first]), NOW);
    expect(recipientsOf(mailsWith('Einladung: ', 'verlegt'))).toEqual(JUGEND_ALL);

    // Same instant, other spelling: not a change.
    const respelled = { ...first, meeting: { ...first.meeting, starts_at: '2026-12-15T13:00:00Z' } };
    await send(publish([respelled]), NOW);
    expect(mailsWith('Geändert: ', 'verlegt')).toEqual([]);

    const moved = { ...first, meeting: { ...first.meeting, starts_at: '2026-12-17T09:00:00+01:00', ends_at: '2026-12-17T11:00:00+01:00' }, times: { created: first.times.created, modified: '2026-11-21T08:00:00.000Z' } };
    const data = publish([moved]);
    await sendConcurrently(data, NOW);
    await send(data, NOW);
    const updates = mailsWith('Geändert: ', 'verlegt');
    expect(recipientsOf(updates)).toEqual(JUGEND_ALL);
    expect(updates[0].subject).toBe('Geändert: Treffen verlegt – jetzt am 17. Dezember 2026, 09:00 Uhr');
    expect(updates[0].text).toContain('Donnerstag, 17. Dezember 2026, 09:00–11:00 Uhr');
    expect(updates[0].text).toContain('Bisher: Dienstag, 15. Dezember 2026, 14:00–16:00 Uhr');
    const updated = await calendarOf(updates[0]);
    expect(updated.event.uid).toBe('verlegt@quartiersnetz-kinderhaus.example.org');
    expect(updated.event.sequence).toBe(1);
    expect(updated.event.startDate.toJSDate().toISOString()).toBe('2026-12-17T08:00:00.000Z');

    const elsewhere = { ...moved, meeting: { ...moved.meeting, location: { online_url: 'https://meet.example.org/netzwerk' } } };
    await sendConcurrently(publish([elsewhere]), NOW);
    expect(mailsWith('Geändert: ', 'verlegt')).toHaveLength(JUGEND_ALL.length * 2);
    expect(mailsWith('Geändert: ', 'verlegt').at(-1)!.text).toContain('Bisheriger Ort: Begegnungszentrum, Musterstraße 1, 48159 Münster');
    expect((await calendarOf(mailsWith('Geändert: ', 'verlegt').at(-1)!)).event.sequence).toBe(2);

    const cancelled = { ...elsewhere, meeting: { ...elsewhere.meeting, cancelled: true } };
    await sendConcurrently(publish([cancelled]), NOW);
    const cancellations = mailsWith('Abgesagt: ', 'verlegt');
    expect(recipientsOf(cancellations)).toEqual(JUGEND_ALL);
    const ics = await calendarOf(cancellations[0]);
    expect(ics.status).toBe('CANCELLED');
    expect(ics.event.sequence).toBe(3);
    // Nothing follows a cancellation, and "nur Protokolle" got none of it.
    await send(publish([{ ...cancelled, meeting: { ...cancelled.meeting, starts_at: '2026-12-18T09:00:00+01:00', ends_at: undefined } }]), NOW);
    expect(env.fake!.delivered().filter((m) => m.subject.includes('Treffen verlegt'))).toHaveLength(JUGEND_ALL.length * 4);
    expect(env.fake!.delivered().filter((m) => m.to.includes(ONLY_MINUTES))).toEqual([]);
  });

  it('old meetings after an import send nothing; recent minutes still go out, without an invitation after the fact', async () => {
    const archive = [
      withMinutes(meeting('alt-2015', '2015-02-24T14:00:00+01:00', '2015-02-24T16:00:00+01:00', [SPRACHE])),
      withMinutes(meeting('alt-oktober', '2026-10-20T14:00:00+02:00', '2026-10-20T16:00:00+02:00', [SPRACHE])),
      withMinutes(meeting('grenze-zu-alt', '2026-11-06T14:00:00+01:00', '2026-11-06T16:00:00+01:00', [SPRACHE])),
      withMinutes(meeting('grenze-noch', '2026-11-07T14:00:00+01:00', '2026-11-07T16:00:00+01:00', [SPRACHE])),
      meeting('ohne-protokoll', '2026-11-18T14:00:00+01:00', '2026-11-18T16:00:00+01:00', [SPRACHE]),
      meeting('abgesagt-vorher', '2026-12-20T14:00:00+01:00', '2026-12-20T16:00:00+01:00', [SPRACHE], { cancelled: true }),
    ];
    const data = publish(archive);
    const outcomes = await send(data, NOW);
    expect(outcomes).toEqual({
      'meetings/alt-2015/invitation': 'skipped',
      'meetings/alt-2015/minutes': 'skipped',
      'meetings/alt-oktober/invitation': 'skipped',
      'meetings/alt-oktober/minutes': 'skipped',
      'meetings/grenze-zu-alt/invitation': 'skipped',
      'meetings/grenze-zu-alt/minutes': 'skipped',
      'meetings/grenze-noch/invitation': 'skipped',
      'meetings/grenze-noch/minutes': 'sent',
      'meetings/ohne-protokoll/invitation': 'skipped',
    });
    expect(env.fake!.delivered().map((m) => m.subject.replace(/ vom .*/, '')).filter((s, i, all) => all.indexOf(s) === i)).toEqual(['Protokoll: Treffen grenze-noch']);
    expect(await getSendRecord('meetings/alt-2015/minutes')).toMatchObject({ state: 'skipped', reason: 'too-old', kind: 'minutes' });
    expect(await getSendRecord('meetings/alt-2015/invitation')).toMatchObject({ state: 'skipped', reason: 'past' });

    // The next run sends nothing, and does not even read what is settled (a month past, invitation and minutes judged).
    expect(await send(data, NOW)).toEqual({});
    const parts = await meetingParts(store(SENDS_STORE));
    expect(archive.filter((m) => isSettled(m, parts.get(m.slug), NOW)).map((m) => m.slug)).toEqual(['alt-2015', 'alt-oktober']);

    // An old meeting moved into the future after the import: its invitation was skipped, so no update either.
    const revived = { ...archive[1], meeting: { ...archive[1].meeting, starts_at: '2027-01-10T10:00:00+01:00', ends_at: undefined } };
    await send(publish([revived]), NOW);
    expect(env.fake!.delivered().filter((m) => m.subject.includes('alt-oktober'))).toEqual([]);
  });
});
