/**
 * The mails about a meeting, in the one mail layout: the invitation, a short update when
 * date, time or place changed ("Geändert: …"), the cancellation, and the minutes. Dates
 * and times are Berlin wall-clock times. The calendar entry is a link to the site's
 * .ics (newsletter-calendar.ts), not an attachment: Resend's batch endpoint takes no
 * attachments, a link keeps every mail small, and Outlook opens a text/calendar
 * download as an appointment to save. Every mail carries the recipient's preferences
 * and unsubscribe links (subscriberFooter) and the one-click headers.
 */
import { t } from '../../../src/i18n/index.ts';
import { dateTimeFormat } from '../../../src/lib/intl.ts';
import { TIME_ZONE } from '../../../src/lib/dates.ts';
import type { Block } from '../mail-layout/index.ts';
import type { NewsletterData, NewsletterMeeting } from './data.ts';
import { calendarUrl } from './links.ts';
import type { RecipientLinks, Recipient, Schedule } from './mailing.ts';
import { absolute, joinGerman, layout, networkLabels, subscriberFooter, unsubscribeHeaders, type RenderedMail } from './templates.ts';

const DOCUMENT_KIND_LABELS: Record<string, string> = {
  einladung: 'Einladung',
  tagesordnung: 'Tagesordnung',
  protokoll: 'Protokoll',
  praesentation: 'Präsentation',
  vorlage: 'Vorlage',
  sonstiges: 'Dokument',
};

