/**
 * Decap's `single_file` i18n expects `{ de: {...}, tr: {...} }` in one file; the site's files
 * keep German at the root and other languages under `translations.<lang>` (see
 * admin/config/translations.ts for why). This format converts between the two and lets
 * Decap's own front-matter code read and write the YAML, so files look as before.
 */
import { frontmatterYAML } from 'decap-cms-core/dist/esm/formats/frontmatter.js';
import { DEFAULT_LOCALE, MACHINE_TRANSLATED, TRANSLATION_BOOKKEEPING, TRANSLATIONS_FIELD } from '../config/translations.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';

type Data = Record<string, unknown>;

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && value.length === 0);

/** Translation key → where the value sits in Decap's per-language data (German structure). */
export type TranslationPaths = Record<string, string[]>;

function getPath(data: Data, path: string[]): unknown {
  let value: unknown = data;
  for (const key of path) value = value && typeof value === 'object' ? (value as Data)[key] : undefined;
  return value;
}

function setPath(data: Data, path: string[], value: unknown) {
  let target = data;
  for (const key of path.slice(0, -1)) {
    if (!target[key] || typeof target[key] !== 'object') target[key] = {};
    target = target[key] as Data;
  }
  target[path[path.length - 1]] = value;
}

/** Only the translatable, filled-in fields of one language; undefined when nothing is translated. */
export function pickTranslation(data: unknown, paths: TranslationPaths): Data | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const source = data as Data;
  const picked: Data = {};
  for (const [key, path] of Object.entries(paths)) {
    const value = getPath(source, path);
    if (!isEmpty(value)) picked[key] = value;
  }
  // A language with only the flag (Decap fills in its default) is no translation.
  if (!Object.keys(picked).length) return undefined;
  if (typeof source[MACHINE_TRANSLATED] === 'boolean') picked[MACHINE_TRANSLATED] = source[MACHINE_TRANSLATED];
  for (const key of TRANSLATION_BOOKKEEPING) if (typeof source[key] === 'string') picked[key] = source[key];
  return picked;
}

/** Decap's per-locale data → the file's data: German at the root, the rest under `translations`. */
export function joinLocales(byLocale: Data, paths: TranslationPaths): Data {
  const { [MACHINE_TRANSLATED]: _flag, [TRANSLATIONS_FIELD]: _old, source_hash: _s, translation_hash: _t, ...german } = (byLocale[DEFAULT_LOCALE] ?? {}) as Data;
  const translations: Data = {};
  for (const lang of TRANSLATION_LANGUAGES) {
    const picked = pickTranslation(byLocale[lang], paths);
    if (picked) translations[lang] = picked;
  }
  return Object.keys(translations).length ? { ...german, [TRANSLATIONS_FIELD]: translations } : german;
}

/** The file's data → Decap's per-locale data. */
export function splitLocales(data: Data, paths: TranslationPaths): Data {
  const { [TRANSLATIONS_FIELD]: translations, ...german } = data;
  // Every language present, if empty: Decap's save serialises each locale's data and fails on a missing one.
  const byLocale: Data = { [DEFAULT_LOCALE]: german, ...Object.fromEntries(TRANSLATION_LANGUAGES.map((lang) => [lang, {}])) };
  if (translations && typeof translations === 'object') {
    for (const [lang, value] of Object.entries(translations as Data)) {
      if (!value || typeof value !== 'object') continue;
      const locale: Data = {};
      for (const [key, text] of Object.entries(value as Data)) setPath(locale, paths[key] ?? [key], text);
      byLocale[lang] = locale;
    }
  }
  return byLocale;
}

export function translatedFrontmatter(paths: TranslationPaths) {
  const yaml = frontmatterYAML();
  return {
    fromFile(content: string): Data {
      return splitLocales(yaml.fromFile(content), paths);
    },
    toFile(data: Data, sortedKeys: string[] = [], comments?: Record<string, string>): string {
      // Decap orders the root keys by the config's fields; the translations come last.
      return (yaml.toFile as (d: Data, k: string[], c?: Record<string, string>) => string)(joinLocales(data, paths), [...sortedKeys, TRANSLATIONS_FIELD], comments);
    },
  };
}
