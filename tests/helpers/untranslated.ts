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

export function untranslatedOffer(content: Content = loadContent().content): { offer: Content['offers'][number]; lang: TranslationLanguage } {
  for (const lang of TRANSLATION_LANGUAGES) {
    const offer = content.offers.find((o) => isOfferPublished(o.data, TEST_TODAY) && !o.data.translations?.[lang]);
    if (offer) return { offer, lang };
  }
  throw new Error('Every published sample offer is translated into every language: check the German fallback on a fixture instead.');
}

/** An entry file's text without its `translations` block: the German text alone. */
export function withoutTranslations(text: string): string {
  return text.replace(/^translations:\n(?: {2}.*\n)*/m, '');
}
