/**
 * Every kind of mail the site sends, rendered with sample data from the sample content:
 * the same examples drive `npm run mail:preview` (outbox + screenshots), the mail tests
 * (doiuse-email, layout checks) and the render bench. A new kind of mail gets its sample
 * here, and every check covers it.
 */
import { loadContent } from '../../src/lib/load-content.ts';
import { formatProblem } from '../../src/schema/problems.ts';
import { buildNewsletterData } from '../../src/lib/newsletter-data.ts';
import { buildRecipientDirectory } from '../../src/lib/recipients.ts';
import { healthReportFor } from '../../src/lib/health/gather.ts';
import { berlinDate } from '../../src/lib/dates.ts';
import { siteFactsFrom } from '../../src/lib/site-facts.ts';
import type { SiteFacts } from '../../functions/lib/generated.ts';
import type { StoredMessage } from '../../functions/lib/contact/messages.ts';
import { renderContactMail, renderEscalationMail } from '../../functions/lib/contact/render-mail.ts';
import { confirmationMail, issueMail, stalledUnsubscribeMail, welcomeMail } from '../../functions/lib/newsletter/templates.ts';
import { officeDigest, organisationReminder, ORGANISATION_RULES } from '../../functions/lib/reminders/render.ts';
import { cancellationMail, invitationMail, minutesMail, scheduleOf, updateMail } from '../../functions/lib/newsletter/meeting-mails.ts';

export interface SampleMail {
  subject: string;
  html: string;
  text: string;
  to?: string;
  replyTo?: string;
  headers?: Record<string, string>;
}

export interface MailSample {
  /** File name stem: `.outbox/vorschau/<id>.png` */
  id: string;
  /** What the office calls it (German: docs/redaktion.md lists these). */
  title: string;
  render: () => SampleMail;
}

/** The fixed day the sample content was written for (also the tests' build clock). */
export const SAMPLE_NOW = new Date('2026-11-21T10:00:00+01:00');
export const SAMPLE_ORIGIN = 'https://quartiersnetz-kinderhaus.example.org';

/** Two lines, a blank line, a second paragraph, a long URL, and markup that must stay text. */
export const SAMPLE_MESSAGE = [
  'Guten Tag,',
  'ich interessiere mich für den Deutschkurs am Vormittag.',
  '',
  'Gibt es noch freie Plätze? Mein Sohn (4 Jahre) bräuchte dann die Kinderbetreuung.',
  'Den Link hat mir eine Nachbarin geschickt: https://quartiersnetz-kinderhaus.example.org/angebote/deutschkurs-a1-mit-kinderbetreuung/?von=nachbarschaft',
  '',
  'Viele Grüße <3 & bis bald',
].join('\n');

/** Content with problems cannot give samples; the caller says so in German. */
export class SampleContentError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`content has ${problems.length} problem(s)`);
    this.problems = problems;
  }
}

