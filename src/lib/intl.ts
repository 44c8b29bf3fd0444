/**
 * Intl formatters, created once per locale and options. Constructing one costs far more
 * than formatting with it, and a build formats dates, weekdays and language names on
 * every one of thousands of pages in six languages.
 */
const cache = new Map<string, object>();

function cached<T extends object>(kind: string, locale: string, options: object, create: () => T): T {
  const key = `${kind}\u0000${locale}\u0000${JSON.stringify(options)}`;
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('DateTimeFormat', locale, options, () => new Intl.DateTimeFormat(locale, options));

export const listFormat = (locale: string, options: Intl.ListFormatOptions): Intl.ListFormat =>
  cached('ListFormat', locale, options, () => new Intl.ListFormat(locale, options));

/** Throws like the constructor for a malformed locale (callers fall back to the code). */
export const displayNames = (locale: string, options: Intl.DisplayNamesOptions): Intl.DisplayNames =>
  cached('DisplayNames', locale, options, () => new Intl.DisplayNames([locale], options));
