/**
 * German text folding for the search: the same function runs on the content at build
 * time and on what a resident types, so "Müller", "Mueller" and "MÜLLER" meet in the
 * middle. Umlauts become their two-letter spelling (DIN 5007-2), because that is what
 * people type on a keyboard without them; "Muller" is then one typo away, which the
 * fuzzy matching forgives.
 */

import { markLeadingOne, numeral } from './numerals.ts';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ø: 'o', đ: 'd', ł: 'l' };
const UMLAUT_PATTERN = /[äöüßẞæœıøđł]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^a-z0-9\u0400-\u04ff\u0600-\u06ff]+/;

/**
 * Arabic as residents type it: without short vowels (harakat), without the stretching
 * tatweel, and with the spellings keyboards and people mix up folded together: the forms
 * of alef with hamza or madda → ا, ta marbuta ة → ه, alef maqsura ى → ي, hamza on waw or
 * ya → و / ي.
 */
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g;
const ARABIC_LETTERS: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي' };
const ARABIC_PATTERN = /[أإآٱةىؤئ]/g;
/**
 * Russian and Ukrainian meet in the middle: ё and ї lose their dots and й its breve with
 * the other accents (NFD), then Ukrainian і → и, є → е, ґ → г, so "пошук" and "поиск"-style
 * spellings and typed-without-dots words match. The Ukrainian apostrophe inside a word
 * (комп'ютер) is dropped instead of splitting the word.
 */
const CYRILLIC_LETTERS: Record<string, string> = { 'і': 'и', 'є': 'е', 'ґ': 'г' };
const CYRILLIC_PATTERN = /[ієґ]/g;
const CYRILLIC_APOSTROPHE = /(?<=[\u0400-\u04ff])['’ʼ`](?=[\u0400-\u04ff])/g;

/** Lower case, umlauts spelt out, other accents dropped (é → e, ş → s, ç → c); Arabic and Cyrillic folded as above. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(UMLAUT_PATTERN, (ch) => UMLAUTS[ch])
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(ARABIC_MARKS, '')
    .replace(ARABIC_PATTERN, (ch) => ARABIC_LETTERS[ch])
    .replace(CYRILLIC_PATTERN, (ch) => CYRILLIC_LETTERS[ch])
    .replace(CYRILLIC_APOSTROPHE, '');
}

/**
 * The Arabic article and the particles glued to it (و، ب، ك، ف + ال, and لل) are not part
 * of the word: "الأمية" is found by "أمية" and the other way round.
 */
const ARABIC_ARTICLE = /^(?:وال|بال|كال|فال|لل|ال)(?=[\u0600-\u06ff]{3})/;
const withoutArticle = (token: string) => token.replace(ARABIC_ARTICLE, '');

/**
 * Words that carry no meaning for finding an offer. Removed from the indexed text and
 * from queries, so "Beratung auf Türkisch" looks for "beratung" and "tuerkisch".
 * Spelt folded (für → fuer).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines und oder aber auch in im ins an am auf aus bei beim ' +
    'fuer mit von vom zu zum zur nach ueber unter vor hinter zwischen durch gegen ohne um bis als wie wo was wann ' +
    'wer ist sind war sein seid bin hat haben wird werden kann koennen ich du er sie es wir ihr man mein meine meinen ' +
    'meinem meiner dein deine ihre ihren ihrem ihrer unser unsere euer sich nicht kein keine noch schon sehr nur mal ' +
    'da dort hier dann so doch ja nein denn weil wenn dass ob the and of for to a ' +
    // The other languages of the site (issue 22): their little words would otherwise decide
    // a ranking ("в", "для", "في", "için", "with"). Folded below like everything else.
    'with on at by from an or my me is are how where what ' +
    've ile icin bir bu ya veya ben bana nerede nasil ' +
    'في من على إلى الى عن مع او أو ثم هذا هذه ذلك التي الذي كل عند لي ' +
    'и в во на с со по для о об от до из у к за не как что это или мне где ' +
    'і й та з із зі про від як що це або мені де'
  )
    .split(' ')
    .map((word) => fold(word)),
);

/**
 * Words that say what the resident wants to do, not what they look for ("Wohnung finden",
 * "Pflegegrad beantragen", "Abschluss machen"). They rank offers that contain them
 * higher but never exclude one that lacks them: the thing asked for decides. Folded.
 */
export const ACTION_WORDS: ReadonlySet<string> = new Set(
  (
    'machen mache macht tun tue finden finde suchen suche sucht gesucht bekommen bekomme kriegen kriege brauchen brauche ' +
    'braucht benoetige benoetigen beantragen beantrage lernen lerne moechte moechten will wollen gerne gern bitte ' +
    'lassen geben gibt gehen hilft helfen ' +
    // The same in the other languages of the site: "help with …", "looking for …".
    'help need want find looking search get ' +
    'yardım yardımı arıyorum istiyorum lazım ' +
    'مساعدة المساعدة ابحث أبحث أريد احتاج أحتاج ' +
    'помощь помочь ищу нужен нужна нужно хочу ' +
    'допомога допомогу допомоги шукаю потрібен потрібна потрібно хочу'
  )
    .split(' ')
    .flatMap((word) => words(word)),
);

/** Splits folded text into words (Latin letters and digits; Cyrillic and Arabic kept whole). */
export function tokenize(folded: string): string[] {
  return folded.split(NON_WORD).filter(Boolean);
}

/**
 * The words of a text as the index and the query see them: folded, numbers in digits
 * ("vierte", "IV", "vier" → "4"), in order, stop words kept.
 */
export function words(text: string): string[] {
  return tokenize(markLeadingOne(fold(text))).map(withoutArticle).map(numeral);
}

/** A word the search looks for: no stop word, no single letter (a Russian "в", an initial) unless a digit. */
export const isQueryWord = (word: string) => !STOPWORDS.has(word) && (word.length > 1 || /\d/.test(word));

/** Folded words without stop words, in order, duplicates kept. */
export function searchTokens(text: string): string[] {
  return words(text).filter((token) => !STOPWORDS.has(token));
}

/** Folded, stop-word-free, de-duplicated words joined by single spaces: the stored search text. */
export function searchText(text: string | readonly string[], exclude?: ReadonlySet<string>): string {
  const source = typeof text === 'string' ? text : text.join(' ');
  const seen = new Set<string>();
  for (const token of searchTokens(source)) if (!exclude?.has(token)) seen.add(token);
  return [...seen].join(' ');
}
