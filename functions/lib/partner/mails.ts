/**
 * The partner mails: the link an organisation requested, and the one mail per new
 * proposal to the social office. Plain German text, in the site's one mail layout.
 */
import type { SiteFacts } from '../generated.ts';
import type { OutgoingMail } from '../mail.ts';
import { formatDate, berlinDate } from '../../../src/lib/dates.ts';
import { letterBlocks, renderLayout } from '../mail-layout/index.ts';
import type { ProposalRecord } from './proposals.ts';

/** The mail in the one mail layout (../mail-layout): text and HTML from the same lines. */
function toMail(subject: string, lines: string[], site: SiteFacts): { subject: string; text: string; html: string } {
  return { subject, ...renderLayout({ site, title: subject, preheader: subject, main: letterBlocks(lines), footer: [] }) };
}

export function linkMail(to: string, organisationName: string, link: { url: string; expires: Date }, site: SiteFacts): OutgoingMail {
  return {
    to,
    replyTo: site.office.email,
    ...toMail(`Ihr Link für die Einträge von ${organisationName} auf ${site.title}`, [
      'Guten Tag,',
      '',
      `mit diesem Link bestätigen Sie die Einträge von „${organisationName}“ auf „${site.title}“ oder schlagen Änderungen vor – ohne Konto und ohne Passwort:`,
      '',
      link.url,
      '',
      `Der Link gilt bis ${formatDate(berlinDate(link.expires))}. Bitte geben Sie ihn nicht weiter.`,
      '',
      `Sie haben keinen Link angefordert? Dann können Sie diese E-Mail löschen. Bei Fragen antworten Sie einfach: ${site.office.name} hilft weiter.`,
      '',
      'Mit freundlichen Grüßen',
      site.office.name,
    ], site),
  };
}

/** What the office is asked to approve, in its words. */
export function proposalKind(record: Pick<ProposalRecord, 'collection' | 'isNew'>): string {
  if (record.collection === 'news') return 'Nachricht an das Netzwerk';
  return record.collection === 'organisations' ? 'Profil' : record.isNew ? 'neues Angebot' : 'Angebot';
}

export function officeMail(record: ProposalRecord, site: SiteFacts, adminUrl: string): OutgoingMail {
  const kind = proposalKind(record);
  const news = record.collection === 'news';
  return {
    to: site.office.email,
    ...toMail(`Vorschlag von ${record.organisationName}: ${kind} „${record.slug}“ wartet auf Freigabe`, [
      'Guten Tag,',
      '',
      news
        ? `„${record.organisationName}“ hat über den Partner-Link eine Nachricht an das Netzwerk geschrieben: „${record.slug}“ (${record.path}${record.media?.length ? `, ${record.media.length} PDF-Anhang/-Anhänge` : ''}). Nach dem Veröffentlichen geht sie einmal per E-Mail an die Abonnentinnen und Abonnenten der gewählten Netzwerke.`
        : `„${record.organisationName}“ schlägt über den Partner-Link eine Änderung vor: ${kind} „${record.slug}“ (${record.path}).`,
      '',
      `Der Vorschlag steht im Redaktionssystem unter „Arbeitsablauf“ in der Spalte „Wartet auf Freigabe“. Dort sehen Sie die Änderung, können sie bearbeiten, veröffentlichen oder verwerfen:`,
      '',
      adminUrl,
      '',
      'Diese Nachricht kommt einmal pro Vorschlag. Wartende Vorschläge stehen außerdem in der Wochenübersicht.',
    ], site),
  };
}
