/**
 * Content in the visitor's language: a translated field where the entry has one, else the
 * German text, each fragment with the language it is really in (for `lang`/`dir`).
 */
import { getLanguage } from './index.ts';

export interface TranslationEntry {
  machine_translated?: boolean;
  [field: string]: unknown;
}

interface Translatable {
  translations?: Partial<Record<string, TranslationEntry | undefined>>;
}

/** The entry's translation into `lang`, if it has one (never for German). */
export function translationOf(data: Translatable, lang: string): TranslationEntry | undefined {
  if (lang === 'de') return undefined;
  const entry = data.translations?.[lang];
  if (!entry) return undefined;
  const hasText = Object.entries(entry).some(([key, value]) => key !== 'machine_translated' && (typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0));
  return hasText ? entry : undefined;
}

export interface Fragment<T = string> {
  value: T;
  /** The language the value is in: `lang` when translated, German otherwise. */
  lang: string;
}

/** One text field in `lang`, falling back to German. */
export function pick<T>(german: T, translation: TranslationEntry | undefined, field: string, lang: string): Fragment<T> {
  const value = translation?.[field];
  const present = typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
  return present ? { value: value as T, lang } : { value: german, lang: 'de' };
}

/**
 * An interface sentence cut at its placeholders, so that inserted content (a German name in
 * an Arabic sentence) can be isolated in its own `<bdi lang="de">`: `value` marks inserted parts.
 */
export function templateParts(template: string, values: Record<string, string>): { text: string; value: boolean }[] {
  const parts: { text: string; value: boolean }[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const index = match.index ?? 0;
    parts.push({ text: template.slice(last, index), value: false });
    const known = match[1] in values;
    parts.push({ text: known ? values[match[1]] : match[0], value: known });
    last = index + match[0].length;
  }
  parts.push({ text: template.slice(last), value: false });
  return parts.filter((part) => part.text !== '');
}

/**
 * Attributes for a fragment inside a page in `pageLang`: nothing when the languages match;
 * otherwise `lang`, and `dir` when the direction differs (German in an Arabic page).
 */
export function fragmentAttrs(fragmentLang: string, pageLang: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (fragmentLang === pageLang) return {};
  const fragmentDir = getLanguage(fragmentLang).dir;
  return getLanguage(pageLang).dir === fragmentDir ? { lang: fragmentLang } : { lang: fragmentLang, dir: fragmentDir };
}

interface Term extends Translatable {
  label: string;
  description?: string;
  synonyms?: string[];
}

/**
 * A topic or audience in `lang`: the taxonomy file's translation where it has one, else the
 * German label and description (each fragment says which, so German stays marked as German).
 */
export function termIn(term: Term, lang: string): { label: Fragment; description?: Fragment } {
  const translation = translationOf(term, lang);
  return {
    label: pick(term.label, translation, 'label', lang),
    description: term.description ? pick(term.description, translation, 'description', lang) : undefined,
  };
}
