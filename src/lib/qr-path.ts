/**
 * A QR code as one SVG path (dark runs of a row become one rectangle each), from the
 * `qrcode` package: no outside service. Shared by the printed finder list (drawn in the
 * browser when someone prints) and the printed offer page (drawn at build time).
 */
import { qrModules } from './qr-mask.ts';

/** Light modules around the code, so phones find its edges. */
export const QR_QUIET_ZONE = 2;

export function qrPath(text: string): { viewBox: string; d: string } {
  const { size, data } = qrModules(text);
  let d = '';
  for (let y = 0; y < size; y++) {
    let run = 0;
    for (let x = 0; x <= size; x++) {
      const dark = x < size && data[y * size + x] === 1;
      if (dark) run++;
      else if (run) {
        d += `M${x - run + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h${run}v1h-${run}z`;
        run = 0;
      }
    }
  }
  const outer = size + 2 * QR_QUIET_ZONE;
  return { viewBox: `0 0 ${outer} ${outer}`, d };
}
