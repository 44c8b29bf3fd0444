/**
 * Translations of an entry's text fields, stored in the German entry's own file
 * (`translations.tr.title` …): ids, slugs and relations stay those of the German entry, so
 * a translation can never break a link or a reference. Every field is optional: what is
 * missing is shown in German with a note in the visitor's language.
 */
import { z } from 'zod';
import { field } from './common.ts';

/** The content languages besides German, in the order of the language switcher. */
export const TRANSLATION_LANGUAGES = ['en', 'tr', 'ar', 'ru', 'uk'] as const;
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

const LANGUAGE_TITLES: Record<TranslationLanguage, string> = {
  en: 'Englisch',
  tr: 'Türkisch',
  ar: 'Arabisch',
  ru: 'Russisch',
  uk: 'Ukrainisch',
};

/** Helpers for the per-collection field lists: optional text, Markdown, lists of words. */
export const translatedText = (title: string, description?: string, max?: number) =>
  field((max ? z.string().max(max, { error: `Zu lang: höchstens ${max} Zeichen. Bitte kürzen.` }) : z.string()).optional(), { title, description });
/**
 * Markdown, edited as plain text in the CMS: one rich-text editor per language in every
 * entry would make the form slow and long. Rendered like the German body.
 */
export const translatedMarkdown = (title: string, description = 'Mit Markdown, wie die deutsche Fassung: **fett**, Listen mit „- “, Links als [Text](https://…).') =>
  field(z.string().optional(), { title, description, widget: 'text' });
export const translatedList = (title: string, description?: string) =>
  field(z.array(z.string().min(1)).optional(), { title, description });

/** `translations`: one optional group per language with the given text fields. */
export function translationsField<S extends z.ZodRawShape>(shape: S) {
  const entry = z.strictObject({
    ...shape,
    machine_translated: field(z.boolean().default(true), {
      title: 'Maschinell übersetzt',
      description: 'Angehakt lassen, solange kein Mensch mit guten Sprachkenntnissen die Übersetzung geprüft hat. Die Website weist dann darauf hin.',
    }),
    // Bookkeeping of `npm run translate` (functions/lib/translate/sources.ts), not shown in
    // the CMS: the German text a translation was made for, and for a checked one its own
    // text when that was recorded (edited since → brought up to date by a person).
    source_hash: field(z.string().regex(/^[0-9a-f]{16}$/).optional(), { title: 'Stand des deutschen Textes' }),
    translation_hash: field(z.string().regex(/^[0-9a-f]{16}$/).optional(), { title: 'Stand der geprüften Übersetzung' }),
  });
  const languages = Object.fromEntries(
    TRANSLATION_LANGUAGES.map((code) => [
      code,
      field(entry.optional(), { title: `${LANGUAGE_TITLES[code]} (${code})`, description: `Übersetzung auf ${LANGUAGE_TITLES[code]}. Leere Felder erscheinen auf Deutsch.` }),
    ]),
  ) as { [K in TranslationLanguage]: z.ZodOptional<typeof entry> };
  return field(z.strictObject(languages).optional(), {
    title: 'Übersetzungen',
    widget: 'collapsed',
    description: 'Übersetzungen der Texte. Kennung, Verweise und alle anderen Angaben gelten aus der deutschen Fassung.',
  });
}

/** The text of one entry in `lang`: the translated fields where present, else German. */
export interface Translated<T> {
  data: T;
  /** True when at least one field came from a translation. */
  translated: boolean;
  /** True when that translation is flagged as machine-made. */
  machineTranslated: boolean;
  /** Fields still in German although another language was asked for. */
  germanFields: string[];
}
