/**
 * The project-wide search words that belong to no taxonomy entry: other names of
 * languages, and everyday short forms and former names that residents keep using.
 * Topic and audience words belong in content/taxonomies (editors keep them); this list
 * holds what is true for every district.
 *
 * Organised per interface language, so a language can bring its own words without
 * touching the others: the finder for `tr` searches with the `de` groups and the `tr`
 * groups (see `synonymGroups`). Each group lists words meant the same; a query word
 * found in a group also searches the group's other words.
 */

/**
 * Names of languages that `Intl.DisplayNames` does not give (it gives the German name and
 * the language's own name): the forms residents use, in German and in the language.
 * Keyed by the ISO 639-1 code an offer's `languages` holds.
 */
export const LANGUAGE_NAMES: Readonly<Record<string, readonly string[]>> = {
  ar: ['Arabisch', 'Arabic', 'Arabi', 'عربي'],
  fa: ['Persisch', 'Farsi', 'Dari', 'Parsi', 'Farsī', 'دری'],
  ku: ['Kurdisch', 'Kurmandschi', 'Kurmanci', 'Kurmanji', 'Kurmancî', 'Kurdî', 'Sorani', 'Soranî', 'Zazaki'],
  tr: ['Türkisch', 'Türkçe', 'Turkish'],
  ru: ['Russisch', 'Russkij', 'Russian'],
  uk: ['Ukrainisch', 'Ukrainska', 'Ukrainian'],
  pl: ['Polnisch', 'Polski', 'Polish'],
  ro: ['Rumänisch', 'Română', 'Romanian', 'Moldauisch'],
  bg: ['Bulgarisch', 'Bulgarian'],
  ti: ['Tigrinya', 'Tigrinja', 'Tigrinisch', 'Tigrigna', 'ትግርኛ'],
  am: ['Amharisch', 'Amharic', 'አማርኛ'],
  so: ['Somali', 'Somalisch', 'Soomaali'],
  ps: ['Paschtu', 'Paschto', 'Pashto', 'Paschtunisch', 'پښتو'],
  ur: ['Urdu', 'اردو'],
  sq: ['Albanisch', 'Shqip', 'Albanian'],
  sr: ['Serbisch', 'Srpski', 'Serbokroatisch', 'BKS'],
  hr: ['Kroatisch', 'Hrvatski', 'Serbokroatisch', 'BKS'],
  bs: ['Bosnisch', 'Bosanski', 'Serbokroatisch', 'BKS'],
  en: ['Englisch', 'English'],
  fr: ['Französisch', 'Français', 'French'],
  es: ['Spanisch', 'Español', 'Spanish'],
  it: ['Italienisch', 'Italiano'],
  pt: ['Portugiesisch', 'Português'],
  el: ['Griechisch', 'Ellinika'],
  vi: ['Vietnamesisch', 'Tiếng Việt'],
  zh: ['Chinesisch', 'Mandarin', 'Putonghua'],
  hi: ['Hindi'],
  ta: ['Tamil', 'Tamilisch'],
};

/**
 * Everyday short forms and other names, per interface language. Kept to words that mean
 * the same everywhere (a short form and its long form, an old and a new name of one
 * benefit), not topics: "Kita" and "Kindertagesstätte" are one thing; "Kita" and
 * "Betreuung" are a topic, which the taxonomy's synonyms cover.
 */
