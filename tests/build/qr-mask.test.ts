/**
 * src/lib/qr-mask.ts picks the QR mask without the `qrcode` package's own search (issue 17).
 * The printed QR codes must stay exactly what the package makes: same mask, same modules,
 * for addresses of every length the site has (QR versions 3 to 14).
 */
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { qrModules } from '../../src/lib/qr-mask.ts';
import { qrPath } from '../../src/lib/qr-path.ts';
import { optimalSegments } from '../../src/lib/qr-segments.ts';

const LANGUAGES = ['', 'en/', 'ru/', 'uk/', 'tr/', 'ar/'];
// Slugs of varied length and letters from a fixed-seed generator, so every run tests the same set.
let seed = 17;
const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
const letter = () => String.fromCharCode(97 + random(26));
const addresses = Array.from({ length: 1500 }, (_, i) => `https://quartiersnetz.example.org/${LANGUAGES[i % 6]}angebote/${Array.from({ length: 5 + (i % 180) }, letter).join('')}/`);

// Texts that make the package choose between modes: runs of digits and of the other
// alphanumeric characters of every length (long ones pay for a switch, short ones do not),
// between lower-case letters, umlauts, Cyrillic and Arabic (two bytes) and CJK (three).
const PIECES = ['0123456789', 'ABCDEFXYZ', ' $%*+-./:', 'abcxyz', 'äöüß', 'приве', 'مرحبا', '日本語'];
const mixed = Array.from({ length: 2500 }, (_, i) => {
  let text = i % 3 ? `https://example.org/${LANGUAGES[i % 6]}angebote/` : '';
  const parts = 1 + random(12);
  for (let p = 0; p < parts; p++) {
    const piece = PIECES[random(PIECES.length)];
    const length = 1 + random(i % 5 === 0 ? 40 : 9);
    for (let c = 0; c < length; c++) text += piece[random(piece.length)];
  }
  return text;
});

describe('QR segments', () => {
  it('are the ones the qrcode package chooses', () => {
    const modes = new Set<string>();
    for (const text of [...mixed, ...addresses]) {
      const expected = QRCode.create(text, { errorCorrectionLevel: 'M' }).segments.map((segment) => {
        const { mode, data } = segment as unknown as { mode: { id: string }; data: string | Uint8Array };
        // Byte segments hold their UTF-8 bytes, the others their characters.
        return { mode: mode.id.toLowerCase(), data: typeof data === 'string' ? data : Buffer.from(data).toString('utf8') };
      });
      for (const { mode } of expected) modes.add(mode);
      expect(optimalSegments(text), text).toEqual(expected);
    }
    // The sample makes the package use every mode it has without Kanji support.
    expect([...modes].sort()).toEqual(['alphanumeric', 'byte', 'numeric']);
  });

  it('leave to the package what they do not follow', () => {
    expect(optimalSegments('')).toBeUndefined();
    expect(optimalSegments('Smiley \u{1F600}')).toBeUndefined();
    expect(qrModules('Smiley \u{1F600}').data).toEqual(QRCode.create('Smiley \u{1F600}', { errorCorrectionLevel: 'M' }).modules.data);
  });
});

describe('QR mask choice', () => {
  it('gives the same mask and modules as the qrcode package', () => {
    const versions = new Set<number>();
    const masks = new Set<number>();
    for (const text of [...addresses, ...mixed]) {
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
