/**
 * /api/newsletter/calendar?termin=<slug>: the .ics a meeting mail links to (a link, not
 * an attachment: see lib/newsletter/meeting-mails.ts). Served as a download with
 * `text/calendar`, which Outlook, Apple Calendar and Thunderbird open as an appointment.
 * Public like the meeting's page; it reads the build's data and one meeting's send
 * records, nothing personal.
 */
import type { Config } from '@netlify/functions';
import { guarded } from './lib/http/guard.ts';
import { readRequest } from './lib/http/request.ts';
import { currentSequence, meetingCalendar } from './lib/newsletter/calendar.ts';
import { newsletterData } from './lib/newsletter/data.ts';
import { paragraph, renderPage } from './lib/newsletter/page.ts';
import { refusalAnswer } from './lib/newsletter/request.ts';
import { sends } from './lib/newsletter/send.ts';

export default guarded('newsletter-calendar', async (request: Request): Promise<Response> => {
  const data = newsletterData();
  const read = await readRequest(request, { methods: ['GET', 'HEAD'], kinds: [], maxBytes: 0 });
  if (!read.ok) return refusalAnswer(request, data.site.title, read.refusal);
  const slug = new URL(request.url).searchParams.get('termin') ?? '';
  const meeting = data.meetings.find((m) => m.slug === slug);
  if (!meeting) {
    return renderPage({
      siteTitle: data.site.title,
      status: 404,
      tone: 'error',
      title: 'Diesen Termin gibt es nicht',
      body: paragraph('Der Link zur Kalenderdatei ist unvollständig oder der Termin wurde entfernt. Alle Termine finden Sie auf der Website unter „Termine“.') + '<p><a class="button" href="/termine/">Zu den Terminen</a></p>',
    });
  }
  const ics = meetingCalendar(meeting, data, await currentSequence(sends(), slug));
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${slug}.ics"`,
      // A changed meeting must not be answered from a cache with the old time.
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
});

export const config: Config = {
  path: '/api/newsletter/calendar',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
