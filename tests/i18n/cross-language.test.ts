/**
 * The second cross-language relevance set (tests/i18n/cross-language-queries.ts), separate
 * from topics.test.ts. Every query runs against the search data of its language page, as
 * the finder builds it; one of the answers must be in the top three, and no query may
 * answer nothing.
 */
import { describe, expect, it } from 'vitest';
import { CROSS_LANGUAGE_QUERIES, finderHits } from './cross-language-queries.ts';
import { TEST_NOW } from '../helpers/clock.ts';

const now = new Date(TEST_NOW);

describe('cross-language search: plain words residents type', () => {
  for (const [lang, queries] of Object.entries(CROSS_LANGUAGE_QUERIES)) {
    it.each(queries)(`[${lang}] %s`, (query, answers) => {
      const hits = finderHits(lang, query, now);
      expect(hits.length, `no answer for „${query}“`).toBeGreaterThan(0);
      expect(hits.slice(0, 3).some((id) => answers.includes(id)), `top three for „${query}“: ${hits.slice(0, 3).join(', ')}`).toBe(true);
    });
  }
});
