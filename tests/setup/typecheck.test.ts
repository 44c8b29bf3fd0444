/**
 * The whole project type-checks (`npm run typecheck`): site, CMS, functions, scripts and
 * tests. The content collections' types come from .astro/, which the build of the test
 * run's global setup has just written (`astro sync` does the same outside a test run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('TypeScript', () => {
  it('finds no type error (npm run typecheck)', () => {
    expect(existsSync('.astro/types.d.ts'), '.astro/types.d.ts is missing: run `npx astro sync` or build the site first').toBe(true);
    const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  }, 300_000);
});