/** "Dienstag, 8. Dezember 2026" in Berlin. */
function day(iso: string): string {
  return dateTimeFormat('de-DE', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

function clock(iso: string): string {
  return dateTimeFormat('de-DE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Dienstag, 8. Dezember 2026, 10:00–12:00 Uhr" (an end on another day is written out). */
export function whenText(schedule: Pick<Schedule, 'startsAt' | 'endsAt'>): string {
  const { startsAt, endsAt } = schedule;
  if (!endsAt) return `${day(startsAt)}, ${clock(startsAt)} Uhr`;
  if (day(endsAt) === day(startsAt)) return `${day(startsAt)}, ${clock(startsAt)}–${clock(endsAt)} Uhr`;
  return `${day(startsAt)}, ${clock(startsAt)} Uhr bis ${day(endsAt)}, ${clock(endsAt)} Uhr`;
}

/** The date and time a subject names: "8. Dezember 2026, 10:00 Uhr". */
function shortWhen(startsAt: string): string {
  const date = dateTimeFormat('de-DE', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(startsAt));
  return `${date}, ${clock(startsAt)} Uhr`;
}

/** What a mail announces about a meeting: from its front matter, the one source. */
export function scheduleOf(m: NewsletterMeeting): Schedule {
  const l = m.meeting.location;
  const place = l ? [l.name, l.street, [l.postal_code, l.city].filter(Boolean).join(' '), l.online_url].map((p) => p?.trim()).filter((p): p is string => Boolean(p)) : [];
  return { startsAt: m.meeting.starts_at, ...(m.meeting.ends_at ? { endsAt: m.meeting.ends_at } : {}), place };
}

function placeText(schedule: Schedule): string {
  return schedule.place.length ? schedule.place.join(', ') : 'Ort folgt (siehe Website)';
}

function networksText(m: NewsletterMeeting, data: NewsletterData): string {
  const slugs = m.meeting.networks ?? [];
  return slugs.length ? joinGerman(networkLabels(slugs, data.networks)) : t('meeting.allNetworks');
}

function scheduleFacts(m: NewsletterMeeting, data: NewsletterData, schedule: Schedule): Block {
  const online = m.meeting.location?.online_url;
  return {
    kind: 'facts',
    rows: [
      { label: 'Wann', value: whenText(schedule) },
      { label: 'Wo', value: placeText(schedule), ...(online && schedule.place.length === 1 ? { url: online } : {}) },
      { label: 'Netzwerke', value: networksText(m, data) },
    ],
  };
}

function documentsBlocks(m: NewsletterMeeting, origin: string, only?: string): Block[] {
  const documents = (m.meeting.documents ?? []).filter((d) => !only || d.kind === only);
  if (documents.length === 0) return [];
  return [
    { kind: 'heading', text: only === 'protokoll' ? 'Protokoll als Datei' : 'Dokumente' },
    { kind: 'list', items: documents.map((d) => ({ label: `${d.title} (${DOCUMENT_KIND_LABELS[d.kind] ?? d.kind}, PDF)`, url: absolute(d.file, origin) })) },
  ];
}

function calendarBlocks(m: NewsletterMeeting, origin: string, label: string): Block[] {
  const url = calendarUrl(origin, m.slug);
  return [
    { kind: 'button', link: { label, url } },
    { kind: 'paragraph', text: 'Die Kalenderdatei (.ics) funktioniert mit Outlook, Apple Kalender, Google Kalender und Thunderbird.', small: true },
  ];
}

function finish(subject: string, preheader: string, main: Block[], m: NewsletterMeeting, data: NewsletterData, origin: string, recipient: Recipient, links: RecipientLinks): RenderedMail {
  const { html, text } = layout(data.site, origin, subject, preheader, main, subscriberFooter(data, origin, { networks: recipient.networks, ...links }));
  return { subject, html, text, headers: unsubscribeHeaders(links.unsubscribeUrl) };
}

export function invitationMail(m: NewsletterMeeting, data: NewsletterData, origin: string, recipient: Recipient, links: RecipientLinks): RenderedMail {
  const schedule = scheduleOf(m);
  const subject = `Einladung: ${m.meeting.title} am ${shortWhen(schedule.startsAt)}`;
  const agenda = m.meeting.agenda ?? [];
  const main: Block[] = [
    { kind: 'paragraph', text: 'Einladung', small: true },
    { kind: 'heading', level: 1, text: m.meeting.title },
    scheduleFacts(m, data, schedule),
    ...(agenda.length ? ([{ kind: 'heading', text: t('meeting.agenda') }, { kind: 'list', items: agenda.map((item, i) => `${i + 1}. ${item}`) }] satisfies Block[]) : []),
    ...documentsBlocks(m, origin),
    ...calendarBlocks(m, origin, 'In den Kalender eintragen'),
    { kind: 'link', link: { label: 'Termin auf der Website', url: absolute(m.path, origin) } },
  ];
  return finish(subject, `${whenText(schedule)} – ${placeText(schedule)}`, main, m, data, origin, recipient, links);
}

/** The short mail after date, time or place changed: what is new, what it was, the new calendar entry. */
export function updateMail(m: NewsletterMeeting, data: NewsletterData, origin: string, recipient: Recipient, links: RecipientLinks, previous?: Schedule): RenderedMail {
  const schedule = scheduleOf(m);
  const subject = `Geändert: ${m.meeting.title} – jetzt am ${shortWhen(schedule.startsAt)}`;
  const before: string[] = [];
  if (previous && (previous.startsAt !== schedule.startsAt || previous.endsAt !== schedule.endsAt)) before.push(`Bisher: ${whenText(previous)}`);
  if (previous && previous.place.join('|') !== schedule.place.join('|')) before.push(`Bisheriger Ort: ${placeText(previous)}`);
  const main: Block[] = [
    { kind: 'paragraph', text: 'Geändert', small: true, strong: true },
    { kind: 'heading', level: 1, text: m.meeting.title },
    { kind: 'paragraph', text: 'Der Termin hat sich geändert. So gilt er jetzt:' },
    scheduleFacts(m, data, schedule),
    ...(before.length ? ([{ kind: 'paragraph', text: before.join('\n'), small: true }] satisfies Block[]) : []),
    ...calendarBlocks(m, origin, 'Kalendereintrag aktualisieren'),
    { kind: 'paragraph', text: 'Haben Sie den Termin schon im Kalender, ersetzt die neue Kalenderdatei den alten Eintrag.', small: true },
    { kind: 'link', link: { label: 'Termin auf der Website', url: absolute(m.path, origin) } },
  ];
  return finish(subject, `Neu: ${whenText(schedule)} – ${placeText(schedule)}`, main, m, data, origin, recipient, links);
}

export function cancellationMail(m: NewsletterMeeting, data: NewsletterData, origin: string, recipient: Recipient, links: RecipientLinks): RenderedMail {
  const schedule = scheduleOf(m);
  const subject = `Abgesagt: ${m.meeting.title} am ${shortWhen(schedule.startsAt)}`;
  const main: Block[] = [
    { kind: 'paragraph', text: 'Abgesagt', small: true, strong: true },
    { kind: 'heading', level: 1, text: m.meeting.title },
    { kind: 'paragraph', text: `Das Treffen am ${whenText(schedule)} findet nicht statt.` },
    ...calendarBlocks(m, origin, 'Kalendereintrag als abgesagt markieren'),
    { kind: 'link', link: { label: 'Termin auf der Website', url: absolute(m.path, origin) } },
  ];
  return finish(subject, `Das Treffen am ${whenText(schedule)} findet nicht statt.`, main, m, data, origin, recipient, links);
}

export function minutesMail(m: NewsletterMeeting, data: NewsletterData, origin: string, recipient: Recipient, links: RecipientLinks): RenderedMail {
  const schedule = scheduleOf(m);
  const date = dateTimeFormat('de-DE', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(schedule.startsAt));
  const subject = `Protokoll: ${m.meeting.title} vom ${date}`;
  const main: Block[] = [
    { kind: 'paragraph', text: 'Protokoll', small: true },
    { kind: 'heading', level: 1, text: m.meeting.title },
    { kind: 'paragraph', text: `Das Protokoll des Treffens vom ${whenText(schedule)} ist auf der Website.` },
    { kind: 'button', link: { label: 'Protokoll lesen', url: absolute(m.path, origin) } },
    ...documentsBlocks(m, origin, 'protokoll'),
  ];
  return finish(subject, `Das Protokoll vom ${date} ist online.`, main, m, data, origin, recipient, links);
}
