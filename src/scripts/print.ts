/**
 * QR codes for the printed list: each offer on the handout gets a code leading to its
 * page, drawn here in the browser from the `qrcode` package (no outside service). Loaded
 * only when someone prints.
 */
import { qrPath } from '../lib/qr-path.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The code as an SVG element. */
export function qrSvg(text: string): SVGSVGElement {
  const { viewBox, d } = qrPath(text);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', viewBox);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', text);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#fff');
  const code = document.createElementNS(SVG_NS, 'path');
  code.setAttribute('d', d);
  code.setAttribute('fill', '#000');
  svg.append(background, code);
  return svg;
}

/**
 * Draws the QR code into every `[data-qr]` slot of the given results that has none yet. The
 * address is the slot's `data-qr` value or, when that is empty, the text of the result's
 * `[data-qr-url]` (the printed address line of a finder card, so the page carries it once).
 */
export function drawQrCodes(results: Iterable<HTMLElement>): number {
  let drawn = 0;
  for (const result of results) {
    for (const slot of result.querySelectorAll<HTMLElement>('[data-qr]')) {
      const text = slot.dataset.qr || result.querySelector('[data-qr-url]')?.textContent?.trim();
      if (slot.querySelector('svg') || !text) continue;
      slot.append(qrSvg(text));
      drawn++;
    }
  }
  return drawn;
}
