import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './tests/setup/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The site is built once for every test that reads dist/ or drives Chromium.
    // Then one directory for the netlify serve servers that test files share (started lazily).
    globalSetup: ['tests/setup/build-site.ts', 'tests/setup/netlify-serve.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: browser tests each start Chromium; more workers only thrash.
    maxWorkers: 2,
    // The longest files first, so that no worker runs one alone at the end.
    sequence: { sequencer: LongestFirstSequencer },
    env: {
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  },
});
