/**
 * `npm run check -- --markdown`: the German problem list for the summary of a pull
 * request's check run, so the office sees at a glance why a partner's change cannot be
 * published. Text from content is escaped: a pull request must not be able to inject
 * markup into the summary.
 */
import type { Problem } from '../../schema/problems.ts';
import { escapeText } from '../escape-html.ts';

/** Keeps the messages' `code` spans as they are, neutralises HTML and Markdown syntax elsewhere. */
function escape(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? escapeText(part) : escapeText(part).replace(/([[\]|*_\\])/g, '\\$1')))
    .join('');
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function formatProblemsMarkdown(problems: readonly Problem[], entries: number): string {
  if (problems.length === 0) return `### Inhalte geprüft: keine Probleme\n\n${entries} Einträge geprüft. Die Änderung kann veröffentlicht werden.\n`;
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const lines = [
    `### Inhalte geprüft: ${problems.length} ${problems.length === 1 ? 'Problem' : 'Probleme'}`,
    '',
    'So kann die Änderung nicht veröffentlicht werden: die Website würde nicht gebaut. Bitte im CMS korrigieren; danach läuft die Prüfung von selbst erneut.',
    '',
  ];
  for (const [file, list] of byFile) {
    lines.push(`**${code(file)}**`, '');
    for (const p of list) lines.push(`- ${p.field ? `Feld ${code(p.field)}: ` : ''}${escape(p.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}
