/**
 * URLs per interface language: German at the root (the addresses partners already printed
 * stay valid), every other language under `/<code>/`. The page files live once in
 * src/pages/[...lang]/ and each getStaticPaths emits one path per language.
 */
import { DEFAULT_LANG, isLanguage, LANGUAGES, useTranslations, type Language } from './index.ts';

/** The parts of Astro's global this module reads (pages and components alike). */
interface AstroLike {
  params?: Record<string, string | undefined>;
  url?: URL;
}

const PREFIXED = LANGUAGES.map((language) => language.code).filter((code) => code !== DEFAULT_LANG);

/**
 * Machine endpoints and tools stay at one neutral address: feeds, calendars, the APIs,
 * the CMS. Only HTML pages (paths ending in `/`) are localised.
 */
const NEUTRAL = [/^\/admin\//, /^\/api\//, /^\/oparl\//, /^\/_astro\//];

/** The page's language: from the `[...lang]` route parameter, else from the URL, else German. */
export function getLang(astro: AstroLike): Language {
  const param = astro.params?.lang;
  if (param !== undefined) return isLanguage(param) ? param : DEFAULT_LANG;
  const first = astro.url?.pathname.split('/')[1];
  return first && isLanguage(first) ? first : DEFAULT_LANG;
}

/** `/tr/angebote/x/` → `{ lang: 'tr', path: '/angebote/x/' }`; German paths come back unchanged. */
export function splitLangPath(pathname: string): { lang: Language; path: string } {
  const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  if (match && isLanguage(match[1]) && match[1] !== DEFAULT_LANG) return { lang: match[1], path: match[2] || '/' };
  return { lang: DEFAULT_LANG, path: pathname };
}

/**
 * The address of the German page `path` in `lang`. External links, anchors, files and
 * neutral endpoints are returned as they are. Query and fragment are kept.
 */
export function localizePath(path: string, lang: string): string {
  if (lang === DEFAULT_LANG || !isLanguage(lang) || !path.startsWith('/') || path.startsWith('//')) return path;
  const split = /^([^?#]*)(.*)$/.exec(path);
  const pathname = split?.[1] ?? path;
  const rest = split?.[2] ?? '';
  if (!pathname.endsWith('/') || NEUTRAL.some((pattern) => pattern.test(pathname))) return path;
  if (splitLangPath(pathname).lang !== DEFAULT_LANG) return path;
  return `/${lang}${pathname}${rest}`;
}

/** False for pages that exist in German only: the error page and the tools under /admin/. */
export function hasLanguageVersions(pathname: string): boolean {
  const { path } = splitLangPath(pathname);
  return !/^\/404(\.html|\/)?$/.test(path) && !NEUTRAL.some((pattern) => pattern.test(path));
}

export interface Alternate {
  lang: Language;
  href: string;
}

/** The current page in every interface language (for the switcher and hreflang links). */
export function alternates(pathname: string): Alternate[] {
  const { path } = splitLangPath(pathname);
  return LANGUAGES.map((language) => ({ lang: language.code, href: localizePath(path, language.code) }));
}

/**
 * The languages whose pages the build writes. All of them, unless QN_LANGUAGES names a
 * subset (comma-separated codes): the export scale test and benches build 2,000 offers,
 * where six copies of every page would measure the page count, not the exports.
 */
export function builtLanguages(env: string | undefined = typeof process === 'undefined' ? undefined : process.env.QN_LANGUAGES): string[] {
  const all = LANGUAGES.map((language) => language.code as string);
  if (!env?.trim()) return all;
  const wanted = new Set(env.split(',').map((code) => code.trim()));
  return all.filter((code) => code === DEFAULT_LANG || wanted.has(code));
}

/** The `lang` route parameter of each built language: undefined (the root) for German. */
export function languageParams(): { lang: string | undefined }[] {
  const built = new Set(builtLanguages());
  return [{ lang: undefined }, ...PREFIXED.filter((code) => built.has(code)).map((code) => ({ lang: code }))];
}

/** getStaticPaths of a page without other parameters. */
export function languagePaths(): { params: { lang: string | undefined } }[] {
  return languageParams().map((params) => ({ params }));
}

/** Multiplies a page's German static paths by the interface languages. */
export function withLanguages<P extends { params: Record<string, string | undefined> }>(paths: P[]): (P & { params: P['params'] & { lang: string | undefined } })[] {
  return paths.flatMap((path) => languageParams().map(({ lang }) => ({ ...path, params: { ...path.params, lang } })));
}

/** The BCP-47 locale for dates and numbers. */
export function localeOf(lang: string): string {
  return LANGUAGES.find((language) => language.code === lang)?.locale ?? 'de-DE';
}

/**
 * Everything a page or component needs to speak the visitor's language, read from the
 * route: the language, its translator, its Intl locale and a link helper.
 */
export function pageI18n(astro: AstroLike) {
  const lang = getLang(astro);
  return {
    lang,
    t: useTranslations(lang),
    locale: localeOf(lang),
    l: (path: string) => localizePath(path, lang),
  };
}
