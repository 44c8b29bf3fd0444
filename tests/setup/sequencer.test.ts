import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from './sequencer.ts';

describe('test order', () => {
  it('names only test files that exist', () => {
    expect(LONGEST_FIRST.filter((path) => !existsSync(path))).toEqual([]);
  });
});
