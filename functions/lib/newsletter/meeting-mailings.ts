/**
 * Which mails a meeting needs now, judged from its front matter (generated data) and
 * the send records already in the store. Each is one mailing for the one send machinery
 * (send.ts), under its own key, so each goes out exactly once:
 *
 * - `meetings/<slug>/invitation`: when first seen with a start in the future; a meeting
 *   already past when first seen (an import of old meetings) is recorded as skipped and
 *   never gets invitations, updates or a cancellation. No invitation for a cancelled one.
 * - `meetings/<slug>/update-<n>`: once the invitation (and every earlier update) went
 *   out, a meeting still ahead whose date, time or place differs from what the last mail
 *   announced gets update n+1. Numbered, not keyed by content: moving a meeting back to
 *   its first date is a change too. Of concurrent runs exactly one claims update-<n>.
 * - `meetings/<slug>/cancellation`: once, when a meeting that was announced is cancelled.
 * - `meetings/<slug>/minutes`: when a past meeting has minutes (body or a `protokoll`
 *   document); not for a meeting older than 14 days when its minutes are first seen.
 *
 * Every announcement records its calendar SEQUENCE (invitation 0, then +1 per update or
 * cancellation): the .ics the mails link to carries the highest one sent
 * (newsletter-calendar.ts), so calendar apps replace the entry they have.
 */
import type { Store } from '@netlify/blobs';
import { berlinDate } from '../../../src/lib/dates.ts';
import { isMeetingUpcoming } from '../../../src/lib/publication.ts';
import type { NewsletterData, NewsletterMeeting } from './data.ts';
import { ageInDays, MAX_AGE_DAYS, type Mailing, type MailingFacts, type MailKind, type Schedule } from './mailing.ts';
import { cancellationMail, invitationMail, minutesMail, scheduleOf, updateMail } from './meeting-mails.ts';
import type { SendRecord } from './send.ts';

export const meetingPrefix = (slug: string) => `meetings/${slug}/`;

/** The parts (`invitation`, `update-2` …) of every meeting's send records, by slug: one listing for a whole run. */
export async function meetingParts(blobs: Store): Promise<Map<string, Set<string>>> {
  const parts = new Map<string, Set<string>>();
  for await (const page of blobs.list({ prefix: 'meetings/', paginate: true })) {
    for (const { key } of page.blobs) {
      const [, slug, part] = key.split('/');
      if (!slug || !part) continue;
      if (!parts.has(slug)) parts.set(slug, new Set());
      parts.get(slug)!.add(part);
    }
  }
  return parts;
}

/** The meeting's send records by the last part of their key; `known`: its parts from meetingParts (else listed here). */
export async function meetingRecords(blobs: Store, slug: string, known?: Set<string>): Promise<Map<string, SendRecord>> {
  const prefix = meetingPrefix(slug);
  let parts = known ? [...known] : undefined;
  if (!parts) {
    parts = [];
    for await (const page of blobs.list({ prefix, paginate: true })) parts.push(...page.blobs.map((b) => b.key.slice(prefix.length)));
  }
  const records = new Map<string, SendRecord>();
  await Promise.all(
    parts.map(async (part) => {
      const record = (await blobs.get(`${prefix}${part}`, { type: 'json' })) as SendRecord | null;
      if (record) records.set(part, record);
    }),
  );
  return records;
}

/** Nothing can be due any more: a month past, its invitation judged, its minutes judged or none. Not even read, so a run stays short as the archive grows. */
export const SETTLED_AFTER_DAYS = 30;
export function isSettled(m: NewsletterMeeting, parts: Set<string> | undefined, now: Date): boolean {
  const ended = Date.parse(m.meeting.ends_at ?? m.meeting.starts_at);
  if (now.getTime() - ended < SETTLED_AFTER_DAYS * 86_400_000 || !parts?.has('invitation')) return false;
  return parts.has('minutes') || !m.hasMinutes;
}

const isAnnouncement = (part: string) => part === 'invitation' || part === 'cancellation' || /^update-\d+$/.test(part);

/** The announcements that were claimed (sending or sent), in SEQUENCE order. */
export function announcements(records: Map<string, SendRecord>): { part: string; record: Exclude<SendRecord, { state: 'skipped' }> }[] {
  return [...records]
    .filter(([part, record]) => isAnnouncement(part) && record.state !== 'skipped')
    .map(([part, record]) => ({ part, record: record as Exclude<SendRecord, { state: 'skipped' }> }))
    .sort((a, b) => (a.record.facts?.sequence ?? 0) - (b.record.facts?.sequence ?? 0));
}

/** The SEQUENCE of the last announcement that went out completely; undefined before the invitation was sent. */
export function sentSequence(records: Map<string, SendRecord>): number | undefined {
  const sent = announcements(records).filter((a) => a.record.state === 'sent');
  return sent.length ? Math.max(...sent.map((a) => a.record.facts?.sequence ?? 0)) : undefined;
}

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Date.parse(a) === Date.parse(b);
}

