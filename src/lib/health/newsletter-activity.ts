/**
 * Rules "newsletter-sent" and "newsletter-waiting": what the newsletter mailed in the
 * last seven days (news, invitations, updates, cancellations, minutes, with counts) and
 * what is published but not yet sent. The send records live in Netlify Blobs, which the
 * content-only rules cannot see, so the CLI and the weekly digest read them
 * (functions/lib/newsletter/activity.ts) and add them to the report here.
 */
import { formatDate } from '../dates.ts';
import type { MailKind } from '../newsletter-types.ts';
import { countBySeverity, sortFindings, type HealthReport } from './index.ts';
import type { Finding } from './types.ts';

export interface ActivityItem {
  kind: MailKind;
  /** `news` or `meetings`, and the entry's slug. */
  collection: 'news' | 'meetings';
  slug: string;
  title: string;
}

export interface NewsletterActivity {
  /** Start of the period (ISO): seven days before the report. */
  since: string;
  sent: (ActivityItem & { sentAt: string; recipients: number })[];
  /** Due now; `since` when a send began and has not finished (else it starts with the next run). */
  waiting: (ActivityItem & { since?: string })[];
}

/** Singular and plural German names of the kinds. */
export const KIND_NAMES: Record<MailKind, [string, string]> = {
  news: ['Meldung', 'Meldungen'],
  invitation: ['Einladung', 'Einladungen'],
  update: ['Terminänderung', 'Terminänderungen'],
  cancellation: ['Absage', 'Absagen'],
  minutes: ['Protokoll', 'Protokolle'],
};
const KIND_ORDER = Object.keys(KIND_NAMES) as MailKind[];

/** A send that began over an hour ago and has not finished needs a look (the schedule runs every 15 minutes). */
const STUCK_MS = 60 * 60 * 1000;

const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;
const ref = (item: ActivityItem, title: string) => ({ collection: item.collection, id: item.slug, file: `content/${item.collection}/${item.slug}.md`, title });

export function activityFindings(activity: NewsletterActivity, now: Date): Finding[] {
  const findings: Finding[] = [];
  for (const kind of KIND_ORDER) {
    const sent = activity.sent.filter((s) => s.kind === kind).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    if (sent.length === 0) continue;
    const recipients = sent.reduce((sum, s) => sum + s.recipients, 0);
    findings.push({
      rule: 'newsletter-sent',
      severity: 'info',
      entry: ref(sent[0], `${count(sent.length, KIND_NAMES[kind])} an zusammen ${recipients} Empfänger`),
      why: sent.map((s) => `„${s.title}“ am ${formatDate(s.sentAt.slice(0, 10))} an ${s.recipients} Empfänger`).join('; ') + '.',
      todo: 'Nichts zu tun.',
      date: sent.at(-1)!.sentAt.slice(0, 10),
    });
  }
  for (const item of activity.waiting) {
    const stuck = item.since !== undefined && now.getTime() - Date.parse(item.since) > STUCK_MS;
    findings.push({
      rule: 'newsletter-waiting',
      severity: stuck ? 'warning' : 'info',
      entry: ref(item, `${KIND_NAMES[item.kind][0]}: ${item.title}`),
      why: item.since ? `Versand läuft seit ${formatDate(item.since.slice(0, 10))}, ${item.since.slice(11, 16)} UTC, und ist noch nicht fertig.` : 'Veröffentlicht, aber noch nicht verschickt: geht mit dem nächsten Lauf raus (spätestens in 15 Minuten).',
      todo: stuck ? 'Im Netlify-Protokoll der Funktion „newsletter-send“ nachsehen, warum der Versand nicht fertig wird.' : 'Nichts zu tun.',
      ...(item.since ? { date: item.since.slice(0, 10) } : {}),
    });
  }
  return findings;
}

/** The report with the newsletter's last week and what is waiting (undefined: the send records were not readable). */
export function withNewsletterActivity(report: HealthReport, activity: NewsletterActivity | undefined, now: Date): HealthReport {
  if (!activity) return { ...report, notes: [...report.notes, 'Der Newsletter-Versand (verschickt, wartend) konnte nicht gelesen werden (keine Verbindung zu Netlify Blobs).'] };
  const ours = new Set(['newsletter-sent', 'newsletter-waiting']);
  const earlier = report.findings.filter((f) => ours.has(f.rule));
  const added = activityFindings(activity, now);
  const counts = { ...report.counts };
  for (const f of earlier) counts[f.severity] -= 1;
  for (const [severity, n] of Object.entries(countBySeverity(added))) counts[severity as keyof typeof counts] += n;
  return { ...report, findings: sortFindings([...report.findings.filter((f) => !ours.has(f.rule)), ...added]), counts };
}
