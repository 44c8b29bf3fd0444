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
 * Attributes for a fragment inside a page in `pageLang`: nothing when the languages match;
 * otherwise `lang`, and `dir` when the direction differs (German in an Arabic page).
 */
export function fragmentAttrs(fragmentLang: string, pageLang: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (fragmentLang === pageLang) return {};
  const fragmentDir = getLanguage(fragmentLang).dir;
  return getLanguage(pageLang).dir === fragmentDir ? { lang: fragmentLang } : { lang: fragmentLang, dir: fragmentDir };
}
