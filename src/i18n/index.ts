/** Looks up interface strings. Pages never hold user-facing text themselves. */
import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';
import { tr } from './tr.ts';
import { ar } from './ar.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { LANGUAGES, type InterfaceLanguage, type Language } from './languages.ts';
import { displayNames } from '../lib/intl.ts';

export type { MessageKey, InterfaceLanguage, Language };
export { LANGUAGES };
export type Messages = Record<MessageKey, string>;

/** One catalogue per interface language; the type makes a missing language a compile error. */
export const catalogues: Record<Language, Messages> = { de, en, tr, ar, ru, uk };

export const DEFAULT_LANG = 'de';

/** True for the codes of the interface languages (not for every ISO 639-1 code). */
export function isLanguage(code: unknown): code is Language {
  return LANGUAGES.some((language) => language.code === code);
}

/** The interface language for `code`; German for anything unknown. */
export function getLanguage(code: string): InterfaceLanguage {
  return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0];
}

/**
 * Returns a translator for `lang`. Unknown languages get German; a key missing from a
 * catalogue falls back to German so a half-translated catalogue never shows a bare key.
 */
export function useTranslations(lang: string = DEFAULT_LANG) {
  // isLanguage before indexing: `catalogues['constructor']` would otherwise be a function.
  const messages: Partial<Messages> = isLanguage(lang) ? catalogues[lang] : de;
  return function t(key: MessageKey, values?: Record<string, string | number>): string {
    const template = messages[key] ?? de[key];
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  };
}

export const t = useTranslations(DEFAULT_LANG);

const languageNames = new Map<string, string>();

/** German names of languages, for the `languages` fields (ISO 639-1). */
export function languageName(code: string, locale = 'de'): string {
  // Asked for every offer on every list page in every language: a handful of distinct answers.
  const key = `${locale}\u0000${code}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    try {
      name = displayNames(locale, { type: 'language' }).of(code) ?? code;
    } catch {
      name = code;
    }
    languageNames.set(key, name);
  }
  return name;
}
