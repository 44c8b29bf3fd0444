/** The German summary of a translation run (CLI output, later the nightly commit message). */
import type { TranslateReport } from './engine.ts';

const n = (value: number) => value.toLocaleString('de-DE');

export function formatReport(report: TranslateReport): string {
  const lines: string[] = [];
  lines.push(report.done.length === 0 ? 'Nichts zu übersetzen: Alle Übersetzungen sind vorhanden und aktuell.' : `Übersetzt: ${report.done.length} Übersetzungen in ${report.written.length} Dateien.`);
  for (const line of report.done) lines.push(`  ${line}`);
  lines.push(`Gesendete Zeichen: ${n(report.charactersSent)}.`);
  if (report.usage) lines.push(`Laut DeepL in diesem Monat verbraucht: ${n(report.usage.count)} von ${n(report.usage.limit)} Zeichen (eigenes Monatsbudget: ${n(report.budget)}).`);
  if (report.stoppedByBudget) {
    lines.push(
      `Angehalten: Das Monatsbudget von ${n(report.budget)} Zeichen (content/settings/site.yml, „translation_budget“) ist erreicht. Noch offen: ${report.left.length} Übersetzungen – sie folgen im nächsten Monat oder nach Erhöhen des Budgets.`,
    );
    for (const line of report.left) lines.push(`  offen: ${line}`);
  }
  if (report.checkedStale.length > 0) {
    lines.push(`Deutscher Text geändert seit der Prüfung (nicht überschrieben, bitte von Hand anpassen): ${report.checkedStale.length}`);
    for (const line of report.checkedStale) lines.push(`  ${line}`);
  }
  return lines.join('\n');
}
