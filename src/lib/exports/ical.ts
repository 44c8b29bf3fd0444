/**
 * Meetings as an iCalendar feed (RFC 5545) that members subscribe to. Times are written
 * as Berlin wall-clock times with a VTIMEZONE, so a 14:00 meeting stays at 14:00 on both
 * sides of the change to and from summer time. UIDs come from slugs: a calendar app
 * updates the event it already has instead of adding a second one.
 */
import type { Meeting } from '../../schema/index.ts';
import { t } from '../../i18n/index.ts';
import type { ContentEntry } from './hsds.ts';
import { berlinWallClock, isUniqueBerlinWallClock, type WallClock } from './time.ts';
import type { FileTimes } from './timestamps.ts';

export interface CalendarSource {
  site: URL;
  /** Shown as the calendar's name in calendar apps. */
  name: string;
  description?: string;
  meetings: ContentEntry<Meeting>[];
  /** Readable network names for the event description. */
  networkNames: Map<string, string>;
  /** When each meeting's file was created and last changed (for DTSTAMP and LAST-MODIFIED). */
  timesOf: (meeting: ContentEntry<Meeting>) => FileTimes;
  /**
   * The event's SEQUENCE, for a calendar file mailed with an invitation or its update
   * (functions/lib/newsletter): the same UID with a higher SEQUENCE replaces the entry a
   * recipient already has. The subscribed feeds leave it out (RFC 5545 default 0).
   */
  sequenceOf?: (meeting: ContentEntry<Meeting>) => number | undefined;
}

/**
 * Europe/Berlin since 1996 (EU rules: last Sunday of March 02:00 → 03:00, last Sunday of
 * October 03:00 → 02:00). Written out because RFC 5545 wants the definition in the file.
 */
export const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n?|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets (RFC 5545 3.1), never splitting
 * a UTF-8 character: continuation lines start with one space.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      // The leading space of a continuation line counts towards its 75 octets.
      limit = 74;
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatWallClock(w: WallClock): string {
  return `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

export function formatUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * `DTSTART;TZID=Europe/Berlin:20260304T140000`. A wall-clock time that does not name the
 * instant uniquely (the repeated hour in October, the missing one in March) is written in
 * UTC instead, which every client reads the same way.
 */
export function dateTimeProperty(name: string, iso: string): string {
  const instant = new Date(iso);
  const wall = berlinWallClock(instant);
  // RFC 5545 reads a repeated time as its first occurrence, but not every client does.
  if (isUniqueBerlinWallClock(wall)) {
    return `${name};TZID=Europe/Berlin:${formatWallClock(wall)}`;
  }
  return `${name}:${formatUtc(instant)}`;
}

function locationText(meeting: Meeting): string | undefined {
  const l = meeting.location;
  if (!l) return undefined;
  const parts = [l.name, l.street, [l.postal_code, l.city].filter(Boolean).join(' ')].filter(Boolean);
  if (l.online_url) parts.push(l.online_url);
  return parts.join(', ') || undefined;
}

function sequenceLine(sequence: number | undefined): string[] {
  return sequence === undefined ? [] : [`SEQUENCE:${sequence}`];
}

function eventLines(entry: ContentEntry<Meeting>, source: CalendarSource): string[] {
  const d = entry.data;
  const pageUrl = new URL(`/archiv/${entry.id}/`, source.site).href;
  const times = source.timesOf(entry);
  const networks = d.networks?.length ? d.networks.map((n) => source.networkNames.get(n) ?? n).join(', ') : t('meeting.allNetworks');
  const description = [
    `${t('meeting.networks')}: ${networks}`,
    d.agenda?.length ? `${t('meeting.agenda')}:\n${d.agenda.map((item, i) => `${i + 1}. ${item}`).join('\n')}` : undefined,
    d.location?.online_url ? `${t('meeting.joinOnline')}: ${d.location.online_url}` : undefined,
    pageUrl,
  ]
    .filter(Boolean)
    .join('\n\n');
  const location = locationText(d);
  return [
    'BEGIN:VEVENT',
    `UID:${entry.id}@${source.site.hostname}`,
    // When this event was last revised (see buildCalendar): a daily rebuild must not
    // look like a change to every subscriber.
    `DTSTAMP:${formatUtc(times.modified)}`,
    ...sequenceLine(source.sequenceOf?.(entry)),
    `CREATED:${formatUtc(times.created)}`,
    `LAST-MODIFIED:${formatUtc(times.modified)}`,
    dateTimeProperty('DTSTART', d.starts_at),
    ...(d.ends_at ? [dateTimeProperty('DTEND', d.ends_at)] : []),
    `SUMMARY:${escapeText(d.cancelled ? `${t('meeting.cancelled')}: ${d.title}` : d.title)}`,
    `STATUS:${d.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${pageUrl}`,
    // A cancelled meeting no longer blocks the time in anyone's calendar.
    `TRANSP:${d.cancelled ? 'TRANSPARENT' : 'OPAQUE'}`,
    'END:VEVENT',
  ];
}

/** The whole calendar as text: CRLF line ends, folded lines. Meetings in order of start. */
export function buildCalendar(source: CalendarSource): string {
  const meetings = [...source.meetings].sort((a, b) => Date.parse(a.data.starts_at) - Date.parse(b.data.starts_at) || a.id.localeCompare(b.id));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${source.site.hostname}//Quartiersnetz//DE`,
    'CALSCALE:GREGORIAN',
    // No METHOD: without it, RFC 5545 reads DTSTAMP as the time the event was last
    // revised, which is what we write (with METHOD it would have to be the build time).
    `X-WR-CALNAME:${escapeText(source.name)}`,
    ...(source.description ? [`X-WR-CALDESC:${escapeText(source.description)}`] : []),
    'X-WR-TIMEZONE:Europe/Berlin',
    // Calendar apps poll subscriptions; twice a day is enough for meetings.
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'X-PUBLISHED-TTL:PT12H',
    ...BERLIN_VTIMEZONE,
    ...meetings.flatMap((m) => eventLines(m, source)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
