/**
 * The calendar file a meeting mail links to: the site's own iCalendar builder
 * (src/lib/exports/ical.ts, the one behind /termine.ics: VTIMEZONE Europe/Berlin, UID
 * `<slug>@<host>`) for this one meeting, with the SEQUENCE of the last announcement that
 * went out (meeting-mailings.ts). After an update mail the file carries a higher SEQUENCE
 * under the same UID, so a calendar replaces the entry instead of adding a second one.
 */
import type { Store } from '@netlify/blobs';
import { buildCalendar } from '../../../src/lib/exports/ical.ts';
import type { NewsletterData, NewsletterMeeting } from './data.ts';
import { meetingRecords, sentSequence } from './meeting-mailings.ts';

export function meetingCalendar(m: NewsletterMeeting, data: NewsletterData, sequence: number): string {
  const networkNames = new Map(data.networks.map((n) => [n.slug, n.label]));
  return buildCalendar({
    site: new URL(data.site.url),
    name: `${data.site.title}: ${m.meeting.title}`,
    meetings: [{ id: m.slug, data: m.meeting }],
    networkNames,
    timesOf: () => ({ created: new Date(m.times.created), modified: new Date(m.times.modified) }),
    sequenceOf: () => sequence,
  });
}

/** The SEQUENCE recipients have: that of the last announcement sent (0 before any). */
export async function currentSequence(blobs: Store, slug: string): Promise<number> {
  return sentSequence(await meetingRecords(blobs, slug)) ?? 0;
}
