/** Looks up interface strings. Pages never hold user-facing text themselves. */
import { de, type MessageKey } from './de.ts';

export type { MessageKey };
export type Messages = Record<MessageKey, string>;

const catalogues: Record<string, Messages> = { de };

export const DEFAULT_LANG = 'de';

/** Returns a translator for `lang` that falls back to German for missing keys. */
export function useTranslations(lang: string = DEFAULT_LANG) {
  const messages = catalogues[lang] ?? de;
  return function t(key: MessageKey, values?: Record<string, string | number>): string {
    const template = messages[key] ?? de[key];
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  };
}

export const t = useTranslations(DEFAULT_LANG);

/** German names of languages, for the `languages` fields (ISO 639-1). */
export function languageName(code: string, locale = 'de'): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
