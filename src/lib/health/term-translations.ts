/**
 * Topics and audiences are the words residents filter and search by: on a Turkish page a
 * German "Zugewanderte" helps nobody. A term without a label in one of the site's languages
 * is listed (never blocking: a new topic may go online in German first).
 */
import { TAXONOMY_COLLECTIONS } from '../../schema/index.ts';
import { TRANSLATION_LANGUAGES } from '../../schema/translations.ts';
import { languageName } from '../../i18n/index.ts';
import type { Finding, Rule } from './types.ts';

export const termTranslations: Rule = ({ content }) => {
  const findings: Finding[] = [];
  for (const [key, terms] of [['categories', content.categories], ['audiences', content.audiences]] as const) {
    const file = TAXONOMY_COLLECTIONS[key].file;
    for (const term of terms) {
      const missing = TRANSLATION_LANGUAGES.filter((lang) => !term.translations?.[lang]?.label?.trim());
      if (missing.length === 0) continue;
      findings.push({
        rule: 'term-translation-missing',
        severity: 'warning',
        entry: { collection: 'taxonomies', id: `${key}/${term.slug}`, file, title: term.label },
        why: `${key === 'categories' ? 'Dieses Thema' : 'Diese Zielgruppe'} hat keine Bezeichnung auf ${missing.map((lang) => languageName(lang)).join(', ')}: Auf diesen Sprachseiten steht der deutsche Begriff, und die Suche in diesen Sprachen findet das Thema nicht.`,
        todo: `In ${file} beim Eintrag „${term.slug}“ unter „Übersetzungen“ Bezeichnung und Suchwörter ergänzen (${missing.join(', ')}).`,
      });
    }
  }
  return findings;
};