/** Same date, time and place (instants compared, so `+01:00` and `Z` spellings are equal). */
export function sameSchedule(a: Schedule, b: Schedule): boolean {
  return sameInstant(a.startsAt, b.startsAt) && sameInstant(a.endsAt, b.endsAt) && a.place.join('\n') === b.place.join('\n');
}

function networksOf(m: NewsletterMeeting, data: NewsletterData): string[] {
  const own = m.meeting.networks ?? [];
  return own.length ? [...own] : data.networks.map((n) => n.slug);
}

function mailing(m: NewsletterMeeting, data: NewsletterData, part: string, kind: MailKind, facts: MailingFacts | undefined, skip?: Mailing['skip']): Mailing {
  const render: Mailing['render'] = (recipient, links, origin) => {
    switch (kind) {
      case 'invitation':
        return invitationMail(m, data, origin, recipient, links);
      case 'update':
        return updateMail(m, data, origin, recipient, links, facts?.previous);
      case 'cancellation':
        return cancellationMail(m, data, origin, recipient, links);
      default:
        return minutesMail(m, data, origin, recipient, links);
    }
  };
  return {
    key: `${meetingPrefix(m.slug)}${part}`,
    name: `${meetingPrefix(m.slug)}${part}`,
    kind,
    networks: networksOf(m, data),
    date: berlinDate(new Date(m.meeting.starts_at)),
    title: m.meeting.title,
    ...(skip ? { skip } : {}),
    ...(facts ? { facts } : {}),
    render,
  };
}

/** The mailings a meeting needs in this run (new ones, and claimed ones an interrupted run left). */
export async function meetingMailings(m: NewsletterMeeting, data: NewsletterData, now: Date, blobs: Store, known?: Set<string>): Promise<Mailing[]> {
  const records = await meetingRecords(blobs, m.slug, known);
  const planned: Mailing[] = [];
  const schedule = scheduleOf(m);
  const ahead = Date.parse(m.meeting.starts_at) > now.getTime();

  // Claimed but unfinished (a run died, or is running): send.ts resumes or leaves them.
  for (const [part, record] of records) {
    if (record.state !== 'sending' || !record.kind) continue;
    planned.push(mailing(m, data, part, record.kind, record.facts));
  }

  const invitation = records.get('invitation');
  if (!invitation) {
    if (!m.meeting.cancelled) planned.push(mailing(m, data, 'invitation', 'invitation', { schedule, sequence: 0 }, ahead ? undefined : 'past'));
  } else if (!records.has('cancellation')) {
    const claimed = announcements(records);
    // Only on top of announcements that went out completely: an update never overtakes its invitation.
    if (claimed.length > 0 && claimed.every((a) => a.record.state === 'sent')) {
      const last = claimed[claimed.length - 1].record.facts;
      const sequence = (last?.sequence ?? 0) + 1;
      if (m.meeting.cancelled) {
        planned.push(mailing(m, data, 'cancellation', 'cancellation', { schedule, sequence }, ahead ? undefined : 'past'));
      } else if (ahead && last?.schedule && !sameSchedule(last.schedule, schedule)) {
        const updates = [...records.keys()].filter((part) => part.startsWith('update-')).length;
        planned.push(mailing(m, data, `update-${updates + 1}`, 'update', { schedule, previous: last.schedule, sequence }));
      }
    }
  }

  if (m.hasMinutes && !m.meeting.cancelled && !isMeetingUpcoming(m.meeting, now) && !records.has('minutes')) {
    const tooOld = ageInDays(berlinDate(new Date(m.meeting.starts_at)), now) > MAX_AGE_DAYS;
    planned.push(mailing(m, data, 'minutes', 'minutes', undefined, tooOld ? 'too-old' : undefined));
  }
  return planned;
}

/**
 * The mail a preview shows for a meeting (`npm run newsletter:preview -- meetings/<slug>`):
 * the invitation while it is ahead, the minutes once it is past and has minutes. The
 * German message says why there is none otherwise.
 */
export function meetingPreviewMailing(m: NewsletterMeeting, data: NewsletterData, now: Date): { ok: true; mailing: Mailing } | { ok: false; message: string } {
  if (m.meeting.cancelled) return { ok: true, mailing: mailing(m, data, 'cancellation', 'cancellation', { schedule: scheduleOf(m), sequence: 1 }) };
  if (isMeetingUpcoming(m.meeting, now)) {
    if (Date.parse(m.meeting.starts_at) <= now.getTime()) return { ok: false, message: 'Das Treffen läuft gerade; eine Einladung wird nicht mehr verschickt.' };
    return { ok: true, mailing: mailing(m, data, 'invitation', 'invitation', { schedule: scheduleOf(m), sequence: 0 }) };
  }
  if (!m.hasMinutes) return { ok: false, message: 'Das Treffen liegt zurück und hat noch kein Protokoll (Text im Feld „Protokoll“ oder ein Dokument der Art „protokoll“). Sobald es eines hat, zeigt die Vorschau die Protokoll-Mail.' };
  return { ok: true, mailing: mailing(m, data, 'minutes', 'minutes', undefined) };
}
