/** The yearly report as plain text for the terminal (the page renders its own tables and charts). */
import { formatDate } from '../dates.ts';
import type { Count, YearFigures, YearlyReport } from './types.ts';

type Row = [label: string, current: string | number, previous: string | number];

function table(rows: Row[], head: Row): string[] {
  const width = Math.max(...[head, ...rows].map((r) => r[0].length));
  const cell = (v: string | number) => String(v).padStart(8);
  return [head, ...rows].map(([label, a, b]) => `  ${label.padEnd(width)} ${cell(a)} ${cell(b)}`);
}

const NA = '–';

function countRows(current: Count[] | undefined, previous: Count[] | undefined, hideEmpty = false): Row[] {
  const keys = current ?? previous ?? [];
  return keys
    .map((c): Row => [c.label, current?.find((x) => x.key === c.key)?.count ?? NA, previous?.find((x) => x.key === c.key)?.count ?? NA])
    .filter((r) => !hideEmpty || r[1] !== 0 || r[2] !== 0);
}

export function documentedShare(f: { held: number; documented: number }): string {
  return f.held === 0 ? NA : `${Math.round((100 * f.documented) / f.held)} %`;
}

function changesLine(f: YearFigures): string[] {
  const { joined, left, note } = f.partners;
  if (note || !joined || !left) return [`  ${f.year}: ${note ?? 'nicht ableitbar'}`];
  return joined.map((j, i) => {
    const l = left[i];
    const names = (list: string[]) => (list.length ? list.join(', ') : 'keine');
    return `  ${f.year}, ${j.label}: beigetreten ${names(j.organisations)}; ausgetreten ${names(l.organisations)}`;
  });
}

export function formatYearlyText(report: YearlyReport, siteTitle = ''): string {
  const { current: c, previous: p } = report;
  const head: Row = ['', c.year, p.year];
  const lines = [`Jahresbericht ${report.year}${siteTitle ? ` – ${siteTitle}` : ''} (Stand ${formatDate(report.today)})`, ''];

  lines.push('1. Treffen der Netzwerke: stattgefunden / mit Protokoll');
  lines.push(
    ...table(
      [
        ...c.meetings.map((m, i): Row => [m.label, `${m.held} / ${m.documented}`, `${p.meetings[i].held} / ${p.meetings[i].documented}`]),
        ['Alle Treffen', `${c.meetingsTotal.held} / ${c.meetingsTotal.documented}`, `${p.meetingsTotal.held} / ${p.meetingsTotal.documented}`],
        ['Anteil mit Protokoll', documentedShare(c.meetingsTotal), documentedShare(p.meetingsTotal)],
        ['Abgesagt', c.meetingsTotal.cancelled, p.meetingsTotal.cancelled],
        ['Noch geplant', c.meetingsTotal.planned, p.meetingsTotal.planned],
      ],
      head,
    ),
  );

  lines.push('', '2. Partner: Mitglieder je Netzwerk (Jahresende, im laufenden Jahr heute)');
  lines.push(...table([...countRows(c.partners.members, p.partners.members), ['Organisationen im Verzeichnis', c.partners.organisations ?? NA, p.partners.organisations ?? NA]], head));
  lines.push('  Beitritte und Austritte:', ...changesLine(c), ...changesLine(p));

  lines.push('', '3. Angebote');
  const files = (f: YearFigures, k: 'added' | 'modified' | 'deleted') => f.offers.files?.[k] ?? NA;
  lines.push(
    ...table(
      [
        ['Liefen im Jahr', c.offers.active, p.offers.active],
        ['Neu begonnen (Beginn im Jahr)', c.offers.started, p.offers.started],
        ['Beendet (Ende im Jahr)', c.offers.ended, p.offers.ended],
        ['Aktualisiert (geprüft im Jahr)', c.offers.reviewed, p.offers.reviewed],
        ['Einträge angelegt (Versionsgeschichte)', files(c, 'added'), files(p, 'added')],
        ['Einträge geändert (Versionsgeschichte)', files(c, 'modified'), files(p, 'modified')],
        ['Einträge gelöscht (Versionsgeschichte)', files(c, 'deleted'), files(p, 'deleted')],
      ],
      head,
    ),
  );
  lines.push('  Nach Thema:', ...table(countRows(c.offers.byCategory, p.offers.byCategory, true), head));
  lines.push('  Nach Zielgruppe:', ...table(countRows(c.offers.byAudience, p.offers.byAudience, true), head));

  lines.push('', '4. Newsletter je Netzwerk');
  lines.push('  Zum Versand vorgesehene Meldungen (laut Inhalten):', ...table(countRows(c.newsletter.planned, p.newsletter.planned), head));
  if (c.newsletter.sent) lines.push('  Versendete Ausgaben:', ...table(countRows(c.newsletter.sent, p.newsletter.sent), head));
  if (c.newsletter.subscribers) lines.push('  Abonnements am Jahresende:', ...table(countRows(c.newsletter.subscribers, p.newsletter.subscribers), head));
  if (c.newsletter.note) lines.push(`  ${c.newsletter.note}`);

  lines.push('', 'Hinweise:', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
