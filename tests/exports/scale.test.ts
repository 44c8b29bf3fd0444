/**
 * At scale: a copy of the project with 2,000 generated offers, built for real, exports
 * HSDS and OParl that validate with zero errors. The copy is removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { validateHsdsDist, validateOparlDist } from './standards.ts';

describe('exports of 2,000 generated offers', () => {
  it('validate against HSDS 3.0 and OParl 1.1 with zero errors', () => {
    const root = makeScaledProject(process.cwd(), 2000);
    try {
      const build = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'astro'), ['build', '--silent'], {
        cwd: root,
        encoding: 'utf8',
        // German pages only: this test is about the exports, which are the same in every interface language.
        env: { ...process.env, QN_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1', QN_LANGUAGES: 'de' },
      });
      expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
      const { content } = loadContent(root);
      const published = content.offers.filter((o) => isOfferPublished(o.data, TEST_TODAY));
      expect(published.length).toBeGreaterThanOrEqual(2000);

      const hsds = validateHsdsDist(join(root, 'dist'));
      expect(hsds.problems.slice(0, 20)).toEqual([]);
      expect(hsds.services).toBe(published.length);

      const oparl = validateOparlDist(join(root, 'dist'));
      expect(oparl.problems.slice(0, 20)).toEqual([]);
      expect(oparl.byType.Meeting).toBeGreaterThan(0);
    } finally {
      removeProject(root);
    }
  }, 600_000);
});
