/**
 * The German reminder mails: one to an organisation listing its entries to check, with
 * a direct link into the CMS for each; one weekly digest for the social office. Both in
 * the one mail layout (./document.ts → ../mail-layout).
 */
import { formatDate, formatDateTime } from '../../../src/lib/dates.ts';
import { cmsPath, sitePath } from '../../../src/lib/health/entries.ts';
import { entryLabel, groupByRule } from '../../../src/lib/health/format.ts';
import { RULE_TITLES, type HealthReport } from '../../../src/lib/health/index.ts';
import type { InventoryChanges, InventoryItem } from '../../../src/lib/health/inventory.ts';
import type { Finding, RuleId } from '../../../src/lib/health/types.ts';
import { COVERAGE_NOTE, COVERAGE_TITLE, coverageLines } from '../../../src/lib/health/translation-coverage.ts';
import type { SiteFacts } from '../generated.ts';
import { renderDocument, type DocItem, type DocSection, type MailDocument } from './document.ts';
import type { UndeliverableMessage } from './undeliverable.ts';

/** Findings that make an organisation worth a reminder. */
export const REMINDER_TRIGGERS = new Set<RuleId>(['review-overdue', 'internal-link-broken', 'external-link-failed']);
/** Everything an organisation can fix itself, listed once it gets a reminder anyway. */
export const ORGANISATION_RULES = new Set<RuleId>([...REMINDER_TRIGGERS, 'external-link-redirected', 'offer-ending-soon']);

function findingItem(f: Finding, site: SiteFacts, withPage = true): DocItem {
  const links: DocItem['links'] = [];
  const cms = cmsPath(f.entry);
  if (cms) links.push({ label: 'Bearbeiten', url: `${site.url}${cms}` });
  const page = sitePath(f.entry);
  if (withPage && page && f.rule !== 'offer-ended') links.push({ label: 'Ansehen', url: `${site.url}${page}` });
  return { title: entryLabel(f.entry), lines: [`Warum: ${f.why}`, `Was tun: ${f.todo}`], links };
}

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const toMail = (doc: MailDocument, site: SiteFacts): Mail => ({ subject: doc.subject, ...renderDocument(doc, site) });

/** The organisation's signed partner link (issue 13), when the functions can issue one. */
export interface ReminderLink {
  url: string;
  /** Last day the link works, YYYY-MM-DD. */
  validUntil: string;
}

export function organisationReminder(organisation: string, findings: readonly Finding[], site: SiteFacts, link?: ReminderLink): Mail {
  const count = findings.length;
  return toMail({
    subject: `Bitte prüfen: ${count} ${count === 1 ? 'Eintrag' : 'Einträge'} von ${organisation} auf ${site.title}`,
    greeting: 'Guten Tag,',
    intro: [
      `auf der Website „${site.title}“ stehen Einträge von „${organisation}“, die schon länger niemand bestätigt hat oder bei denen etwas nicht stimmt. Bitte prüfen Sie sie, damit sich Bewohnerinnen und Bewohner auf die Angaben verlassen können.`,
    ],
    sections: [{ heading: 'Was zu prüfen ist', items: findings.map((f) => findingItem(f, site)) }],
    closing: [
      ...(link
        ? [
            'Ohne Konto geht es über Ihren persönlichen Link: Dort klicken Sie bei jedem Eintrag „Alles noch aktuell“ oder schlagen eine Änderung vor.',
            '',
            link.url,
            '',
            `Der Link gilt bis ${formatDate(link.validUntil)}. Bitte geben Sie ihn nicht weiter. Bei Fragen antworten Sie einfach auf diese E-Mail: ${site.office.name} hilft weiter.`,
          ]
        : [
            'Stimmt bei einem Eintrag alles, genügt es, „Zuletzt geprüft am“ auf heute zu setzen und zu speichern.',
            `Zum Bearbeiten melden Sie sich mit Ihrem Zugang an. Ohne Zugang oder bei Fragen antworten Sie einfach auf diese E-Mail: ${site.office.name} hilft weiter.`,
          ]),
      '',
      'Diese Erinnerung kommt höchstens einmal im Monat, solange etwas zu prüfen ist.',
      '',
      'Mit freundlichen Grüßen',
      site.office.name,
    ],
  }, site);
}

export interface DigestInput {
  week: string;
  now: Date;
  site: SiteFacts;
  report: HealthReport;
  /** Undefined for the very first digest: there is nothing to compare with. */
  changes?: InventoryChanges;
  previousAt?: string;
  /** Undefined when the contact store could not be read. */
  undeliverable?: UndeliverableMessage[];
  /** Organisations reminded this month, by slug, with what happened. */
  reminders: { organisation: string; outcome: 'sent' | 'already-sent' | 'busy' | 'failed' | 'no-address' }[];
}

const COLLECTION_PLURAL: Record<InventoryItem['collection'], string> = {
  settings: 'Einstellungen',
  taxonomies: 'Themen und Zielgruppen',
  networks: 'Netzwerke',
  organisations: 'Organisationen',
  offers: 'Angebote',
  meetings: 'Treffen',
  news: 'Meldungen',
  pages: 'Seiten',
  uploads: 'Dateien',
};

