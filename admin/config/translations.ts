/**
 * Translations in the CMS: Decap's i18n editor (a language switch and German side by side)
 * on top of the files' own shape. Structure `single_file` with a custom format per
 * collection (admin/formats/translated-frontmatter.ts) keeps every entry at
 * content/<collection>/<slug>.md with German at the root and the other languages under
 * `translations.<lang>`: file names, ids, relations and every tool that reads content/
 * stay as they are. Decap's `multiple_folders`/`multiple_files` would move or rename the
 * German files (3.16 cannot leave the default locale out of the file name).
 */
import { MARKDOWN_COLLECTIONS, type MarkdownCollection } from '../../src/schema/index.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';
import { shapeOf, unwrap } from './zod-introspect.ts';

export const DEFAULT_LOCALE = 'de';
export const LOCALES = [DEFAULT_LOCALE, ...TRANSLATION_LANGUAGES];
/** The schemas' key for the translations and the flag inside each language. */
export const TRANSLATIONS_FIELD = 'translations';
export const MACHINE_TRANSLATED = 'machine_translated';
/**
 * How the CMS shows `machine_translated`: as the switch "Von einer Person geprüft", which
 * stores the opposite (admin/widgets/checked-translation.ts). The file keeps the field.
 */
export const CHECKED_SWITCH = {
  widget: 'checked-translation',
  label: 'Von einer Person geprüft',
  hint: 'Einschalten, wenn jemand mit guten Sprachkenntnissen die Übersetzung neben dem deutschen Text gelesen und verbessert hat. Nur für Übersetzungen; in der deutschen Fassung ohne Bedeutung.',
} as const;
/**
 * Hashes `npm run translate` keeps with each translation (functions/lib/translate/sources.ts).
 * Not edited in the CMS, but carried through every save: without them a German change saved
 * in Decap could no longer be told from an old one.
 */
export const TRANSLATION_BOOKKEEPING = ['source_hash', 'translation_hash'] as const;
const BODY = 'body';

export const I18N_CONFIG = { structure: 'single_file', locales: LOCALES, default_locale: DEFAULT_LOCALE } as const;

/** The per-language field shape of a collection's `translations`, or undefined without one. */
function languageShape(name: MarkdownCollection) {
  const shape = shapeOf(unwrap(MARKDOWN_COLLECTIONS[name].schema).core);
  const translations = shape[TRANSLATIONS_FIELD];
  if (!translations) return undefined;
  const languages = shapeOf(unwrap(translations).core);
  return shapeOf(unwrap(languages[TRANSLATION_LANGUAGES[0]]).core);
}

/** Collections whose schema has `translations`. */
export const TRANSLATED_COLLECTIONS = (Object.keys(MARKDOWN_COLLECTIONS) as MarkdownCollection[]).filter((name) => languageShape(name));

/** The text fields of a collection that can be translated (same names as the German fields). */
export function translatableFields(name: MarkdownCollection): string[] {
  return Object.keys(languageShape(name) ?? {}).filter((key) => key !== MACHINE_TRANSLATED && !(TRANSLATION_BOOKKEEPING as readonly string[]).includes(key));
}

/**
 * Where each translatable field sits in the German entry: mostly the same name at the root
 * (`title`), for a few a field inside a group (`cost_note` → `cost.note`,
 * `registration_how` → `registration.how`). Decap edits a language with the German fields'
 * structure; the format moves the values to and from the flat `translations.<lang>` keys.
 */
export function translatablePaths(name: MarkdownCollection): Record<string, string[]> {
  const german = shapeOf(unwrap(MARKDOWN_COLLECTIONS[name].schema).core);
  return Object.fromEntries(translatableFields(name).map((key) => [key, germanPath(german, key)]));
}

function germanPath(german: Record<string, unknown>, key: string): string[] {
  // The body is the file's Markdown below the front matter, not a schema field.
  if (key === BODY || (key in german && key !== TRANSLATIONS_FIELD)) return [key];
  for (let i = key.indexOf('_'); i > 0; i = key.indexOf('_', i + 1)) {
    const parent = key.slice(0, i);
    const child = key.slice(i + 1);
    const group = german[parent];
    if (group && child in shapeOf(unwrap(group as never).core)) return [parent, child];
  }
  throw new Error(`translations.${key} has no German field to edit it beside`);
}

export const translatedFormatName = (name: string) => `translated-frontmatter-${name}`;
