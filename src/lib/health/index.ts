/**
 * The health report: every rule over the same input, findings sorted so what breaks the
 * site comes first. Pure: the caller passes the content, the clock, the last link check
 * and the upload list (scripts/health.ts, the build and tests do this). The external
 * link findings can be redone later from the report alone (`applyLinkReport`): the
 * functions combine the report the build wrote with the newest link check.
 */
import { invalidContent } from './invalid-content.ts';
import { requiredPages } from './required-pages.ts';
import { reviewOverdue } from './review-overdue.ts';
import { offerEnded, offerEndingSoon } from './offer-ending.ts';
import { minutesMissing } from './minutes-missing.ts';
import { internalLinks } from './internal-links.ts';
import { externalLinkUses, linkFindings, type ExternalLinkUse } from './external-links.ts';
import { uploads } from './uploads.ts';
import { personalData } from './personal-data.ts';
import { termTranslations } from './term-translations.ts';
import { translationCheckedStale } from './translation-checked-stale.ts';
import { placeholders } from './placeholders.ts';
import { inventory, type InventoryItem } from './inventory.ts';
import { DEFAULT_OPTIONS, type Finding, type HealthInput, type LinkReport, type Rule, type RuleId, type Severity } from './types.ts';

export const RULES: Rule[] = [invalidContent, requiredPages, placeholders, personalData, internalLinks, minutesMissing, reviewOverdue, termTranslations, translationCheckedStale, offerEndingSoon, offerEnded, uploads];

/** Order and German headings of the report's sections. */
export const RULE_TITLES: Record<RuleId, string> = {
  'invalid-content': 'Inhalte fehlerhaft (die Website wird nicht gebaut)',
  'required-page-missing': 'Pflichtseiten fehlen',
  placeholder: 'Platzhalter noch ausfüllen',
  'personal-data': 'Vermutlich personenbezogene Daten',
  'internal-link-broken': 'Links ins Leere',
  'external-link-failed': 'Externe Links gehen nicht',
  'minutes-missing': 'Protokolle fehlen',
  'proposal-waiting': 'Vorschläge warten auf Freigabe',
  'newsletter-waiting': 'Newsletter: wartet auf Versand',
  'review-overdue': 'Lange nicht bestätigt',
  'term-translation-missing': 'Themen ohne Übersetzung',
  'translation-checked-stale': 'Deutscher Text geändert seit der Prüfung',
  'offer-ending-soon': 'Angebote enden bald',
  'offer-ended': 'Ausgelaufene Angebote',
  'external-link-redirected': 'Externe Links leiten dauerhaft weiter',
  'upload-too-large': 'Zu große Dateien',
  'upload-unreferenced': 'Nicht verlinkte Dateien',
  'newsletter-sent': 'Newsletter: verschickt in den letzten 7 Tagen',
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const RULE_ORDER = Object.keys(RULE_TITLES) as RuleId[];
const LINK_RULES = new Set<RuleId>(['external-link-failed', 'external-link-redirected']);
const NO_LINK_CHECK = 'Für externe Links liegt noch kein Prüfergebnis vor (die Prüfung läuft wöchentlich auf Netlify).';

export interface HealthReport {
  version: 1;
  generatedAt: string;
  today: string;
  counts: Record<Severity, number>;
  findings: Finding[];
  /** Things the report could not judge, in German (e.g. no link check yet). */
  notes: string[];
  links?: { checkedAt: string; checked: number; failed: number };
  /** Display names of organisations by slug (for reminders addressed to them). */
  organisations: Record<string, string>;
  /** Every external link on the site and where it sits: the link check's work list. */
  externalLinks: ExternalLinkUse[];
  inventory: InventoryItem[];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
      (a.date ?? '').localeCompare(b.date ?? '') ||
      a.entry.title.localeCompare(b.entry.title, 'de'),
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** The report with its external-link findings redone from `links` (the newest check). */
export function applyLinkReport(report: HealthReport, links: LinkReport | undefined): HealthReport {
  if (!links) return report;
  const findings = sortFindings([...report.findings.filter((f) => !LINK_RULES.has(f.rule)), ...linkFindings(report.externalLinks, links)]);
  return {
    ...report,
    findings,
    counts: countBySeverity(findings),
    notes: report.notes.filter((n) => n !== NO_LINK_CHECK),
    links: { checkedAt: links.checkedAt, checked: links.results.length, failed: links.results.filter((r) => !r.ok).length },
  };
}

export function computeHealth(input: HealthInput): HealthReport {
  const options = { ...DEFAULT_OPTIONS, ...input.options };
  const findings = sortFindings(RULES.flatMap((rule) => rule(input, options)));
  const notes: string[] = [NO_LINK_CHECK];
  if (!input.uploads) notes.push('Die hochgeladenen Dateien wurden nicht geprüft.');
  if (!input.pathExists) notes.push('Links innerhalb der Website wurden nicht geprüft.');
  const report: HealthReport = {
    version: 1,
    generatedAt: input.now.toISOString(),
    today: input.today,
    counts: countBySeverity(findings),
    findings,
    notes,
    organisations: Object.fromEntries(input.content.organisations.map((o) => [o.id, o.data.name])),
    externalLinks: externalLinkUses(input.content, input.today, input.now),
    inventory: inventory(input.content),
  };
  return applyLinkReport(report, input.links);
}

/** Exit code for the CLI: only what stops the build counts. */
export function exitCode(report: Pick<HealthReport, 'counts'>): 0 | 1 {
  return report.counts.error > 0 ? 1 : 0;
}

export type { Finding, HealthInput, LinkReport, LinkResult, UploadFile, Severity, RuleId } from './types.ts';
export type { ExternalLinkUse } from './external-links.ts';
export type { InventoryItem } from './inventory.ts';
