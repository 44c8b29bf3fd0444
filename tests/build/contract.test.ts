/**
 * The build → functions contract (issue 16): generated/ holds exactly the files named in
 * src/lib/generated-files.ts, each written by the build that ran for the tests, and
 * src/lib never reaches into functions/ (functions read src/lib, not the other way round).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_FILES } from '../../src/lib/generated-files.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|astro)$/.test(entry.name) ? [path] : [];
  });
}

describe('build → functions contract', () => {
  it('generated/ holds exactly the files the contract names, each valid JSON', () => {
    const names = Object.values(GENERATED_FILES).map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(readdirSync('generated').filter((f) => !f.endsWith('.tmp')).sort()).toEqual([...names].sort());
    for (const name of names) expect(() => JSON.parse(readFileSync(join('generated', name), 'utf8')), name).not.toThrow();
  });

  it('no module in src/lib imports from functions/', () => {
    const offenders = sourceFiles('src/lib').filter((file) => /from\s+['"][^'"]*\/functions\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('functions name generated files only through the contract', () => {
    const literal = sourceFiles('functions').filter((file) => /readGenerated(<[^>]*>)?\(\s*['"]/.test(readFileSync(file, 'utf8')));
    expect(literal).toEqual([]);
  });
});
