/**
 * How far the site is in each language: published offers and organisations with a text in
 * that language, made by the machine or checked by a person, and how many of those are
 * outdated. One computation and one German wording for `npm run health`, /admin/health.json
 * and the office's weekly digest, judged by the same states as the translate run.
 */
import type { ContentSet } from '../load-content.ts';
import { isOfferPublished } from '../publication.ts';
import { entryTranslations, type TranslationState } from '../translation-sources.ts';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from '../../schema/translations.ts';
import { languageName } from '../../i18n/index.ts';

export interface CoverageCounts {
  /** Entries that could be translated (published, with German text). */
  total: number;
  /** With a machine translation (current or not). */
  machine: number;
  /** With a translation a person checked. */
  checked: number;
  /** Of those with a text: made for an older German text. */
  outdated: number;
}

export type TranslationCoverage = Record<'offers' | 'organisations', Record<TranslationLanguage, CoverageCounts>>;

const MACHINE: ReadonlySet<TranslationState> = new Set(['machine', 'stale', 'incomplete', 'unhashed']);
const CHECKED: ReadonlySet<TranslationState> = new Set(['checked', 'checked-stale', 'checked-unrecorded']);
const OUTDATED: ReadonlySet<TranslationState> = new Set(['stale', 'checked-stale']);

export function translationCoverage(content: ContentSet, today: string): TranslationCoverage {
  const count = (entries: { data: Record<string, unknown>; body: string }[], collection: 'offers' | 'organisations') => {
    const counts = Object.fromEntries(TRANSLATION_LANGUAGES.map((lang) => [lang, { total: 0, machine: 0, checked: 0, outdated: 0 }])) as Record<TranslationLanguage, CoverageCounts>;
    for (const entry of entries) {
      const state = entryTranslations(collection, entry, TRANSLATION_LANGUAGES);
      if (!state) continue;
      for (const lang of TRANSLATION_LANGUAGES) {
        const s = state.states[lang];
        const c = counts[lang];
        c.total += 1;
        if (MACHINE.has(s)) c.machine += 1;
        if (CHECKED.has(s)) c.checked += 1;
        if (OUTDATED.has(s)) c.outdated += 1;
      }
    }
    return counts;
  };
  const offers = content.offers.filter((o) => isOfferPublished(o.data, today));
  return {
    offers: count(offers as never, 'offers'),
    organisations: count(content.organisations as never, 'organisations'),
  };
}

const part = (label: string, c: CoverageCounts) => {
  const translated = c.machine + c.checked;
  const details = [`${c.machine} maschinell`, `${c.checked} geprüft`, ...(c.outdated ? [`${c.outdated} veraltet`] : [])];
  return `${label} ${translated} von ${c.total} (${details.join(', ')})`;
};

/** One German line per language, e.g. "Englisch: Angebote 50 von 55 (45 maschinell, 5 geprüft), Organisationen …". */
export function coverageLines(coverage: TranslationCoverage): string[] {
  return TRANSLATION_LANGUAGES.map((lang) => `${languageName(lang)}: ${part('Angebote', coverage.offers[lang])}, ${part('Organisationen', coverage.organisations[lang])}`);
}

/** The heading above those lines, wherever they appear. */
export const COVERAGE_TITLE = 'Übersetzungen je Sprache';
export const COVERAGE_NOTE = 'Maschinell übersetzte Texte sind auf der Website als solche gekennzeichnet; „veraltet“ heißt: Der deutsche Text wurde seitdem geändert (die nächtliche Übersetzung erneuert maschinelle Texte, geprüfte muss eine Person anpassen).';
