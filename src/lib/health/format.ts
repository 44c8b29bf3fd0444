/** The health report as text for the terminal and as Markdown (CI summaries, mails). */
import { formatDate } from '../dates.ts';
import { cmsPath } from './entries.ts';
import { RULE_TITLES, type HealthReport } from './index.ts';
import type { CollectionName, EntryRef, Finding, RuleId } from './types.ts';
import { COVERAGE_NOTE, COVERAGE_TITLE, coverageLines } from './translation-coverage.ts';

const COLLECTION_LABEL: Record<CollectionName, string> = {
  taxonomies: 'Begriff',
  settings: 'Einstellungen',
  networks: 'Netzwerk',
  organisations: 'Organisation',
  offers: 'Angebot',
  meetings: 'Treffen',
  news: 'Meldung',
  pages: 'Seite',
  uploads: 'Datei',
};

export function entryLabel(entry: EntryRef): string {
  return `${COLLECTION_LABEL[entry.collection]} „${entry.title}“`;
}

export function summaryLine(report: HealthReport): string {
  const { error, warning, info } = report.counts;
  const parts = [`${error} Fehler`, `${warning} zum Erledigen`, `${info} zur Kenntnis`];
  return `Zustand der Website am ${formatDate(report.today)}: ${parts.join(', ')}.`;
}

export function groupByRule(findings: readonly Finding[]): [RuleId, Finding[]][] {
  const groups = new Map<RuleId, Finding[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  return [...groups];
}

const MARK = { error: 'FEHLER', warning: 'Erledigen', info: 'Zur Kenntnis' } as const;

export function formatText(report: HealthReport, siteUrl = ''): string {
  const lines = [summaryLine(report)];
  for (const [rule, findings] of groupByRule(report.findings)) {
    lines.push('', `${RULE_TITLES[rule]} (${findings.length}) – ${MARK[findings[0].severity]}`);
    for (const f of findings) {
      lines.push(`- ${entryLabel(f.entry)} (${f.entry.file})`);
      lines.push(`  Warum: ${f.why}`);
      lines.push(`  Was tun: ${f.todo}`);
      const cms = cmsPath(f.entry);
      if (cms) lines.push(`  Bearbeiten: ${siteUrl}${cms}`);
    }
  }
  if (report.findings.length === 0) lines.push('', 'Nichts zu tun.');
  if (report.translations) lines.push('', `${COVERAGE_TITLE}:`, ...coverageLines(report.translations).map((l) => `- ${l}`), `  ${COVERAGE_NOTE}`);
  if (report.notes.length) lines.push('', 'Nicht geprüft:', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

const escapeMd = (text: string) => text.replace(/([\\`*_[\]<>|])/g, '\\$1');

export function formatMarkdown(report: HealthReport, siteUrl = ''): string {
  const lines = [`**${summaryLine(report)}**`];
  for (const [rule, findings] of groupByRule(report.findings)) {
    lines.push('', `### ${RULE_TITLES[rule]} (${findings.length})`, '');
    for (const f of findings) {
      const cms = cmsPath(f.entry);
      const label = escapeMd(entryLabel(f.entry));
      lines.push(`- ${cms && siteUrl ? `[${label}](${siteUrl}${cms})` : label} (\`${f.entry.file}\`): ${escapeMd(f.why)} **Was tun:** ${escapeMd(f.todo)}`);
    }
  }
  if (report.translations) lines.push('', `### ${COVERAGE_TITLE}`, '', ...coverageLines(report.translations).map((l) => `- ${escapeMd(l)}`), '', escapeMd(COVERAGE_NOTE));
  if (report.notes.length) lines.push('', '*Nicht geprüft:*', ...report.notes.map((n) => `- ${escapeMd(n)}`));
  return lines.join('\n');
}
