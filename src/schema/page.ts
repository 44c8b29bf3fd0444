/** content/pages/<slug>.md: imprint, privacy, accessibility statement, Leichte Sprache and more. */
import { z } from 'zod';
import { field, nonEmptyText } from './common.ts';
import { translatedMarkdown, translatedText, translationsField } from './translations.ts';

/** Pages the law (TMG/DDG, DSGVO, BITV 2.0) or the site's navigation cannot do without. */
export const REQUIRED_PAGES = ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'] as const;

export const pageSchema = z.strictObject({
  title: nonEmptyText({ title: 'Titel' }),
  summary: field(z.string().optional(), { title: 'Kurzfassung' }),
  order: field(z.number().int().optional(), { title: 'Reihenfolge' }),
  footer: field(z.boolean().default(false), { title: 'Im Fußbereich verlinken' }),
  translations: translationsField({
    title: translatedText('Titel'),
    summary: translatedText('Kurzfassung'),
    body: translatedMarkdown('Text'),
  }),
});

export type Page = z.output<typeof pageSchema>;
