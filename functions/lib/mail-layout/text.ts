/**
 * Turning text into mail HTML safely: everything is escaped (nothing a person typed is
 * ever markup), line breaks become `<br>` and blank lines new paragraphs (Outlook for
 * Windows ignores CSS `white-space`), and very long words or URLs get zero-width break
 * opportunities, because `word-break`/`overflow-wrap`/`<wbr>` are ignored by GMX,
 * WEB.DE, Yahoo or Outlook and an unbreakable word would stretch the 600 px layout.
 */
// Written once for pages, health report, mails and answer pages.
import { escapeHtml } from '../../../src/lib/escape-html.ts';

export { escapeHtml };

/** Longest run of characters without a break opportunity that stays as it is. */
export const LONGEST_UNBROKEN = 30;
const ZWSP = '\u200b';

/**
 * Adds a zero-width space into runs longer than LONGEST_UNBROKEN: after URL punctuation
 * where there is some, else every LONGEST_UNBROKEN characters. `html: true` for text that
 * is already escaped (an entity counts as one character and is never split). Never
 * applied to attributes.
 */
export function breakLongWords(text: string, { html = false } = {}): string {
  const run = new RegExp(html ? `(?:&[#a-z0-9]+;|[^\\s${ZWSP}<>&])+` : `[^\\s${ZWSP}]+`, 'giu');
  return text.replace(run, (word) => {
    const tokens = html ? (word.match(/&[#a-z0-9]+;|./gisu) ?? []) : [...word];
    if (tokens.length <= LONGEST_UNBROKEN) return word;
    const lines: string[][] = [[]];
    let piece: string[] = [];
    const flush = () => {
      const line = lines[lines.length - 1];
      if (line.length && line.length + piece.length > LONGEST_UNBROKEN) lines.push([]);
      lines[lines.length - 1].push(...piece);
      piece = [];
    };
    for (const token of tokens) {
      piece.push(token);
      if (piece.length === LONGEST_UNBROKEN || /^(?:[/?=#._-]|&|&amp;)$/.test(token)) flush();
    }
    flush();
    return lines.map((l) => l.join('')).join(ZWSP);
  });
}

/** Text → escaped HTML with break opportunities; no markup from the text survives. */
export function inlineHtml(text: string): string {
  return escapeHtml(breakLongWords(text));
}

/** Line endings of any client become \n; trailing spaces go. */
export function normaliseLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
}

/** Paragraphs (separated by blank lines), each a list of lines. Leading/trailing blank lines go. */
export function paragraphs(text: string): string[][] {
  return normaliseLines(text)
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n'));
}
