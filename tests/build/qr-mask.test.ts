/**
 * src/lib/qr-mask.ts picks the QR mask without the `qrcode` package's own search (issue 17).
 * The printed QR codes must stay exactly what the package makes: same mask, same modules,
 * for addresses of every length the site has (QR versions 3 to 14).
 */
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { qrModules } from '../../src/lib/qr-mask.ts';
import { qrPath } from '../../src/lib/qr-path.ts';

const LANGUAGES = ['', 'en/', 'ru/', 'uk/', 'tr/', 'ar/'];
// Slugs of varied length and letters from a fixed-seed generator, so every run tests the same set.
let seed = 17;
const letter = () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26));
const addresses = Array.from({ length: 1500 }, (_, i) => `https://quartiersnetz.example.org/${LANGUAGES[i % 6]}angebote/${Array.from({ length: 5 + (i % 180) }, letter).join('')}/`);

describe('QR mask choice', () => {
  it('gives the same mask and modules as the qrcode package', () => {
    const versions = new Set<number>();
    const masks = new Set<number>();
    for (const text of addresses) {
      const expected = QRCode.create(text, { errorCorrectionLevel: 'M' });
      const actual = qrModules(text);
      versions.add(expected.version);
      masks.add(expected.maskPattern ?? -1);
      expect(actual.mask, text).toBe(expected.maskPattern);
      expect(Buffer.from(actual.data).equals(Buffer.from(expected.modules.data)), text).toBe(true);
    }
    // The sample reaches every mask and versions with and without version information (≥ 7).
    expect([...masks].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Math.min(...versions)).toBeLessThan(7);
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(10);
  });

  it('draws the package’s modules as the SVG path', () => {
    const text = addresses[7];
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { d } = qrPath(text);
    // Every dark module lies inside exactly one of the path's row rectangles.
    const dark = new Set<string>();
    for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(w); i++) dark.add(`${Number(x) + i - 2},${Number(y) - 2}`);
    for (let y = 0; y < modules.size; y++) for (let x = 0; x < modules.size; x++) expect(dark.has(`${x},${y}`), `${x},${y}`).toBe(Boolean(modules.get(y, x)));
  });
});
