/**
 * Issue 14's transfer budget, checked on the built site (dist/, built once by the global
 * setup): a phone's first visit to the finder, with the search data and everything the
 * service worker precaches, stays within 60 kB gzip in every interface language. The same
 * calculation (scripts/lib/finder-transfer.ts) feeds `npm run bench i18n` and
 * `npm run audit`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/dist.ts';
import { pageAssets } from '../../src/lib/page-assets.ts';
import { FINDER_TRANSFER_BUDGET, builtPrecache, finderTransfer, kb, type FinderTransfer } from '../../scripts/lib/finder-transfer.ts';

/**
 * Over budget in the sample content today because of its search data: 29 kB for Arabic
 * against 14 kB for German (every offer's words in the language and in German,
 * src/search/data.ts), while the page, its files and the worker cost 31–35 kB in every
 * language. `it.fails` keeps measuring it: once the search data shrinks enough, this
 * fails and the language leaves the list. (Turkish, with 25 kB of search data, is within
 * at 59.4 kB.)
 */
const OVER_BUDGET_TODAY = new Set<string>([]);

const rows = finderTransfer(DIST);
const largest = (row: FinderTransfer) =>
  Object.entries(row.files)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([path, bytes]) => `${path} ${kb(bytes)}`)
    .join(', ');

describe("the finder's first visit", () => {
  it('is measured in every built language, with every part counted', () => {
    expect(rows.map((r) => r.language)).toContain('de');
    for (const row of rows) {
      // A part measured as nothing means the calculation lost track of the page, not a lean page.
      expect(row.html, row.path).toBeGreaterThan(5_000);
      expect(row.css, row.path).toBeGreaterThan(1_000);
      expect(row.js, row.path).toBeGreaterThan(1_000);
      expect(row.searchData, row.path).toBeGreaterThan(1_000);
      expect(row.worker, row.path).toBeGreaterThan(gzipSync(readFileSync(join(DIST, 'sw.js'))).length);
    }
  });

  it("counts every file the service worker precaches for the finder's language", () => {
    const precache = builtPrecache(DIST);
    for (const row of rows) {
      expect(precache[row.language], row.language).toBeDefined();
      for (const path of precache[row.language]) expect(Object.keys(row.files), `${row.language}: ${path}`).toContain(path);
      for (const asset of pageAssets(DIST, row.path)) expect(precache[row.language], `${row.language}: ${asset} is not precached`).toContain(asset);
    }
  });

  for (const row of rows) {
    const title = `stays within ${kb(FINDER_TRANSFER_BUDGET)} gzip in ${row.endonym} (${row.path})`;
    (OVER_BUDGET_TODAY.has(row.language) ? it.fails : it)(title, () => {
      expect(row.total, `${row.path}: ${kb(row.total)}; largest: ${largest(row)}`).toBeLessThanOrEqual(FINDER_TRANSFER_BUDGET);
    });
  }
});
