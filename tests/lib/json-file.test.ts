/**
 * src/lib/json-file.ts writes generated/ files in pieces (issue 17); the functions must
 * read exactly what JSON.stringify would have written.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonBlocks, jsonPieces, writeJsonFile } from '../../src/lib/json-file.ts';

const stringified = (value: unknown) => {
  const pieces: string[] = [];
  jsonPieces(value, (piece) => pieces.push(piece));
  return pieces.join('');
};

class Point {
  x = 1;
  y = 2;
}

const TRICKY: unknown[] = [
  { a: 1, b: undefined, c: () => 1, d: Symbol('s'), e: null, f: [undefined, () => 2, Symbol('t'), , 3], g: 'ä "quoted" \n \u2028 \ud800' },
  { 2: 'two', 1: 'one', z: { nested: { deeper: { deepest: [1, { x: undefined }] } } } },
  [[[[{ date: new Date('2026-12-04T10:00:00Z') }]]]],
  { when: new Date('2026-12-04T10:00:00Z'), point: new Point(), map: new Map([[1, 2]]), custom: { toJSON: () => 'custom' } },
  { nan: NaN, inf: -Infinity, zero: -0, big: 1e21, empty: {}, list: [], bare: Object.create(null) },
  [],
  {},
  'text',
  42,
  null,
];

describe('JSON in pieces', () => {
  it('is the text JSON.stringify gives', () => {
    for (const value of TRICKY) expect(stringified(value)).toBe(JSON.stringify(value));
  });

  it('writes that text and a newline, in blocks, for a large value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qn-json-'));
    try {
      const large = {
        hsds: {
          services: Array.from({ length: 3000 }, (_, i) => ({ item: { id: `s-${i}`, name: `Angebot ${i} – Beratung`, missing: undefined }, text: 'x'.repeat(i % 50) })),
        },
      };
      writeJsonFile(join(dir, 'large.json'), large);
      const text = readFileSync(join(dir, 'large.json'), 'utf8');
      expect(text.length).toBeGreaterThan(1 << 17); // more than one block
      expect(text).toBe(`${JSON.stringify(large)}\n`);
      expect(readdirSync(dir)).toEqual(['large.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON responses of the static exports', () => {
  it('hold the same text in one block or many', async () => {
    const { jsonResponse, jsonText } = await import('../../src/lib/exports/respond.ts');
    const small = { a: [1, 2, undefined], b: 'ä' };
    const large = { items: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `Name ${i} – ü`, skipped: undefined })) };
    for (const value of [small, large]) {
      const response = jsonResponse(value);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(jsonText(value));
    }
    expect(jsonBlocks(large).length).toBeGreaterThan(1);
  });
});
