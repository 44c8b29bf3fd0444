/** content/taxonomies/{categories,audiences}.yml: lists that editors extend in the CMS. */
import { z } from 'zod';
import { SLUG_PATTERN, field, nonEmptyText } from './common.ts';
import { translatedList, translatedText, translationsField } from './translations.ts';

export const taxonomyTermSchema = z.strictObject({
  slug: field(z.string().regex(SLUG_PATTERN, { error: 'Keine gültige Kennung: erlaubt sind nur a–z, 0–9 und Bindestriche.' }), {
    title: 'Kennung',
    description: 'Kleinbuchstaben, Ziffern, Bindestriche; Umlaute umschreiben (ä → ae). Nicht mehr ändern, wenn Angebote sie nutzen.',
  }),
  label: nonEmptyText({ title: 'Bezeichnung', description: 'So erscheint der Begriff auf der Website.' }),
  description: field(z.string().optional(), { title: 'Beschreibung' }),
  synonyms: field(z.array(z.string().min(1)).optional(), {
    title: 'Andere Wörter dafür',
    description: 'Wörter, die Menschen in die Suche tippen, z. B. „Deutschkurs“ für Sprache.',
  }),
  // Labels and search words per language: filters, offer pages and the finder's search in
  // that language read them; a missing one shows the German label, marked as German.
  translations: translationsField({
    label: translatedText('Bezeichnung'),
    description: translatedText('Beschreibung'),
    synonyms: translatedList('Andere Wörter dafür', 'Wörter, die Menschen in dieser Sprache in die Suche tippen.'),
  }),
});

export const taxonomySchema = z.array(taxonomyTermSchema);

export type TaxonomyTerm = z.output<typeof taxonomyTermSchema>;
