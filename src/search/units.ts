/**
 * What the resident typed, as units the search looks for: a word, or a phrase of the
 * synonym list taken together ("Hartz 4"), each with its other names ("Bürgergeld").
 */
import type { SearchIndex } from './inverted-index.ts';
import { isQueryWord, words as textWords } from './normalize.ts';

/** Query words: folded, numbers as digits, without stop words and single letters, each once. */
export function queryWords(query: string): string[] {
  const words = textWords(query).filter(isQueryWord);
  return [...new Set(words)];
}

/** One thing the resident asked for: a word or a known phrase, and the other ways to say it. */
export interface QueryUnit {
  /** As typed (folded). */
  text: string;
  /** Word lists that count as this unit; the first is what was typed. */
  alternatives: string[][];
}

/** The query's units: known phrases of the synonym list taken together ("hartz 4"), other words alone. */
export function queryUnits(index: SearchIndex, query: string): QueryUnit[] {
  const words = queryWords(query);
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = index.synonyms.get(words[i])?.find((p) => p.words.every((w, k) => words[i + k] === w));
    const typed = phrase ? phrase.words : [words[i]];
    i += typed.length;
    const text = typed.join(' ');
    const alternatives = [typed];
    if (phrase) {
      const groups = new Set(index.synonyms.get(typed[0])?.filter((p) => p.words.join(' ') === text).map((p) => p.group));
      for (const group of groups) {
        for (const other of index.data.syn[group]) if (other !== text && !alternatives.some((a) => a.join(' ') === other)) alternatives.push(other.split(' ').filter(isQueryWord));
      }
    }
    if (!units.some((u) => u.text === text)) units.push({ text, alternatives });
  }
  return units;
}

