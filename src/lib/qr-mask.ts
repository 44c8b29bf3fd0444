/**
 * A QR code's modules with the mask the `qrcode` package would choose, found about five
 * times faster (issue 17: every offer page in every language carries a printed QR code,
 * 12,000 of them at city scale, and the package's mask search was a tenth of the build).
 *
 * The package tries all eight masks and keeps the one with the lowest penalty (ISO/IEC
 * 18004, 7.8.3), calling a method per module for every mask and rule. Here the symbol is
 * made once with mask 0 and each candidate is derived from it in a flat byte array: same
 * rules, same order, same tie-break, so the same mask and the same modules
 * (tests/build/qr-mask.test.ts compares both on thousands of addresses).
 */
import QRCode, { type QRCodeSegment } from 'qrcode';
// Not part of the package's typed surface, but a plain CommonJS module of its own: the
// BCH-coded format bits for a level and a mask.
import FormatInfo from 'qrcode/lib/core/format-info.js';
import { optimalSegments, type QrSegment } from './qr-segments.ts';

export interface QrModules {
  size: number;
  /** 1 for a dark module, row by row. */
  data: Uint8Array;
  mask: number;
}

const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** Where the package writes the 15 format bits (setupFormatInfo): two index lists, bit i at [i] of each. */
function formatPositions(size: number): [number[], number[]] {
  const vertical: number[] = [];
  const horizontal: number[] = [];
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    vertical.push(row * size + 8);
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    horizontal.push(8 * size + col);
  }
  return [vertical, horizontal];
}

// The four penalty rules exactly as the package counts them (lib/core/mask-pattern.js):
// N1 runs of five or more of one colour (3 + length - 5 each), N2 2×2 blocks of one colour
// (3 each), N3 finder-like 1:1:3:1:1 patterns beside four light modules (40 each), N4 the
// share of dark modules away from half in steps of 5 % (10 each). Counted in one pass over
// the rows and one over the columns. Every rule only adds, so a mask is given up as soon as
// its points so far reach the best mask's (checked after each row and column): that cannot
// change the choice, and most masks are given up long before the end.
function penalty(m: Uint8Array, size: number, bound: number): number {
  let points = 0;
  let dark = 0;
  let blocks = 0;
  for (let row = 0; row < size; row++) {
    const start = row * size;
    const below = row < size - 1 ? start + size : -1;
    let run = 0;
    let last = -1;
    let bits = 0;
    // N2 reads each column's pair (this row and the next) once, for the block to its left and its right.
    let pairBefore = -8; // no block left of the first column
    for (let col = 0; col < size; col++) {
      const module = m[start + col];
      dark += module;
      if (module === last) run++;
      else {
        if (run >= 5) points += run - 2;
        last = module;
        run = 1;
      }
      bits = ((bits << 1) & 0x7ff) | module;
      if (col >= 10 && (bits === 0x5d0 || bits === 0x05d)) points += 40;
      if (below >= 0) {
        const pair = module + m[below + col];
        const block = pair + pairBefore;
        if (block === 4 || block === 0) blocks++;
        pairBefore = pair;
      }
    }
    if (run >= 5) points += run - 2;
    if (points + blocks * 3 >= bound) return bound;
  }
  points += blocks * 3 + Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * 10;
  if (points >= bound) return points;
  for (let col = 0; col < size; col++) {
    let run = 0;
    let last = -1;
    let bits = 0;
    for (let index = col; index < m.length; index += size) {
      const module = m[index];
      if (module === last) run++;
      else {
        if (run >= 5) points += run - 2;
        last = module;
        run = 1;
      }
      bits = ((bits << 1) & 0x7ff) | module;
      if (index >= 10 * size && (bits === 0x5d0 || bits === 0x05d)) points += 40;
    }
    if (run >= 5) points += run - 2;
    if (points >= bound) return points;
  }
  return points;
}

/**
 * For each mask, which modules it flips in a symbol of this size: the mask's pattern
 * outside the function patterns. The layout of a size is always the same, so it is
 * worked out once per size, not once per code.
 */
const flipsBySize = new Map<number, Uint8Array[]>();
function flipsFor(size: number, reserved: Uint8Array): Uint8Array[] {
  let flips = flipsBySize.get(size);
  if (!flips) {
    flips = MASKS.map((applies) => {
      const flip = new Uint8Array(size * size);
      for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) flip[row * size + col] = !reserved[row * size + col] && applies(row, col) ? 1 : 0;
      return flip;
    });
    flipsBySize.set(size, flips);
  }
  return flips;
}

/**
 * A segment as the package takes it. Its types list only bytes as a byte segment's data,
 * but the package takes the text too and encodes it as its own search's segments
 * (lib/core/byte-data.js), which is what keeps the codes the same.
 */
const packageSegment = (segment: QrSegment) => segment as QRCodeSegment;

/** The modules of `text` at error correction level M with the package's best mask. */
export function qrModules(text: string): QrModules {
  // The package's own segments, found faster (qr-segments.ts); its search where that does not apply.
  const symbol = QRCode.create(optimalSegments(text)?.map(packageSegment) ?? text, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, data, reservedBit } = symbol.modules as unknown as { size: number; data: Uint8Array; reservedBit: Uint8Array };
  const [vertical, horizontal] = formatPositions(size);
  const flips = flipsFor(size, reservedBit);
  // The data bits before masking: undo mask 0 where the package applied it.
  const unmasked = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) unmasked[i] = data[i] ^ flips[0][i];
  let best: Uint8Array = data;
  let bestMask = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < MASKS.length; mask++) {
    const candidate = new Uint8Array(data.length);
    const flip = flips[mask];
    for (let i = 0; i < data.length; i++) candidate[i] = unmasked[i] ^ flip[i];
    const bits: number = FormatInfo.getEncodedBits(symbol.errorCorrectionLevel, mask);
    for (let i = 0; i < 15; i++) candidate[vertical[i]] = candidate[horizontal[i]] = (bits >> i) & 1;
    const points = penalty(candidate, size, lowest);
    if (points < lowest) {
      lowest = points;
      bestMask = mask;
      best = candidate;
    }
  }
  return { size, data: best, mask: bestMask };
}
