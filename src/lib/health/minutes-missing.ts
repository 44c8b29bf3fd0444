/**
 * A meeting is documented when it has minutes in its body or a `protokoll` document.
 * Fourteen days after the meeting the office gets a nudge: later, nobody remembers.
 */
import { addDays, berlinDate, formatDate } from '../dates.ts';
import { refOf } from './entries.ts';
import type { Meeting } from '../../schema/index.ts';
import type { Entry } from '../load-content.ts';
import type { Finding, Rule } from './types.ts';

export function hasMinutes(meeting: Entry<Meeting>): boolean {
  return meeting.body.trim().length > 0 || Boolean(meeting.data.documents?.some((d) => d.kind === 'protokoll'));
}

export const minutesMissing: Rule = ({ content, now }, options) => {
  const findings: Finding[] = [];
  const today = berlinDate(now);
  for (const meeting of content.meetings) {
    if (meeting.data.cancelled || hasMinutes(meeting)) continue;
    const ended = meeting.data.ends_at ?? meeting.data.starts_at;
    const meetingDay = berlinDate(new Date(ended));
    const due = addDays(meetingDay, options.minutesGraceDays);
    if (Date.parse(ended) > now.getTime() || due >= today) continue;
    findings.push({
      rule: 'minutes-missing',
      severity: 'warning',
      entry: refOf('meetings', meeting),
      why: `Das Treffen war am ${formatDate(meetingDay)}; es gibt weder ein Protokoll im Text noch ein Dokument der Art „Protokoll“.`,
      todo: 'Protokoll als Text eintragen oder als PDF mit der Art „Protokoll“ hochladen. Ist das Treffen ausgefallen, „Abgesagt“ ankreuzen.',
      date: due,
    });
  }
  return findings;
};
