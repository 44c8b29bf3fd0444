/**
 * The built page set, derived independently of the pages' code (issue 17: speed work
 * keeps every page). From the content alone: every published offer, organisation,
 * network, news post and content page has its page in every built language, and nothing
 * else does; untranslated entries appear in every language with their German title.
 * Checks names and titles, never markup, so layout changes do not break it.
 * `node scripts/compare-builds.ts` compares two commits byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { builtLanguages } from '../../src/i18n/routing.ts';
import { translationOf } from '../../src/i18n/content.ts';
import { TEST_TODAY } from '../helpers/clock.ts';

const { content } = loadContent(process.cwd());
const languages = builtLanguages();
const prefix = (lang: string) => (lang === 'de' ? 'dist' : join('dist', lang));
/** Slugs with a built page under `<lang>/<section>/`. */
const builtSlugs = (lang: string, section: string) => {
  const dir = join(prefix(lang), section);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'index.html')))
    .map((entry) => entry.name);
};
const sorted = (list: string[]) => [...list].sort();
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

const published = content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY));

describe('built page set', () => {
  it('builds the sample in every interface language', () => {
    expect(languages.length).toBeGreaterThan(1);
  });

  it.each(languages)('%s: one page per published offer, organisation, network and news post, nothing else', (lang) => {
    // Subfolders of /angebote/ that are not offers: the category and audience pages.
    const offerPages = builtSlugs(lang, 'angebote').filter((slug) => slug !== 'kategorie' && slug !== 'fuer');
    expect(sorted(offerPages)).toEqual(sorted(published.map((o) => o.id)));
    expect(sorted(builtSlugs(lang, 'organisationen'))).toEqual(sorted(content.organisations.map((o) => o.id)));
    expect(sorted(builtSlugs(lang, 'netzwerke'))).toEqual(sorted(content.networks.map((n) => n.id)));
    expect(sorted(builtSlugs(lang, 'aktuelles'))).toEqual(sorted(content.news.map((n) => n.id)));
    for (const page of content.pages) expect(existsSync(join(prefix(lang), page.id, 'index.html')), `${lang} ${page.id}`).toBe(true);
    expect(sorted(builtSlugs(lang, 'angebote/kategorie'))).toEqual(sorted(content.categories.map((c) => c.slug)));
    expect(sorted(builtSlugs(lang, 'angebote/fuer'))).toEqual(sorted(content.audiences.map((a) => a.slug)));
  });

  // An offer without a translation, on another language's pages: tests/i18n/fallback.browser.test.ts
  // (the sample has every offer in every language since issue 22).

  it('shows each offer with its title in the language it has, German otherwise, in every language', () => {
    for (const offer of published) {
      for (const lang of languages) {
        const html = decode(readFileSync(join(prefix(lang), 'angebote', offer.id, 'index.html'), 'utf8'));
        const title = (translationOf(offer.data, lang)?.title as string | undefined) ?? offer.data.title;
        expect(html, `${lang}/angebote/${offer.id}/`).toContain(title);
      }
    }
  });

  it('builds no page for drafts and ended offers, in any language', () => {
    const hidden = content.offers.filter((o) => !isOfferPublished(o.data, TEST_TODAY));
    expect(hidden.length).toBeGreaterThan(0);
    for (const offer of hidden) for (const lang of languages) expect(existsSync(join(prefix(lang), 'angebote', offer.id)), `${lang} ${offer.id}`).toBe(false);
  });
});
