/**
 * A published sample offer that has no text in one language yet, for the checks of the
 * German fallback on a built language page. The sample content is being translated
 * language by language (issue 22); once every offer has every language, those checks need
 * a fixture instead, and this says so.
 */
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from '../../src/schema/translations.ts';
import { TEST_TODAY } from './clock.ts';

type Content = ReturnType<typeof loadContent>['content'];

/**
 * Undefined once every published sample offer has every language (issue 22 made it so):
 * the checks that need one are then reported as skipped, never passed without a case.
 */
export function untranslatedOffer(content: Content = loadContent().content): { offer: Content['offers'][number]; lang: TranslationLanguage } | undefined {
  for (const lang of TRANSLATION_LANGUAGES) {
    const offer = content.offers.find((o) => isOfferPublished(o.data, TEST_TODAY) && !o.data.translations?.[lang]);
    if (offer) return { offer, lang };
  }
  return undefined;
}

/** An entry file's text without its `translations` block: the German text alone. */
export function withoutTranslations(text: string): string {
  return text.replace(/^translations:\n(?: {2}.*\n)*/m, '');
}
