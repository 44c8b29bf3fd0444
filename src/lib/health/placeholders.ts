/**
 * Text still to be filled in: `[Platzhalter: …]` in any entry or in the site settings, as
 * the legal pages and a new district's template (content-template/) carry them. A site
 * must not go online with an imprint that says "[Platzhalter: Name der verantwortlichen
 * Stelle]", so every one is listed until it is replaced.
 */
import { SETTINGS_FILE } from '../../schema/index.ts';
import { refOf } from './entries.ts';
import type { Entry } from '../load-content.ts';
import type { Finding, Rule } from './types.ts';

export const PLACEHOLDER = /\[Platzhalter:\s*([^\]]+)\]/g;

/** The placeholders in a text, in order, each as written after "Platzhalter:". */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1].trim());
}

function finding(entry: Finding['entry'], found: string[]): Finding {
  return {
    rule: 'placeholder',
    severity: 'warning',
    entry,
    why: `Noch ${found.length === 1 ? 'ein Platzhalter' : `${found.length} Platzhalter`}: ${found.map((p) => `„${p}“`).join('; ')}.`,
    todo: 'Jeden Platzhalter „[Platzhalter: …]“ durch den richtigen Text ersetzen.',
  };
}

export const placeholders: Rule = ({ content }) => {
  const findings: Finding[] = [];
  if (content.settings) {
    const found = placeholdersIn(JSON.stringify(content.settings));
    if (found.length) findings.push(finding({ collection: 'settings', id: 'site', file: SETTINGS_FILE, title: 'Einstellungen der Website' }, found));
  }
  const collections = ['networks', 'organisations', 'offers', 'meetings', 'news', 'pages'] as const;
  for (const collection of collections) {
    for (const entry of content[collection] as Entry<Record<string, unknown>>[]) {
      const found = placeholdersIn(`${JSON.stringify(entry.data)}\n${entry.body}`);
      if (found.length) findings.push(finding(refOf(collection, entry as never), found));
    }
  }
  return findings;
};
