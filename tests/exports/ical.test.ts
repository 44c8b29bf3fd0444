/**
 * The calendars, read by a real iCalendar parser (ical.js) with the VTIMEZONE from the
 * file itself: every event at the instant the content gives, in summer and winter and
 * right at the changes to and from summer time.
 */
import ICAL from 'ical.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/schema/index.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { buildCalendar, foldLine } from '../../src/lib/exports/ical.ts';
import { DIST } from '../helpers/dist.ts';

const { content } = loadContent();

interface ParsedEvent {
  uid: string;
  start: Date;
  end: Date | undefined;
  startZone: string;
  summary: string;
  status: string;
  location: string | undefined;
  url: string;
  dtstamp: string;
}

/** Parses like a calendar app: the file's own VTIMEZONE defines Europe/Berlin. */
function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate(),
      end: component.hasProperty('dtend') ? event.endDate.toJSDate() : undefined,
      startZone: event.startDate.zone?.tzid ?? '',
      summary: event.summary,
      status: String(component.getFirstPropertyValue('status')),
      location: event.location ?? undefined,
      url: String(component.getFirstPropertyValue('url')),
      dtstamp: String(component.getFirstPropertyValue('dtstamp')),
    };
  });
}

afterEach(() => ICAL.TimezoneService.reset());

const site = new URL('https://quartiersnetz.example.org/');
const fixedTimes = { created: new Date('2026-01-01T09:00:00Z'), modified: new Date('2026-02-01T09:00:00Z') };

function calendarOf(meetings: { id: string; data: Partial<Meeting> & Pick<Meeting, 'title' | 'starts_at'> }[]): string {
  return buildCalendar({
    site,
    name: 'Test',
    meetings: meetings.map((m) => ({ id: m.id, data: { cancelled: false, ...m.data } as Meeting })),
    networkNames: new Map(),
    timesOf: () => fixedTimes,
  });
}

