/**
 * Search quality over the sample content, through the CLI's code path (`runSearch`, the
 * function behind `npm run search`, with --json): each query names offers a resident
 * would expect among the first three hits. Typos, compounds, synonyms, other spellings,
 * and filters combined with words.
 */
import { describe, expect, it } from 'vitest';
import { runSearch } from '../../scripts/search.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const now = new Date(TEST_NOW);

interface Hit {
  slug: string;
  title: string;
  score: number | null;
}

function searchCli(args: string[]): { total: number; hits: Hit[]; ignored: string[] } {
  const run = runSearch([...args, '--json', '--limit', '0'], { now });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

// [what it shows, CLI arguments, offers expected among the first three]
const TABLE: [string, string[], string[]][] = [
  ['typo: swapped letters', ['Sprahckurs'], ['berufssprachkurs-b1-b2']],
  ['typo: missing letter, compound head', ['Bewerbng'], ['bewerbungstraining-kai', 'bewerbungswerkstatt-herbst-2026']],
  ['typo: missing letter in the middle', ['Schuldnerbratung'], ['schuldnerberatung-offene-sprechstunde', 'online-schuldnerberatung']],
  ['compound head: Bewerbung → Bewerbungstraining', ['Bewerbung'], ['bewerbungstraining-kai', 'bewerbungsmappen-check']],
  ['compound tail: kurs → Sprachkurs', ['kurs'], ['berufssprachkurs-b1-b2']],
  ['compound query split: Onlinebewerbung', ['Onlinebewerbung'], ['online-bewerbungstraining']],
  ['inflection: Bewerbungen', ['Bewerbungen'], ['bewerbungstraining-kai']],
  ['title word over category synonym', ['Deutschkurs'], ['deutschkurs-a1-mit-kinderbetreuung', 'deutschkurs-a2-herbstkurs-2026']],
  ['synonym of Arbeit: Job', ['Job'], ['job-cafe', 'job-perspektive-50plus']],
  ['umlaut typed as ae', ['Naehwerkstatt'], ['naehwerkstatt-qualifizierung']],
  ['umlaut typed without dots', ['Nahwerkstatt'], ['naehwerkstatt-qualifizierung']],
  ['place name without umlaut', ['Bruningheide'], ['elterncafe-kita-brueningheide']],
  ['accent left out: Elterncafe', ['Elterncafe'], ['elterncafe-kita-brueningheide']],
  ['two umlauts left out', ['Fruhstuck'], ['frauenfruehstueck-international']],
  ['umlaut left out, keyword', ['Einburgerung'], ['vorbereitung-test-leben-in-deutschland', 'migrationsberatung-erwachsene']],
  ['keyword as compound', ['Einbürgerungstest'], ['vorbereitung-test-leben-in-deutschland']],
  ['keyword abbreviation', ['WBS'], ['wohnungssuche-sprechstunde']],
  ['keyword: Lebenslauf', ['Lebenslauf'], ['bewerbungstraining-kai', 'bewerbungsmappen-check']],
  ['language named in words', ['Beratung auf Türkisch'], ['migrationsberatung-erwachsene']],
  ['language and topic', ['Arabisch Beratung'], ['migrationsberatung-erwachsene', 'video-migrationsberatung']],
  ['language alone', ['Ukrainisch'], ['video-migrationsberatung']],
  ['two words, both needed', ['Kinderbetreuung Deutsch'], ['deutschkurs-a1-mit-kinderbetreuung', 'deutsch-im-familienzentrum-elternkurs']],
  ['two words: training online', ['Bewerbungstraining online'], ['online-bewerbungstraining']],
  ['two words: Kita Platz', ['Kita Platz'], ['kita-platz-beratung']],
  ['keyword plus helper word', ['Smartphone Hilfe'], ['digital-sprechstunde-buecherei']],
  ['compound with stem: Stromsparen', ['Stromsparen'], ['stromspar-check']],
  ['plural topic: Hausaufgaben', ['Hausaufgaben'], ['hausaufgabenhilfe-grundschule-west', 'hausaufgabenhilfe-jugendsalon']],
  ['word: Schulden', ['Schulden'], ['schuldnerberatung-offene-sprechstunde', 'online-schuldnerberatung', 'mietschulden-wohnraumsicherung']],
  ['word: Hebamme', ['Hebamme'], ['familienhebamme-sprechstunde']],
  ['word: Praktikum', ['Praktikum'], ['praktikumsboerse-kinderhaus']],
  ['word: Azubi', ['Azubi'], ['azubi-begleitung-junge-zugewanderte']],
  ['provider-style word: Jobcenter', ['Jobcenter'], ['sprechstunde-jobcenter-im-stadtteil']],
  ['filter audience + word', ['Hausaufgabenhilfe', '--fuer', 'kinder'], ['hausaufgabenhilfe-grundschule-west']],
  ['filter audience + word: Ausbildung', ['Ausbildung', '--fuer', 'alleinerziehende'], ['beratung-teilzeitausbildung-alleinerziehende']],
  ['filter language + word', ['Deutsch', '--sprache', 'tr'], ['deutsch-im-familienzentrum-elternkurs']],
  ['filter category + word', ['Beratung', '--kategorie', 'wohnen'], ['wohnungssuche-sprechstunde', 'mietschulden-wohnraumsicherung']],
  ['filter childcare + word', ['Deutsch', '--kinderbetreuung'], ['deutschkurs-a1-mit-kinderbetreuung', 'deutsch-im-familienzentrum-elternkurs']],
  ['filters: language + category, no words', ['--kategorie', 'beratung', '--sprache', 'tr'], ['bildung-und-teilhabe-beratung']],
  ['Turkish finder: kahve (coffee) finds the Sprachcafé', ['--lang', 'tr', 'kahve'], ['sprachcafe-begegnungszentrum']],
  ['Turkish finder: German words still work', ['--lang', 'tr', 'Sprachcafé'], ['sprachcafe-begegnungszentrum']],
];

describe('relevance table (npm run search code path)', () => {
  it('has at least 30 queries', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TABLE)('%s: %j', (_label, args, expected) => {
    const top = searchCli(args).hits.slice(0, 3).map((h) => h.slug);
    for (const slug of expected) expect(top, `${args.join(' ')} → ${top.join(', ')}`).toContain(slug);
  });
});

describe('what the search must not do', () => {
  it('never finds an expired or draft offer', () => {
    // Two ended before the test day (Sommerkurs, Bewerbungscamp), two are drafts (Sprachpaten, Repair-Café).
    for (const query of ['Sommerkurs', 'Deutsch intensiv', 'Sprachpatenschaften', 'Repair Café', 'Bewerbungscamp']) {
      const slugs = searchCli([query]).hits.map((h) => h.slug);
      expect(slugs, query).not.toContain('deutsch-intensiv-sommerkurs-2026');
      expect(slugs, query).not.toContain('sprachpaten-kinderhaus');
      expect(slugs, query).not.toContain('repair-cafe-brueningheide');
      expect(slugs, query).not.toContain('ferien-bewerbungscamp-2026');
    }
  });

  it('finds offers through a category synonym even when no word of the offer matches', () => {
    // "Job" is a synonym of Arbeit; the Hauswirtschaft qualification never says "Job".
    expect(searchCli(['Job']).hits.map((h) => h.slug)).toContain('qualifizierung-hauswirtschaft');
    // "Deutschkurs" is a synonym of Sprache; the Integrationskurs never says "Deutschkurs".
    expect(searchCli(['Deutschkurs']).hits.map((h) => h.slug)).toContain('integrationskurs-kinderhaus');
  });

  it('requires every word: adding a word narrows the result', () => {
    const one = searchCli(['Deutsch']).total;
    const two = searchCli(['Deutsch', 'Kinderbetreuung']).total;
    expect(two).toBeGreaterThan(0);
    expect(two).toBeLessThan(one);
  });

  it('searches the German data by default: kahve is a Turkish word', () => {
    expect(searchCli(['kahve']).total).toBe(0);
    const turkish = searchCli(['--lang', 'tr', 'kahve']);
    // Two offers speak of coffee in Turkish: the language café and the parents' café.
    const top = turkish.hits.slice(0, 2);
    expect(top.map((h) => h.slug).sort()).toEqual(['elterncafe-kita-brueningheide', 'sprachcafe-begegnungszentrum']);
    expect(top.find((h) => h.slug === 'sprachcafe-begegnungszentrum')?.title).toBe("Buluşma Merkezi'nde dil kafesi");
  });

  it('answers a word found nowhere with no result, and reports it', () => {
    const result = searchCli(['xylophonbau']);
    expect(result.total).toBe(0);
    expect(result.ignored).toEqual(['xylophonbau']);
  });

  it('passes over an unknown word when the others match, and says so', () => {
    const result = searchCli(['Schuldnerberatung', 'xylophonbau']);
    expect(result.ignored).toEqual(['xylophonbau']);
    expect(result.hits.slice(0, 3).map((h) => h.slug)).toContain('schuldnerberatung-offene-sprechstunde');
  });
});