function changeSection(input: DigestInput): DocSection {
  const heading = 'Was sich geändert hat';
  if (!input.changes) return { heading, items: [], empty: 'Dies ist die erste Wochenübersicht. Änderungen erscheinen ab der nächsten.' };
  const { added, changed, removed } = input.changes;
  const intro = input.previousAt ? `Seit der letzten Übersicht vom ${formatDate(input.previousAt.slice(0, 10))}.` : undefined;
  const item = (verb: string, list: InventoryItem[], withLink: boolean): DocItem[] => {
    const groups = new Map<InventoryItem['collection'], InventoryItem[]>();
    for (const i of list) groups.set(i.collection, [...(groups.get(i.collection) ?? []), i]);
    return [...groups].map(([collection, items]) => ({
      title: `${COLLECTION_PLURAL[collection]} ${verb} (${items.length})`,
      lines: items.map((i) => `– ${i.title}${withLink && cmsPath(i) ? ` (${input.site.url}${cmsPath(i)})` : ''}`),
    }));
  };
  return {
    heading,
    intro,
    items: [...item('neu', added, true), ...item('geändert', changed, true), ...item('entfernt', removed, false)],
    empty: 'Nichts.',
  };
}

function undeliverableSection(input: DigestInput): DocSection {
  const heading = 'Nachrichten, die nicht zugestellt werden konnten';
  if (!input.undeliverable) return { heading, items: [], empty: 'Nicht verfügbar: der Speicher der Kontaktformulare war nicht lesbar. Bitte im Netlify-Protokoll nachsehen.' };
  return {
    heading,
    items: input.undeliverable.map((m) => ({
      title: `An ${m.recipient} (${formatDateTime(m.receivedAt)})`,
      lines: [
        m.state === 'escalated'
          ? 'Die Adresse war nicht erreichbar; die Nachricht ging stattdessen an das Sozialbüro. Bitte weitergeben und die E-Mail-Adresse im Eintrag prüfen.'
          : `Wird noch zugestellt (${m.attempts} ${m.attempts === 1 ? 'Fehlversuch' : 'Fehlversuche'} bisher).`,
        ...(m.lastError ? [`Letzte Rückmeldung des Mail-Dienstes: ${m.lastError}`] : []),
      ],
      links: m.path ? [{ label: 'Seite', url: `${input.site.url}${m.path}` }] : [],
    })),
    empty: 'Keine: alle Nachrichten wurden zugestellt.',
  };
}

function todoSections(input: DigestInput): DocSection[] {
  const { report, site } = input;
  const outcomes = new Map(input.reminders.map((r) => [r.organisation, r.outcome]));
  const reminderNote = (f: Finding): string | undefined => {
    if (!f.responsible) return 'Zuständig: Sozialbüro.';
    const name = report.organisations[f.responsible] ?? f.responsible;
    switch (outcomes.get(f.responsible)) {
      case 'sent':
        return `${name} wurde diesen Monat per E-Mail erinnert.`;
      case 'already-sent':
        return `${name} wurde diesen Monat schon erinnert.`;
      case 'no-address':
        return `${name} hat keine E-Mail-Adresse hinterlegt: bitte selbst nachfragen.`;
      case 'failed':
      case 'busy':
        return `Die Erinnerung an ${name} ging nicht raus; der nächste Lauf versucht es erneut.`;
      default:
        return undefined;
    }
  };
  const sections: DocSection[] = [];
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    sections.push({
      heading: 'Achtung: die Website wird nicht neu gebaut',
      intro: 'Solange diese Fehler bestehen, zeigt die Website den alten Stand.',
      items: errors.map((f) => findingItem(f, site, false)),
    });
  }
  for (const [rule, findings] of groupByRule(report.findings.filter((f) => f.severity === 'warning'))) {
    sections.push({
      heading: RULE_TITLES[rule],
      items: findings.map((f) => {
        const item = findingItem(f, site);
        const note = reminderNote(f);
        return note ? { ...item, lines: [...(item.lines ?? []), note] } : item;
      }),
    });
  }
  return sections;
}

/** Coverage per language, worded as in `npm run health` (absent from reports built before it existed). */
function translationSection(input: DigestInput): DocSection[] {
  const coverage = input.report.translations;
  if (!coverage) return [];
  return [{ heading: COVERAGE_TITLE, intro: COVERAGE_NOTE, items: coverageLines(coverage).map((line) => ({ title: line })) }];
}

function infoSection(input: DigestInput): DocSection {
  const infos = input.report.findings.filter((f) => f.severity === 'info');
  return {
    heading: 'Zur Kenntnis',
    items: groupByRule(infos).map(([rule, findings]) => ({ title: `${RULE_TITLES[rule]} (${findings.length})`, lines: findings.map((f) => `– ${f.entry.title}`) })),
    empty: 'Nichts.',
  };
}

export function officeDigest(input: DigestInput): Mail {
  const { report, site } = input;
  const todo = report.counts.error + report.counts.warning;
  const links = report.links
    ? `Externe Links zuletzt geprüft am ${formatDate(report.links.checkedAt.slice(0, 10))}: ${report.links.checked} geprüft, ${report.links.failed} gehen nicht.`
    : 'Für externe Links liegt noch kein Prüfergebnis vor.';
  return toMail({
    subject: `Wochenübersicht ${input.week}: ${todo === 0 ? 'nichts' : todo} zu erledigen – ${site.title}`,
    greeting: `Guten Tag, ${site.office.name},`,
    intro: [
      `hier ist die Wochenübersicht der Website „${site.title}“ (Stand ${formatDate(report.today)}): was sich geändert hat, was nicht zugestellt wurde und was nur ein Mensch erledigen kann.`,
      links,
    ],
    sections: [changeSection(input), undeliverableSection(input), ...todoSections(input), ...translationSection(input), infoSection(input)],
    closing: ['Der vollständige Bericht:', '', `${site.url}/admin/zustand/`, '', 'Diese Übersicht kommt jeden Montag.'],
  }, site);
}