export const SEARCH_SYNONYMS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  de: [
    // Benefits and their former names (Hartz IV became Bürgergeld in 2023).
    ['Bürgergeld', 'Hartz IV', 'Hartz', 'Arbeitslosengeld II', 'ALG II', 'Grundsicherung für Arbeitsuchende', 'Stütze'],
    ['Arbeitslosengeld I', 'ALG I', 'ALG'],
    ['Wohngeld', 'Mietzuschuss'],
    ['Kinderzuschlag', 'KiZ'],
    ['Bildung und Teilhabe', 'BuT', 'Bildungspaket'],
    ['Wohnberechtigungsschein', 'WBS'],
    ['Pfändungsschutzkonto', 'P-Konto'],
    ['Schwerbehindertenausweis', 'Behindertenausweis'],
    ['Grad der Behinderung', 'GdB'],
    ['Arbeitsgelegenheit', 'AGH', '1-Euro-Job'],
    ['Minijob', '538-Euro-Job', '520-Euro-Job', '450-Euro-Job'],
    // Places and institutions.
    ['Kita', 'Kindertagesstätte', 'Kindergarten', 'Kiga', 'Kindertageseinrichtung'],
    ['OGS', 'Offene Ganztagsschule', 'Ganztag'],
    ['Jobcenter', 'Arbeitsamt'],
    ['Agentur für Arbeit', 'Arbeitsagentur', 'Arbeitsamt'],
    ['Volkshochschule', 'VHS'],
    ['Ausländerbehörde', 'Ausländeramt'],
    // Courses and learning.
    ['Alphabetisierung', 'Alphabetisierungskurs', 'Alpha-Kurs', 'Alphakurs'],
    ['Integrationskurs', 'IK'],
    ['Deutsch als Zweitsprache', 'DaZ'],
    ['Deutsch als Fremdsprache', 'DaF'],
    ['Einstiegsqualifizierung', 'EQ'],
    ['Migrationsberatung für Erwachsene', 'MBE'],
    ['Jugendmigrationsdienst', 'JMD'],
    ['Rehabilitation', 'Reha'],
    ['Azubi', 'Auszubildende', 'Auszubildender'],
    ['Hausaufgaben', 'Hausi', 'Hausis'],
    // Things.
    ['Handy', 'Smartphone', 'Mobiltelefon'],
    ['PC', 'Computer', 'Laptop', 'Rechner'],
    ['E-Mail', 'Mail', 'Email'],
    ['Fahrrad', 'Rad', 'Radfahren', 'Fahrradfahren'],
    ['Lebenslauf', 'CV'],
    ['Papa', 'Vater', 'Väter'],
    ['Mama', 'Mutter', 'Mütter'],
  ],
  // Translations keep the German names of tests, benefits and institutions ("Leben in
  // Deutschland", "Jobcenter", "Bürgergeld"): residents type them in their own language.
  en: [
    ['Leben in Deutschland', 'Life in Germany'],
    ['Einbürgerungstest', 'citizenship test', 'naturalisation test', 'naturalization test'],
    ['Jobcenter', 'job centre', 'job center'],
    ['Bürgergeld', 'citizens allowance', 'citizen’s income', 'unemployment benefit'],
    ['Kita', 'nursery', 'kindergarten', 'daycare', 'day care'],
    ['Wohnberechtigungsschein', 'housing entitlement certificate'],
  ],
  tr: [
    ['Leben in Deutschland', 'Almanya’da yaşam', 'Almanyada yaşam', 'Almanya’da hayat'],
    ['Einbürgerungstest', 'vatandaşlık testi', 'vatandaşlık sınavı'],
    ['Jobcenter', 'iş merkezi'],
    ['Bürgergeld', 'vatandaş parası', 'işsizlik parası'],
    ['Kita', 'kreş', 'anaokulu', 'yuva'],
    ['Wohnberechtigungsschein', 'konut hakkı belgesi'],
  ],
  ar: [
    ['Leben in Deutschland', 'الحياة في ألمانيا'],
    ['Einbürgerungstest', 'اختبار التجنيس', 'اختبار الجنسية'],
    ['Jobcenter', 'مركز العمل', 'الجوب سنتر'],
    ['Bürgergeld', 'إعانة المواطن', 'إعانة البطالة'],
    ['Kita', 'روضة', 'حضانة', 'روضة أطفال'],
    ['Wohnberechtigungsschein', 'شهادة استحقاق السكن'],
  ],
  ru: [
    ['Leben in Deutschland', 'жизнь в германии'],
    ['Einbürgerungstest', 'тест на гражданство', 'экзамен на гражданство'],
    ['Jobcenter', 'джобцентр', 'джоб-центр'],
    ['Bürgergeld', 'гражданское пособие', 'пособие по безработице'],
    ['Kita', 'детский сад', 'детсад', 'ясли'],
    ['Wohnberechtigungsschein', 'право на социальное жильё'],
  ],
  uk: [
    ['Leben in Deutschland', 'життя в німеччині'],
    ['Einbürgerungstest', 'тест на громадянство', 'іспит на громадянство'],
    ['Jobcenter', 'джобцентр', 'джоб-центр'],
    ['Bürgergeld', 'громадянська допомога', 'допомога по безробіттю'],
    ['Kita', 'дитячий садок', 'садочок', 'ясла'],
    ['Wohnberechtigungsschein', 'право на соціальне житло'],
  ],
};

/**
 * The groups a finder in `lang` searches with: the German groups (German content is
 * always searched), the groups of `lang`, and one group per language name list.
 */
export function synonymGroups(lang: string): (readonly string[])[] {
  return [...(SEARCH_SYNONYMS.de ?? []), ...(lang === 'de' ? [] : (SEARCH_SYNONYMS[lang] ?? [])), ...Object.values(LANGUAGE_NAMES)];
}
