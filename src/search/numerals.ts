/**
 * Numbers written three ways meet as digits: residents type "Hartz 4" where the offer
 * says "Hartz IV", "1-Euro-Job" where it says "Ein-Euro-Job", "vierte Klasse" where it
 * says "Klasse 4". The same mapping runs on the content at build time and on the query,
 * so every spelling of a number becomes one word of the index.
 */

const CARDINALS: Record<string, string> = {
  eins: '1', zwei: '2', zwo: '2', drei: '3', vier: '4', fuenf: '5', sechs: '6', sieben: '7', acht: '8', neun: '9',
  zehn: '10', elf: '11', zwoelf: '12', zwanzig: '20', dreissig: '30', vierzig: '40', fuenfzig: '50', sechzig: '60',
  siebzig: '70', achtzig: '80', neunzig: '90', hundert: '100',
};

/** Ordinal stems ("vierte Klasse", "im ersten Jahr"); the endings -e, -en, -er, -es, -em follow. */
const ORDINAL_STEMS: Record<string, string> = {
  erst: '1', zweit: '2', dritt: '3', viert: '4', fuenft: '5', sechst: '6', siebt: '7', siebent: '7', acht: '8',
  neunt: '9', zehnt: '10', elft: '11', zwoelft: '12',
};
const ORDINAL = /^([a-z]+?)(e|en|er|es|em)$/;

/**
 * Roman numerals as they occur in names (SGB II, Modul IV, Netzwerk III). Single letters
 * (i, v, x) stay words: alone they are far more often an initial or a size than a number.
 */
const ROMANS: Record<string, string> = { ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9', xi: '11', xii: '12' };

/** One folded word in its digit form, or the word itself. */
export function numeral(word: string): string {
  const direct = CARDINALS[word] ?? ROMANS[word];
  if (direct) return direct;
  const ordinal = ORDINAL.exec(word);
  if (ordinal) {
    // "achte" is an ordinal, but "achten" (to respect) is far more common: only -e counts for acht.
    const digits = ORDINAL_STEMS[ordinal[1]];
    if (digits && (ordinal[1] !== 'acht' || ordinal[2] === 'e')) return digits;
  }
  return word;
}

/**
 * "Ein-" at the start of a hyphenated compound is the number one (Ein-Euro-Job,
 * Ein-Zimmer-Wohnung); everywhere else "ein" is the article and a stop word.
 */
export function markLeadingOne(folded: string): string {
  return folded.replace(/(^|[^a-z0-9])ein-(?=[a-z0-9])/g, '$11-');
}
