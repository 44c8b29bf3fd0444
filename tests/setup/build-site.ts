/**
 * Builds the sample site once before the tests, with the clock fixed, so that what is
 * "upcoming" or "expired" does not depend on the day the tests run.
 * QN_SKIP_BUILD=1 reuses an existing dist/ (for quick local reruns).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TEST_NOW } from '../helpers/clock.ts';

export default function buildSite() {
  process.env.QN_NOW = TEST_NOW;
  if (process.env.QN_SKIP_BUILD === '1' && existsSync('dist/index.html')) return;
  const result = spawnSync('node_modules/.bin/astro', ['build', '--silent'], {
    encoding: 'utf8',
    env: { ...process.env, QN_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
  }
}