describe('iCalendar writer', () => {
  it('keeps wall-clock times across the change to and from summer time', () => {
    const meetings = [
      // Day before and day of the spring change (29 March 2026), then the autumn change (25 October 2026).
      { id: 'a', data: { title: 'Samstag vor Sommerzeit', starts_at: '2026-03-28T14:00:00+01:00', ends_at: '2026-03-28T16:00:00+01:00' } },
      { id: 'b', data: { title: 'Sonntag Sommerzeit', starts_at: '2026-03-29T14:00:00+02:00', ends_at: '2026-03-29T16:00:00+02:00' } },
      { id: 'c', data: { title: 'Über die Umstellung', starts_at: '2026-03-29T01:30:00+01:00', ends_at: '2026-03-29T03:30:00+02:00' } },
      { id: 'd', data: { title: 'Samstag vor Winterzeit', starts_at: '2026-10-24T14:00:00+02:00' } },
      { id: 'e', data: { title: 'Sonntag Winterzeit', starts_at: '2026-10-25T14:00:00+01:00' } },
      // 02:30 exists twice on 25 October: first in summer time, then in winter time.
      { id: 'f', data: { title: 'Erste 02:30', starts_at: '2026-10-25T02:30:00+02:00' } },
      { id: 'g', data: { title: 'Zweite 02:30', starts_at: '2026-10-25T02:30:00+01:00' } },
    ];
    const events = parseCalendar(calendarOf(meetings));
    expect(events).toHaveLength(meetings.length);
    for (const meeting of meetings) {
      const event = events.find((e) => e.uid === `${meeting.id}@${site.hostname}`)!;
      expect(event.start.toISOString(), meeting.data.title).toBe(new Date(meeting.data.starts_at).toISOString());
      if (meeting.data.ends_at) expect(event.end?.toISOString()).toBe(new Date(meeting.data.ends_at).toISOString());
    }
    expect(events.find((e) => e.uid.startsWith('a@'))!.startZone).toBe('Europe/Berlin');
    expect(events.find((e) => e.uid.startsWith('e@'))!.startZone).toBe('Europe/Berlin');
  });

  it('writes CRLF lines of at most 75 octets, folding without splitting characters', () => {
    const long = 'Förderung – Übergänge – Ausbildung – '.repeat(8);
    const text = calendarOf([{ id: 'lang', data: { title: long, starts_at: '2026-06-16T14:00:00+02:00', agenda: [long, long] } }]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseCalendar(text)[0].summary).toBe(long);
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('escapes text so commas, semicolons and line breaks survive', () => {
    const title = 'Treffen; Netzwerk I, II\\III';
    const events = parseCalendar(calendarOf([{ id: 'x', data: { title, starts_at: '2026-06-16T14:00:00+02:00', location: { name: 'Raum 1, EG', street: 'Idenbrockplatz 8', postal_code: '48159', city: 'Münster' } } }]));
    expect(events[0].summary).toBe(title);
    expect(events[0].location).toBe('Raum 1, EG, Idenbrockplatz 8, 48159 Münster');
  });
});

describe('published calendars', () => {
  const calendarFiles = [join(DIST, 'termine.ics'), ...content.networks.map((n) => join(DIST, 'netzwerke', n.id, 'termine.ics'))];

  it('exist for all meetings and for every network', () => {
    for (const file of calendarFiles) expect(existsSync(file), file).toBe(true);
  });

  it('have every meeting at the instant the content gives, with stable UIDs, DTSTAMP, URL and status', () => {
    const text = readFileSync(join(DIST, 'termine.ics'), 'utf8');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
    const events = parseCalendar(text);
    expect(events).toHaveLength(content.meetings.length);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    for (const meeting of content.meetings) {
      const event = events.find((e) => e.uid.startsWith(`${meeting.id}@`));
      expect(event, meeting.id).toBeDefined();
      expect(event!.start.getTime(), meeting.id).toBe(Date.parse(meeting.data.starts_at));
      expect(event!.startZone).toBe('Europe/Berlin');
      if (meeting.data.ends_at) expect(event!.end!.getTime(), meeting.id).toBe(Date.parse(meeting.data.ends_at));
      expect(event!.status).toBe(meeting.data.cancelled ? 'CANCELLED' : 'CONFIRMED');
      expect(event!.url).toMatch(new RegExp(`^https://[^/]+/archiv/${meeting.id}/$`));
      expect(event!.dtstamp).toMatch(/Z$/);
      if (meeting.data.location?.street) expect(event!.location).toContain(meeting.data.location.street);
    }
  });

  it('read a summer meeting at +02:00 and a winter meeting at +01:00 as the same local time', () => {
    const events = parseCalendar(readFileSync(join(DIST, 'termine.ics'), 'utf8'));
    const summer = content.meetings.find((m) => m.data.starts_at.endsWith('+02:00') && m.data.starts_at.includes('T14:00'));
    const winter = content.meetings.find((m) => m.data.starts_at.endsWith('+01:00') && m.data.starts_at.includes('T14:00'));
    expect(summer && winter, 'the sample content has 14:00 meetings in summer and in winter').toBeTruthy();
    const summerEvent = events.find((e) => e.uid.startsWith(`${summer!.id}@`))!;
    const winterEvent = events.find((e) => e.uid.startsWith(`${winter!.id}@`))!;
    expect(summerEvent.start.getUTCHours()).toBe(12);
    expect(winterEvent.start.getUTCHours()).toBe(13);
    const berlinClock = (d: Date) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(d);
    expect(berlinClock(summerEvent.start)).toBe('14:00');
    expect(berlinClock(winterEvent.start)).toBe('14:00');
    const cancelled = content.meetings.find((m) => m.data.cancelled)!;
    const cancelledEvent = events.find((e) => e.uid.startsWith(`${cancelled.id}@`))!;
    expect(cancelledEvent.status).toBe('CANCELLED');
  });

  it('give each network its own meetings plus those for all networks', () => {
    for (const network of content.networks) {
      const events = parseCalendar(readFileSync(join(DIST, 'netzwerke', network.id, 'termine.ics'), 'utf8'));
      const expected = content.meetings.filter((m) => !m.data.networks?.length || m.data.networks.includes(network.id)).map((m) => m.id).sort();
      expect(events.map((e) => e.uid.split('@')[0]).sort()).toEqual(expected);
    }
  });
});
