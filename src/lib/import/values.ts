/**
 * Cell values as people type them in a spreadsheet, turned into what the schemas expect.
 * Each parser returns the value or a German message saying what to write instead.
 */
export type Parsed<T> = { value: T } | { error: string };

const YES = new Set(['ja', 'j', 'x', 'yes', 'y', 'true', 'wahr', '1']);
const NO = new Set(['nein', 'n', 'no', 'false', 'falsch', '0', '-']);

export function parseYesNo(cell: string): Parsed<boolean> {
  const value = cell.trim().toLowerCase();
  if (YES.has(value)) return { value: true };
  if (NO.has(value)) return { value: false };
  return { error: `„${cell}“ ist weder ja noch nein. Bitte „ja“ oder „nein“ eintragen.` };
}

/** Several values in one cell: separated by comma, semicolon, | or line breaks. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[,;|\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** 31.12.2026, 31.12.26 or 2026-12-31 → 2026-12-31. */
export function parseDate(cell: string): Parsed<string> {
  const value = cell.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const iso = match
    ? value
    : (match = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(value))
      ? `${match[3].length === 2 ? `20${match[3]}` : match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`
      : undefined;
  const date = iso ? new Date(`${iso}T12:00:00Z`) : undefined;
  if (!iso || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { error: `„${cell}“ ist kein Datum. Bitte als TT.MM.JJJJ eintragen, z. B. 31.12.2026.` };
  }
  return { value: iso };
}

/** Lower case, umlauts written out, nothing but letters and digits: for comparing names. */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Languages that districts' offers are held in, so that names in German or English map to codes. */
const LANGUAGE_CODES = ['de', 'en', 'tr', 'ar', 'ru', 'uk', 'fa', 'ku', 'pl', 'ro', 'bg', 'sq', 'sr', 'hr', 'bs', 'it', 'es', 'fr', 'pt', 'el', 'ti', 'so', 'ps', 'ur', 'hi', 'zh', 'vi', 'ta', 'am', 'prs', 'ckb', 'kmr'].filter((c) => c.length === 2);

const languageByName = (() => {
  const map = new Map<string, string>();
  for (const locale of ['de', 'en']) {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    for (const code of LANGUAGE_CODES) map.set(foldName(names.of(code) ?? code), code);
  }
  for (const code of LANGUAGE_CODES) map.set(code, code);
  map.set('farsi', 'fa');
  map.set('kurdisch', 'ku');
  return map;
})();

export function parseLanguages(cell: string): Parsed<string[]> {
  const codes: string[] = [];
  for (const part of splitList(cell)) {
    const code = languageByName.get(foldName(part));
    if (!code) return { error: `Die Sprache „${part}“ ist unbekannt. Bitte den Namen (z. B. „Türkisch“) oder den Code (z. B. „tr“) eintragen.` };
    if (!codes.includes(code)) codes.push(code);
  }
  return { value: codes };
}

/** Finds a slug by the slug itself or any of the names an entry is known by. */
export function lookup(part: string, entries: { slug: string; names: string[] }[]): string | undefined {
  const folded = foldName(part);
  return entries.find((entry) => entry.slug === part.trim() || foldName(entry.slug) === folded || entry.names.some((name) => foldName(name) === folded))?.slug;
}
