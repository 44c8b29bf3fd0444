/**
 * The second cross-language relevance set (issue 22, item 4): plain words residents type in
 * English, Turkish, Arabic, Russian and Ukrainian, each with the offers that answer it,
 * judged from the content before the queries were run. Shared by
 * tests/i18n/cross-language.test.ts and `npm run bench translate` (hit rate per language).
 */
import { runSearch } from '../../scripts/search.ts';

const LITERACY = ['alphabetisierungskurs'];
const DEBT = ['schuldnerberatung-offene-sprechstunde', 'online-schuldnerberatung', 'mietschulden-wohnraumsicherung'];
const APPLICATIONS = ['bewerbungsmappen-check', 'bewerbungstraining-kai', 'bewerbungswerkstatt-herbst-2026', 'online-bewerbungstraining', 'ferien-bewerbungscamp-2026', 'job-cafe'];
const CHILDCARE = ['kita-platz-beratung', 'deutschkurs-a1-mit-kinderbetreuung', 'spielgruppe-st-josef', 'elterncafe-kita-brueningheide', 'deutsch-im-familienzentrum-elternkurs'];
const HOMEWORK = ['hausaufgabenhilfe-grundschule-west', 'hausaufgabenhilfe-jugendsalon'];
const RECOGNITION = ['anerkennungsberatung'];
const MIDWIFE = ['familienhebamme-sprechstunde'];
const COMPUTER = ['pc-kurs-fuer-einsteiger', 'digital-sprechstunde-buecherei'];
const SEWING = ['naehwerkstatt-qualifizierung'];
const SINGLE_PARENTS = ['treff-alleinerziehende', 'beratung-teilzeitausbildung-alleinerziehende'];
const CITIZENSHIP_TEST = ['vorbereitung-test-leben-in-deutschland'];
const ENERGY = ['stromspar-check'];
const INTERNSHIP = ['praktikumsboerse-kinderhaus'];
const HOUSING = ['wohnungssuche-sprechstunde', 'mietschulden-wohnraumsicherung'];

export const CROSS_LANGUAGE_QUERIES: Record<string, [string, string[]][]> = {
  en: [
    ['literacy course', LITERACY],
    ['debt counselling', DEBT],
    ['help with job applications', APPLICATIONS],
    ['childcare', CHILDCARE],
    ['homework help', HOMEWORK],
    ['recognition of foreign qualifications', RECOGNITION],
    ['midwife', MIDWIFE],
    ['computer course for beginners', COMPUTER],
    ['sewing workshop', SEWING],
    ['single parents', SINGLE_PARENTS],
    ['life in germany test', CITIZENSHIP_TEST],
    ['save electricity', ENERGY],
    ['internship', INTERNSHIP],
    ['looking for a flat', HOUSING],
  ],
  tr: [
    ['okuma yazma kursu', LITERACY],
    ['borç danışmanlığı', DEBT],
    ['iş başvurusu yardımı', APPLICATIONS],
    ['çocuk bakımı', CHILDCARE],
    ['ödev yardımı', HOMEWORK],
    ['diploma denkliği', RECOGNITION],
    ['ebe', MIDWIFE],
    ['bilgisayar kursu', COMPUTER],
    ['dikiş atölyesi', SEWING],
    ['yalnız ebeveynler', SINGLE_PARENTS],
    ['almanya’da yaşam testi', CITIZENSHIP_TEST],
    ['elektrik tasarrufu', ENERGY],
    ['staj', INTERNSHIP],
    ['KONUT ARAMA', HOUSING],
  ],
  ar: [
    ['محو الأمية', LITERACY],
    ['استشارة الديون', DEBT],
    ['المساعدة في طلبات العمل', APPLICATIONS],
    ['رعاية الأطفال', CHILDCARE],
    ['المساعدة في الواجبات المدرسية', HOMEWORK],
    ['معادلة الشهادات', RECOGNITION],
    ['قابلة', MIDWIFE],
    ['دورة كمبيوتر', COMPUTER],
    ['ورشة خياطة', SEWING],
    ['الأمهات العازبات', SINGLE_PARENTS],
    ['اختبار الحياة في ألمانيا', CITIZENSHIP_TEST],
    ['توفير الكهرباء', ENERGY],
    ['تدريب عملي', INTERNSHIP],
    ['البحث عن سكن', HOUSING],
    // Typed with short vowels and shadda: folded away like on most keyboards.
    ['مَحْوُ الأُمِّيَّةِ', LITERACY],
  ],
  ru: [
    ['курсы грамотности', LITERACY],
    ['консультация по долгам', DEBT],
    ['помощь с заявлениями на работу', APPLICATIONS],
    ['присмотр за детьми', CHILDCARE],
    ['помощь с домашними заданиями', HOMEWORK],
    ['признание диплома', RECOGNITION],
    ['акушерка', MIDWIFE],
    ['компьютерные курсы', COMPUTER],
    ['швейная мастерская', SEWING],
    ['родители-одиночки', SINGLE_PARENTS],
    ['тест жизнь в германии', CITIZENSHIP_TEST],
    ['экономия электроэнергии', ENERGY],
    ['стажировка', INTERNSHIP],
    ['поиск жилья', HOUSING],
    ['ищу жильё', HOUSING],
  ],
  uk: [
    ['курс грамотності', LITERACY],
    ['консультація щодо боргів', DEBT],
    ['допомога із заявками на роботу', APPLICATIONS],
    ['догляд за дітьми', CHILDCARE],
    ['допомога з домашніми завданнями', HOMEWORK],
    ['визнання диплома', RECOGNITION],
    ['акушерка', MIDWIFE],
    ["комп'ютерні курси", COMPUTER],
    ['швейна майстерня', SEWING],
    ['батьки-одинаки', SINGLE_PARENTS],
    ['тест життя в німеччині', CITIZENSHIP_TEST],
    ['економія електроенергії', ENERGY],
    ['стажування', INTERNSHIP],
    ['пошук квартири', HOUSING],
    ['комп’ютерні курси', COMPUTER],
  ],
};

/** The slugs the finder of `lang` shows for `query`, best first (content of `root`, judged on `now`). */
export function finderHits(lang: string, query: string, now: Date, root?: string): string[] {
  const run = runSearch(['--lang', lang, query, '--json', '--limit', '0'], { now, root });
  return (JSON.parse(run.stdout) as { hits: { slug: string }[] }).hits.map((h) => h.slug);
}

/** Per language: queries with an answer in the top three, and queries answered with nothing. */
export function hitRates(now: Date, root?: string): Record<string, { passed: number; total: number; empty: string[]; missed: string[] }> {
  return Object.fromEntries(
    Object.entries(CROSS_LANGUAGE_QUERIES).map(([lang, queries]) => {
      const result = { passed: 0, total: queries.length, empty: [] as string[], missed: [] as string[] };
      for (const [query, answers] of queries) {
        const hits = finderHits(lang, query, now, root);
        if (hits.length === 0) result.empty.push(query);
        if (hits.slice(0, 3).some((id) => answers.includes(id))) result.passed++;
        else result.missed.push(query);
      }
      return [lang, result];
    }),
  );
}

