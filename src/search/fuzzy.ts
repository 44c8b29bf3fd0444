/**
 * Typo tolerance for the vocabulary look-up: how many edits (insert, delete, replace,
 * swap two neighbours) turn the query word into some part of a vocabulary word. "Part"
 * matters in German: "Bewerbng" should find "Bewerbungstraining", "Sprahckurs" finds
 * "Sprachkurs" (one swap).
 */

let columns = [new Int32Array(34), new Int32Array(34), new Int32Array(34)];

/**
 * Smallest number of edits (optimal string alignment) between `pattern` and any
 * substring of `text`; `max + 1` when it is more than `max`.
 */
export function substringDistance(pattern: string, text: string, max: number): number {
  const m = pattern.length;
  if (m === 0) return 0;
  if (columns[0].length < m + 1) columns = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [before, prev, cur] = columns;
  // Column for the empty text prefix: matching i pattern characters against nothing costs i.
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = prev[m];
  for (let j = 1; j <= text.length; j++) {
    const tj = text.charCodeAt(j - 1);
    cur[0] = 0; // the match may start anywhere in the text
    for (let i = 1; i <= m; i++) {
      const pi = pattern.charCodeAt(i - 1);
      let value = prev[i - 1] + (pi === tj ? 0 : 1);
      if (prev[i] + 1 < value) value = prev[i] + 1;
      if (cur[i - 1] + 1 < value) value = cur[i - 1] + 1;
      if (i > 1 && j > 1 && pi === text.charCodeAt(j - 2) && pattern.charCodeAt(i - 2) === tj && before[i - 2] + 1 < value) value = before[i - 2] + 1;
      cur[i] = value;
    }
    if (cur[m] < best) best = cur[m];
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  columns = [before, prev, cur];
  return best > max ? max + 1 : best;
}

/** Edits a word of this length may contain and still count as meant. */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

/** Letter pairs of a word: the cheap pre-check before computing distances. */
export function bigrams(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) result.push(word.slice(i, i + 2));
  return result;
}
