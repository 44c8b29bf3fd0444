/**
 * The interface languages. German is the source: every other catalogue is translated from it.
 * The order is the order of the language switcher.
 */
export interface InterfaceLanguage {
  /** ISO 639-1 code, also the URL prefix (`/tr/…`); German has no prefix. */
  code: string;
  /** The language's name in itself, so a visitor recognises it without reading German. */
  endonym: string;
  dir: 'ltr' | 'rtl';
  /** BCP-47 tag for Intl (dates, numbers, collation). */
  locale: string;
  /**
   * True while no native speaker has checked the catalogue. The interface must then say so
   * visibly (key 'i18n.interfaceMachineTranslated'): residents act on these texts.
   */
  machineTranslated: boolean;
}

export const LANGUAGES = [
  { code: 'de', endonym: 'Deutsch', dir: 'ltr', locale: 'de-DE', machineTranslated: false },
  { code: 'en', endonym: 'English', dir: 'ltr', locale: 'en-GB', machineTranslated: true },
  { code: 'tr', endonym: 'Türkçe', dir: 'ltr', locale: 'tr-TR', machineTranslated: true },
  { code: 'ar', endonym: 'العربية', dir: 'rtl', locale: 'ar', machineTranslated: true },
  { code: 'ru', endonym: 'Русский', dir: 'ltr', locale: 'ru-RU', machineTranslated: true },
  { code: 'uk', endonym: 'Українська', dir: 'ltr', locale: 'uk-UA', machineTranslated: true },
] as const satisfies readonly InterfaceLanguage[];

export type Language = (typeof LANGUAGES)[number]['code'];
