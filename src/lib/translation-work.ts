/**
 * What the nightly translation has to do, as the build sees the content: every offer and
 * organisation with a language whose machine translation is missing, outdated or lacks a
 * field, the names that must stay untranslated, and the monthly budget. Written into
 * generated/translations.json (the build → functions contract); the nightly function
 * reads each listed file again from git before translating, so an edit made after the
 * build is never overwritten.
 */
import type { ContentSet } from './load-content.ts';
import { entryTranslations, glossaryNames, NEEDS_TRANSLATION, type TranslatedCollection } from './translation-sources.ts';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from '../schema/translations.ts';
import { settingsSchema } from '../schema/settings.ts';
import { isOfferPublished } from './publication.ts';

export interface TranslationWorkItem {
  /** Path relative to the project root, e.g. content/offers/x.md. */
  file: string;
  collection: TranslatedCollection;
  slug: string;
  languages: TranslationLanguage[];
}

export interface TranslationWork {
  /** Monthly character budget (content/settings/site.yml `translation_budget`). */
  budget: number;
  /** Names the machine must leave alone (organisations, places, streets). */
  glossary: string[];
  items: TranslationWorkItem[];
}

/** Offers no longer published (past `ends_on` on `today`, Europe/Berlin) are not worth the budget. */
export function translationWork(content: ContentSet, today: string): TranslationWork {
  const items: TranslationWorkItem[] = [];
  const offers = content.offers.filter((o) => isOfferPublished(o.data, today));
  for (const [collection, entries] of [['offers', offers], ['organisations', content.organisations]] as const) {
    for (const entry of entries) {
      const state = entryTranslations(collection, { data: entry.data as Record<string, unknown>, body: entry.body }, TRANSLATION_LANGUAGES);
      if (!state) continue;
      const languages = TRANSLATION_LANGUAGES.filter((lang) => NEEDS_TRANSLATION.has(state.states[lang]));
      if (languages.length > 0) items.push({ file: entry.file, collection, slug: entry.id, languages });
    }
  }
  return {
    budget: content.settings?.translation_budget ?? settingsSchema.shape.translation_budget.parse(undefined),
    glossary: glossaryNames([...content.organisations, ...content.offers].map((e) => ({ data: e.data as Record<string, unknown> }))),
    items,
  };
}