export async function mailSamples(root = process.cwd()): Promise<MailSample[]> {
  const { content, problems } = loadContent(root);
  if (problems.length > 0 || !content.settings) throw new SampleContentError(problems.map(formatProblem));
  const settings = content.settings;
  // The facts the functions read from generated/site.json, from the same function, at the samples' origin.
  const site: SiteFacts = { ...siteFactsFrom(settings, SAMPLE_ORIGIN), url: SAMPLE_ORIGIN };
  const data = await buildNewsletterData(content, SAMPLE_ORIGIN, root);
  const recipients = buildRecipientDirectory(content, berlinDate(SAMPLE_NOW));
  const [offerKey, offer] = Object.entries(recipients).find(([key, r]) => key.startsWith('offers/') && !r.forwarded)!;
  const message: StoredMessage = {
    id: 'vorschau-0001',
    receivedAt: SAMPLE_NOW.toISOString(),
    recipientKey: offerKey,
    recipient: offer,
    input: { name: 'Bewohnerin aus Kinderhaus', email: 'bewohnerin@example.org', message: SAMPLE_MESSAGE },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: SAMPLE_NOW.toISOString(),
  };
  const escalated: StoredMessage = { ...message, status: 'escalating', attempts: 6, lastError: 'mailbox unavailable (550)' };
  const networks = data.networks.map((n) => n.slug);
  const unsubscribeUrl = `${SAMPLE_ORIGIN}/api/newsletter/unsubscribe?token=vorschau.token`;
  const post = data.posts.find((p) => p.attachments.length > 0) ?? data.posts[0];
  const report = healthReportFor(root, SAMPLE_NOW);
  // Meeting mails: the next meeting with an agenda, and the latest one with minutes.
  const ahead = data.meetings.find((m) => Date.parse(m.meeting.starts_at) > SAMPLE_NOW.getTime() && (m.meeting.agenda?.length ?? 0) > 0) ?? data.meetings.at(-1)!;
  const documented = data.meetings.filter((m) => m.hasMinutes && Date.parse(m.meeting.starts_at) < SAMPLE_NOW.getTime()).at(-1) ?? data.meetings[0];
  const meetingLinks = { unsubscribeUrl, preferencesUrl: `${SAMPLE_ORIGIN}/api/newsletter/preferences?token=vorschau.token` };
  const asBefore = { ...scheduleOf(ahead), startsAt: new Date(Date.parse(ahead.meeting.starts_at) - 7 * 86_400_000).toISOString() };
  const byOrganisation = report.findings.filter((f) => f.responsible && ORGANISATION_RULES.has(f.rule));
  const organisation = byOrganisation[0]?.responsible;
  const findings = byOrganisation.filter((f) => f.responsible === organisation);

  return [
    { id: 'kontakt-organisation', title: 'Kontaktformular: Nachricht an eine Organisation', render: () => renderContactMail(message, site) },
    { id: 'kontakt-sozialbuero', title: 'Kontaktformular: nicht zustellbare Nachricht an das Sozialbüro', render: () => renderEscalationMail(escalated, site) },
    {
      id: 'newsletter-bestaetigung',
      title: 'Newsletter: Bitte bestätigen (Double-Opt-in)',
      render: () =>
        confirmationMail(data, SAMPLE_ORIGIN, {
          networks: networks.slice(0, 2),
          confirmUrl: `${SAMPLE_ORIGIN}/api/newsletter/confirm?token=vorschau.token`,
          expiresAt: new Date(SAMPLE_NOW.getTime() + 48 * 3_600_000).toISOString(),
          consentText: 'Ich möchte den Newsletter der ausgewählten Netzwerke per E-Mail erhalten. Die Einwilligung kann ich jederzeit widerrufen.',
        }),
    },
    { id: 'newsletter-willkommen', title: 'Newsletter: Willkommen nach der Bestätigung', render: () => welcomeMail(data, SAMPLE_ORIGIN, { networks: networks.slice(0, 2), unsubscribeUrl }) },
    { id: 'newsletter-ausgabe', title: `Newsletter: eine Meldung („${post.title}“)`, render: () => issueMail(post, data, SAMPLE_ORIGIN, { networks, unsubscribeUrl }) },
    { id: 'termin-einladung', title: `Treffen: Einladung („${ahead.meeting.title}“)`, render: () => invitationMail(ahead, data, SAMPLE_ORIGIN, { email: 'leserin@example.org', networks }, meetingLinks) },
    { id: 'termin-geaendert', title: 'Treffen: Änderung von Datum oder Ort', render: () => updateMail(ahead, data, SAMPLE_ORIGIN, { email: 'leserin@example.org', networks }, meetingLinks, asBefore) },
    { id: 'termin-abgesagt', title: 'Treffen: Absage', render: () => cancellationMail(ahead, data, SAMPLE_ORIGIN, { email: 'leserin@example.org', networks }, meetingLinks) },
    { id: 'termin-protokoll', title: `Treffen: Protokoll („${documented.meeting.title}“)`, render: () => minutesMail(documented, data, SAMPLE_ORIGIN, { email: 'leserin@example.org', networks }, meetingLinks) },
    {
      id: 'newsletter-abmeldung-haengt',
      title: 'Newsletter: Abmeldung hängt bei Resend (an das Sozialbüro)',
      render: () =>
        stalledUnsubscribeMail(data, SAMPLE_ORIGIN, {
          email: 'leserin@example.org',
          networks: networks.slice(0, 1),
          all: false,
          attempts: 8,
          since: new Date(SAMPLE_NOW.getTime() - 26 * 3_600_000).toISOString(),
          lastError: 'rate_limit_exceeded (429)',
        }),
    },
    {
      id: 'erinnerung-organisation',
      title: 'Erinnerung: Einträge einer Organisation prüfen',
      render: () => organisationReminder(report.organisations[organisation ?? ''] ?? 'Beispielverein', findings, site),
    },
    {
      id: 'wochenuebersicht-sozialbuero',
      title: 'Wochenübersicht für das Sozialbüro',
      render: () =>
        officeDigest({
          week: '2026-W47',
          now: SAMPLE_NOW,
          site,
          report,
          undeliverable: [],
          reminders: organisation ? [{ organisation, outcome: 'sent' }] : [],
        }),
    },
  ];
}
