/**
 * Starts the longest test files first. On a fresh clone vitest has no timings and runs the
 * largest files first; the longest ones are small files that send hundreds of requests
 * through `netlify serve` or drive Chromium page by page, so they started last and one
 * worker ran alone at the end. Files not listed keep vitest's order after these.
 * The list follows the durations of a CI run (longest first); it only affects the order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const LONGEST_FIRST = [
  'tests/serve/functions-hostile.test.ts',
  'tests/a11y/axe.browser.test.ts',
  'tests/serve/contact-concurrency.test.ts',
  'tests/browser/phone.browser.test.ts',
  'tests/browser/cms.browser.test.ts',
  'tests/exports/open-data.serve.test.ts',
  'tests/security/headers.browser.test.ts',
  'tests/partner/partner.browser.test.ts',
];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((path) => spec.moduleId.endsWith(`/${path}`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    return sorted.map((spec, position) => ({ spec, position })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.position - b.position).map(({ spec }) => spec);
  }
}
