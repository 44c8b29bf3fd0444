/**
 * `npm run bench qr` (issue 17): the print QR code of an offer page, made by the `qrcode`
 * package as it is and by src/lib/qr-mask.ts (same mask and modules, found in flat
 * arrays), on 3,000 offer addresses in six languages. Fastest of five rounds each, in
 * ms per code; and how many codes came out identical (all of them, or the bench says so).
 */
import QRCode from 'qrcode';
import { qrModules } from '../../src/lib/qr-mask.ts';

const LANGUAGES = ['', 'en/', 'ru/', 'uk/', 'tr/', 'ar/'];
const addresses = Array.from({ length: 3000 }, (_, i) => `https://quartiersnetz-kinderhaus.example.org/${LANGUAGES[i % 6]}angebote/generiertes-angebot-${'x'.repeat(i % 60)}-${i}/`);

function fastest(make: (text: string) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (const text of addresses) make(text);
    best = Math.min(best, (performance.now() - started) / addresses.length);
  }
  return best;
}

const packageMs = fastest((text) => QRCode.create(text, { errorCorrectionLevel: 'M' }));
const ownMs = fastest(qrModules);
let identical = 0;
for (const text of addresses) {
  const expected = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const actual = qrModules(text);
  if (actual.mask === expected.maskPattern && Buffer.from(actual.data).equals(Buffer.from(expected.modules.data))) identical++;
}
console.log(`${addresses.length} offer addresses, fastest of 5 rounds`);
console.log(`qrcode package (its own mask search): ${packageMs.toFixed(3)} ms per code`);
console.log(`src/lib/qr-mask.ts:                   ${ownMs.toFixed(3)} ms per code (${(packageMs / ownMs).toFixed(2)}× faster)`);
console.log(`identical codes: ${identical} of ${addresses.length}`);
if (identical !== addresses.length) process.exitCode = 1;
