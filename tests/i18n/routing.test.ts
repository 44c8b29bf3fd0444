/** URLs per language, content fallback to German, and per-language search data. */
import { describe, expect, it } from 'vitest';
import { alternates, builtLanguages, getLang, hasLanguageVersions, languagePaths, localizePath, splitLangPath, withLanguages } from '../../src/i18n/routing.ts';
import { fragmentAttrs, pick, translationOf } from '../../src/i18n/content.ts';
import { formatSlot } from '../../src/lib/schedule.ts';
import { buildSearchData } from '../../src/search/data.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { TEST_TODAY } from '../helpers/clock.ts';

describe('routing helpers', () => {
  it('takes the language from the route parameter, else from the URL, else German', () => {
    expect(getLang({ params: { lang: 'tr' } })).toBe('tr');
    expect(getLang({ params: { lang: undefined }, url: new URL('https://x.example/angebote/') })).toBe('de');
    expect(getLang({ url: new URL('https://x.example/ar/kontakt/') })).toBe('ar');
    expect(getLang({ params: { lang: 'xx' } })).toBe('de');
    expect(getLang({ url: new URL('https://x.example/impressum/') })).toBe('de');
  });

  it('prefixes page paths, keeps query and fragment, and leaves files, APIs and external links alone', () => {
    expect(localizePath('/angebote/job-cafe/', 'tr')).toBe('/tr/angebote/job-cafe/');
    expect(localizePath('/', 'ar')).toBe('/ar/');
    expect(localizePath('/angebote/?sprache=tr#liste', 'tr')).toBe('/tr/angebote/?sprache=tr#liste');
    expect(localizePath('/angebote/job-cafe/', 'de')).toBe('/angebote/job-cafe/');
    expect(localizePath('/termine.ics', 'tr')).toBe('/termine.ics');
    expect(localizePath('/aktuelles/feed.xml', 'ru')).toBe('/aktuelles/feed.xml');
    expect(localizePath('/api/hsds/index.json', 'uk')).toBe('/api/hsds/index.json');
    expect(localizePath('/admin/', 'en')).toBe('/admin/');
    expect(localizePath('https://example.org/a/', 'tr')).toBe('https://example.org/a/');
    expect(localizePath('#inhalt', 'tr')).toBe('#inhalt');
    // Already localised: never doubled.
    expect(localizePath('/tr/angebote/', 'tr')).toBe('/tr/angebote/');
  });

  it('splits the language prefix off and lists the page in every language', () => {
    expect(splitLangPath('/uk/netzwerke/x/')).toEqual({ lang: 'uk', path: '/netzwerke/x/' });
    expect(splitLangPath('/tr')).toEqual({ lang: 'tr', path: '/' });
    expect(splitLangPath('/de/')).toEqual({ lang: 'de', path: '/de/' });
    expect(alternates('/ar/angebote/job-cafe/')).toEqual([
      { lang: 'de', href: '/angebote/job-cafe/' },
      { lang: 'en', href: '/en/angebote/job-cafe/' },
      { lang: 'tr', href: '/tr/angebote/job-cafe/' },
      { lang: 'ar', href: '/ar/angebote/job-cafe/' },
      { lang: 'ru', href: '/ru/angebote/job-cafe/' },
      { lang: 'uk', href: '/uk/angebote/job-cafe/' },
    ]);
  });

  it('offers language versions for pages, not for the error page or the tools under /admin/', () => {
    expect(hasLanguageVersions('/angebote/job-cafe/')).toBe(true);
    expect(hasLanguageVersions('/tr/')).toBe(true);
    expect(hasLanguageVersions('/404.html')).toBe(false);
    expect(hasLanguageVersions('/404/')).toBe(false);
    expect(hasLanguageVersions('/admin/zustand/')).toBe(false);
  });

  it('emits German at the root and each other language once per page', () => {
    expect(languagePaths().map((p) => p.params.lang)).toEqual([undefined, 'en', 'tr', 'ar', 'ru', 'uk']);
    const paths = withLanguages([{ params: { offer: 'a' }, props: { n: 1 } }, { params: { offer: 'b' }, props: { n: 2 } }]);
    expect(paths).toHaveLength(12);
    expect(paths[0]).toEqual({ params: { offer: 'a', lang: undefined }, props: { n: 1 } });
    expect(paths.filter((p) => p.params.lang === 'ar').map((p) => p.params.offer)).toEqual(['a', 'b']);
  });

  it('builds a subset of languages only when QN_LANGUAGES asks for it, always with German', () => {
    expect(builtLanguages('')).toEqual(['de', 'en', 'tr', 'ar', 'ru', 'uk']);
    expect(builtLanguages('de')).toEqual(['de']);
    expect(builtLanguages('ar, tr')).toEqual(['de', 'tr', 'ar']);
  });
});

