/**
 * Problems `npm run check` finds: the build refuses content with any of them, so these
 * are the only findings that stop the site.
 */
import type { CollectionName, Finding, Rule } from './types.ts';
import { MISSING_REQUIRED_PAGE_PREFIX } from './required-pages.ts';

const FOLDERS: Record<string, CollectionName> = {
  networks: 'networks',
  organisations: 'organisations',
  offers: 'offers',
  meetings: 'meetings',
  news: 'news',
  pages: 'pages',
  settings: 'settings',
  taxonomies: 'settings',
};

export const invalidContent: Rule = ({ problems = [] }) =>
  problems
    // A missing required page has its own rule with its own advice.
    .filter((p) => !p.message.startsWith(MISSING_REQUIRED_PAGE_PREFIX))
    .map((p): Finding => {
      const folder = /^content\/([^/]+)\//.exec(p.file)?.[1] ?? 'settings';
      const name = p.file.split('/').pop() ?? p.file;
      const collection = FOLDERS[folder] ?? 'settings';
      return {
        rule: 'invalid-content',
        severity: 'error',
        entry: { collection, id: name.replace(/\.(md|ya?ml)$/, ''), file: p.file, title: name },
        why: p.field ? `Feld „${p.field}“: ${p.message}` : p.message,
        todo: 'Im CMS oder in der Datei korrigieren; solange der Fehler besteht, wird die Website nicht neu gebaut und zeigt den alten Stand.',
      };
    });
