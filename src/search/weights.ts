/**
 * How much a word says about an offer, computed once at build time from all published
 * offers: a word in few offers decides, a word in many ("Hilfe", "Kurs", "finden")
 * hardly counts. Without this, in "Wohnung finden" the verb in another offer's title
 * outweighs the noun the resident is looking for.
 *
 * An IDF-like weight in (0, 1]: 1 for every word found in up to `commonFrom` offers (so
 * small data sets and rare words are not touched), falling with the logarithm of the
 * share of offers beyond that. Only weights below 1 are stored.
 */

/** Offers a word must occur in before it counts as common: 4 % of the offers, at least 5. */
export function commonFrom(offerCount: number): number {
  return Math.max(5, Math.ceil(offerCount * 0.04));
}

/** The weight of a word found in `frequency` of `offerCount` offers. */
export function wordWeight(frequency: number, offerCount: number): number {
  const from = commonFrom(offerCount);
  if (frequency <= from) return 1;
  const idf = (df: number) => Math.log(1 + offerCount / df);
  // Squared: halving how specific a word is should cost it more than half of its say.
  const ratio = idf(frequency) / idf(from);
  return Math.max(0.05, Math.round(ratio * ratio * 100) / 100);
}

/** Weights below 1 for the words of the offers (each offer a set of folded words). */
export function wordWeights(offerWords: readonly ReadonlySet<string>[]): Record<string, number> {
  const frequency = new Map<string, number>();
  for (const set of offerWords) for (const word of set) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const weights: Record<string, number> = {};
  for (const [word, count] of [...frequency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const weight = wordWeight(count, offerWords.length);
    if (weight < 1) weights[word] = weight;
  }
  return weights;
}
