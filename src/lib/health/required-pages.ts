/**
 * Imprint, privacy statement, accessibility statement and Leichte Sprache are required
 * by law (DDG, DSGVO, BITV 2.0) or by the site's navigation: without them it must not go online.
 */
import { REQUIRED_PAGES } from '../../schema/page.ts';
import type { Finding, Rule } from './types.ts';

const TITLES: Record<(typeof REQUIRED_PAGES)[number], string> = {
  impressum: 'Impressum',
  datenschutz: 'Datenschutzerklärung',
  barrierefreiheit: 'Erklärung zur Barrierefreiheit',
  'leichte-sprache': 'Leichte Sprache',
};

export const MISSING_REQUIRED_PAGE_PREFIX = 'Diese Pflichtseite fehlt';

export const requiredPages: Rule = ({ content, problems = [] }) => {
  const present = new Set(content.pages.map((p) => p.id));
  const findings: Finding[] = [];
  for (const id of REQUIRED_PAGES) {
    if (present.has(id)) continue;
    const file = `content/pages/${id}.md`;
    const invalid = problems.some((p) => p.file === file && !p.message.startsWith(MISSING_REQUIRED_PAGE_PREFIX));
    findings.push({
      rule: 'required-page-missing',
      severity: 'error',
      entry: { collection: 'pages', id, file, title: TITLES[id] },
      why: invalid
        ? 'Die Pflichtseite ist fehlerhaft und wird deshalb nicht gebaut; ohne sie darf die Website nicht online gehen.'
        : 'Die Pflichtseite fehlt; ohne sie darf die Website nicht online gehen.',
      todo: invalid ? 'Die Fehler der Seite beheben (siehe „Inhalte fehlerhaft“).' : `Unter „Seiten“ eine Seite mit der Kennung „${id}“ anlegen.`,
    });
  }
  return findings;
};
