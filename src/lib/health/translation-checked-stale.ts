/**
 * A translation a person checked (`machine_translated: false`) is never overwritten by the
 * machine. When the German text changes afterwards, the translation may now say something
 * else: it is listed, so someone with the language can bring it up to date. Judged by the
 * hashes `npm run translate` stores with each translation (the same function as the run):
 * editing the translation afterwards counts as bringing it up to date.
 */
import { checkedState, germanSources, sourceHash, type TranslatedCollection } from '../../../functions/lib/translate/sources.ts';
import { TRANSLATION_LANGUAGES } from '../../schema/translations.ts';
import { languageName } from '../../i18n/index.ts';
import { refOf } from './entries.ts';
import type { Finding, Rule } from './types.ts';

export const translationCheckedStale: Rule = ({ content }) => {
  const findings: Finding[] = [];
  const collections = [['offers', content.offers], ['organisations', content.organisations]] as const;
  for (const [collection, entries] of collections) {
    for (const entry of entries) {
      const translations = entry.data.translations as Record<string, Record<string, unknown> | undefined> | undefined;
      if (!translations) continue;
      const hash = sourceHash(germanSources(collection as TranslatedCollection, { data: entry.data as Record<string, unknown>, body: entry.body }));
      const stale = TRANSLATION_LANGUAGES.filter((lang) => {
        const t = translations[lang];
        return t?.machine_translated === false && checkedState(t, hash) === 'stale';
      });
      if (stale.length === 0) continue;
      findings.push({
        rule: 'translation-checked-stale',
        severity: 'warning',
        entry: refOf(collection, entry as never),
        why: `Der deutsche Text wurde geändert, nachdem eine Person die Übersetzung auf ${stale.map((lang) => languageName(lang)).join(', ')} geprüft hat. Die Übersetzung sagt vielleicht nicht mehr dasselbe; die automatische Übersetzung überschreibt geprüfte Texte nicht.`,
        todo: `Die Übersetzung (${stale.join(', ')}) mit der deutschen Fassung vergleichen und anpassen lassen; sobald sie bearbeitet ist, verschwindet dieser Hinweis. Oder „Maschinell übersetzt“ wieder einschalten: Dann übersetzt die Maschine neu.`,
        responsible: collection === 'offers' ? (entry.data as { provider?: string }).provider : entry.id,
      });
    }
  }
  return findings;
};