describe('translated content', () => {
  const data = {
    title: 'Sprachcafé',
    summary: 'Deutsch sprechen',
    translations: { tr: { title: 'Dil kafesi', summary: '', machine_translated: true }, ar: { machine_translated: true } },
  };

  it('uses a translated field where present and German otherwise, saying which language each is in', () => {
    const tr = translationOf(data, 'tr');
    expect(pick(data.title, tr, 'title', 'tr')).toEqual({ value: 'Dil kafesi', lang: 'tr' });
    // An empty translated field falls back to German.
    expect(pick(data.summary, tr, 'summary', 'tr')).toEqual({ value: 'Deutsch sprechen', lang: 'de' });
  });

  it('treats a translation without any text, a missing language and German as untranslated', () => {
    expect(translationOf(data, 'ar')).toBeUndefined();
    expect(translationOf(data, 'ru')).toBeUndefined();
    expect(translationOf(data, 'de')).toBeUndefined();
    expect(pick(data.title, translationOf(data, 'ru'), 'title', 'ru')).toEqual({ value: 'Sprachcafé', lang: 'de' });
  });

  it('marks German inside an Arabic page with lang and dir, inside a Turkish page with lang only', () => {
    expect(fragmentAttrs('de', 'ar')).toEqual({ lang: 'de', dir: 'ltr' });
    expect(fragmentAttrs('de', 'tr')).toEqual({ lang: 'de' });
    expect(fragmentAttrs('tr', 'tr')).toEqual({});
  });

  it('names weekdays in the page language, German exactly as before', () => {
    const slot = { days: ['tu', 'th'] as ('tu' | 'th')[], opens: '09:00', closes: '11:30' };
    expect(formatSlot(slot)).toBe('Dienstag und Donnerstag, 09:00–11:30 Uhr');
    expect(formatSlot(slot, 'long', 'tr-TR')).toBe('Salı ve Perşembe, 09:00–11:30');
    expect(formatSlot(slot, 'long', 'en-GB')).toBe('Tuesday and Thursday, 09:00–11:30');
  });
});

describe('search data per language', () => {
  const { content } = loadContent();
  const offers = content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY));
  const source = { offers, organisations: content.organisations, networks: content.networks, categories: content.categories, audiences: content.audiences };
  const german = buildSearchData(source);
  const turkish = buildSearchData(source, 'tr');
  const record = (data: typeof german, id: string) => data.offers.find((o) => o.id === id);

  it('the sample content has at least ten translated offers, all five languages, eight easy summaries', () => {
    const translated = offers.filter((o) => Object.keys(o.data.translations ?? {}).length >= 2);
    expect(translated.length).toBeGreaterThanOrEqual(10);
    const languages = new Set(offers.flatMap((o) => Object.keys(o.data.translations ?? {})));
    expect([...languages].sort()).toEqual(['ar', 'en', 'ru', 'tr', 'uk']);
    expect(offers.filter((o) => o.data.summary_easy).length).toBeGreaterThanOrEqual(8);
  });

  it('indexes the Turkish text before the German one in the Turkish data, and only German in the German data', () => {
    const tr = record(turkish, 'sprachcafe-begegnungszentrum');
    const de = record(german, 'sprachcafe-begegnungszentrum');
    expect(tr?.t).toContain('dil kafesi');
    expect(tr?.t).toContain('sprachcafe');
    expect(tr?.s).toContain('kahve');
    expect(de?.t).not.toContain('dil');
    expect(de?.s).not.toContain('kahve');
  });

  it('keeps an untranslated offer as it is in German', () => {
    // Every published sample offer has a Turkish text (issue 22), so take one without its translations.
    const id = offers[0].id;
    const bare = { ...source, offers: offers.map((o) => (o.id === id ? { ...o, data: { ...o.data, translations: undefined } } : o)) };
    expect(record(buildSearchData(bare, 'tr'), id)).toEqual(record(buildSearchData(bare), id));
    expect(record(turkish, id)).not.toEqual(record(german, id));
  });
});
