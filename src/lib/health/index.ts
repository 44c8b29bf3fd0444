/**
 * The health report: every rule over the same input, findings sorted so what breaks the
 * site comes first. Pure: the caller passes the content, the clock, the last link check
 * and the upload list (scripts/health.ts, the build endpoint and tests do this).
 */
import { invalidContent } from './invalid-content.ts';
import { requiredPages } from './required-pages.ts';
import { reviewOverdue } from './review-overdue.ts';
import { offerEnded, offerEndingSoon } from './offer-ending.ts';
import { minutesMissing } from './minutes-missing.ts';
import { internalLinks } from './internal-links.ts';
import { externalLinks } from './external-links.ts';
import { uploads } from './uploads.ts';
import { personalData } from './personal-data.ts';
import { inventory, type InventoryItem } from './inventory.ts';
import { DEFAULT_OPTIONS, type Finding, type HealthInput, type Rule, type RuleId, type Severity } from './types.ts';

export const RULES: Rule[] = [invalidContent, requiredPages, personalData, internalLinks, externalLinks, minutesMissing, reviewOverdue, offerEndingSoon, offerEnded, uploads];

/** Order and German headings of the report's sections. */
export const RULE_TITLES: Record<RuleId, string> = {
  'invalid-content': 'Inhalte fehlerhaft (die Website wird nicht gebaut)',
  'required-page-missing': 'Pflichtseiten fehlen',
  'personal-data': 'Vermutlich personenbezogene Daten',
  'internal-link-broken': 'Links ins Leere',
  'external-link-failed': 'Externe Links gehen nicht',
  'minutes-missing': 'Protokolle fehlen',
  'review-overdue': 'Lange nicht bestätigt',
  'offer-ending-soon': 'Angebote enden bald',
  'offer-ended': 'Ausgelaufene Angebote',
  'external-link-redirected': 'Externe Links leiten dauerhaft weiter',
  'upload-too-large': 'Zu große Dateien',
  'upload-unreferenced': 'Nicht verlinkte Dateien',
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const RULE_ORDER = Object.keys(RULE_TITLES) as RuleId[];

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

export function computeHealth(input: HealthInput): HealthReport {
  const options = { ...DEFAULT_OPTIONS, ...input.options };
  const findings = sortFindings(RULES.flatMap((rule) => rule(input, options)));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const notes: string[] = [];
  if (!input.links) notes.push('Für externe Links liegt noch kein Prüfergebnis vor (die Prüfung läuft wöchentlich auf Netlify).');
  if (!input.uploads) notes.push('Die hochgeladenen Dateien wurden nicht geprüft.');
  if (!input.pathExists) notes.push('Links innerhalb der Website wurden nicht geprüft.');
  return {
    version: 1,
    generatedAt: input.now.toISOString(),
    today: input.today,
    counts,
    findings,
    notes,
    links: input.links && { checkedAt: input.links.checkedAt, checked: input.links.results.length, failed: input.links.results.filter((r) => !r.ok).length },
    organisations: Object.fromEntries(input.content.organisations.map((o) => [o.id, o.data.name])),
    inventory: inventory(input.content),
  };
}

/** Exit code for the CLI: only what stops the build counts. */
export function exitCode(report: Pick<HealthReport, 'counts'>): 0 | 1 {
  return report.counts.error > 0 ? 1 : 0;
}

export type { Finding, HealthInput, LinkReport, LinkResult, UploadFile, Severity, RuleId } from './types.ts';
