/** `npm ci` (what CI runs) refuses a lock file that lacks an optional dependency's entry. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingOptionalEntries, platformOf } from '../../scripts/lockfile-bindings.ts';

describe('package-lock.json', () => {
  it('has an entry for every optional dependency (run scripts/lockfile-bindings.ts --write if not)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect(missingOptionalEntries(lock)).toEqual([]);
  });

  it('reads platforms from napi-rs package names', () => {
    expect(platformOf('@astrojs/compiler-binding-linux-arm64-musl')).toEqual({ os: ['linux'], cpu: ['arm64'], libc: ['musl'] });
    expect(platformOf('@astrojs/compiler-binding-win32-x64-msvc')).toEqual({ os: ['win32'], cpu: ['x64'] });
    expect(platformOf('@astrojs/compiler-binding-wasm32-wasi')).toEqual({ cpu: ['wasm32'] });
  });
});
