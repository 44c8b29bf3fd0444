/**
 * File name = slug, with umlauts written out (ä → ae, ß → ss) as the content model says.
 * Decap's `clean_accents` strips accents through the `diacritics` package, which turns
 * ä into a; its replacement table is exported and shared, so adding the German spellings
 * there changes what Decap writes, for entry file names and uploaded file names alike.
 */
import diacritics from 'diacritics';

export const GERMAN_TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ẞ: 'SS',
};

export function useGermanTransliteration(): void {
  Object.assign((diacritics as unknown as { diacriticsMap: Record<string, string> }).diacriticsMap, GERMAN_TRANSLITERATION);
}

/**
 * The slug Decap will make from a title with this project's slug settings (lower case,
 * German transliteration, other accents stripped, anything else outside a–z, 0–9, `_`, `.`, `~`
 * replaced by `-`). Used to refuse a title whose file name the site would reject.
 */
export function predictSlug(title: string): string {
  const lowered = title.trim().toLocaleLowerCase().replace(/'/g, '').replace(/\./g, '-');
  const transliterated = [...lowered].map((char) => GERMAN_TRANSLITERATION[char] ?? char).join('');
  const stripped = transliterated.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return stripped
    .replace(/[^\w\-.~]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
