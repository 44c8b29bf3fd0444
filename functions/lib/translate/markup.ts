/**
 * Markdown ⇄ the small XML dialect sent to DeepL (tag_handling=xml). DeepL translates the
 * text between tags and keeps the tags, so structure cannot be lost or reworded:
 * - the body is cut into blocks (paragraphs, list items, headings, quotes); block markers
 *   ("- ", "1. ", "## ", "> ") and blank lines never leave this module;
 * - line breaks inside a paragraph travel as <br/>, links as <a i="n"> (the URL stays
 *   here), emphasis as <b>/<i>, inline code, URLs, e-mail addresses and names (the
 *   glossary: organisations, places, streets) inside the ignored tag <x>.
 */

export const IGNORE_TAG = 'x';

/** One text to translate and the way back from its translation to Markdown. */
export interface Segment {
  xml: string;
  restore(translated: string): string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the name matcher once per run: longest names first so "Haus X" wins over "Haus". */
export function glossaryPattern(names: Iterable<string>): RegExp | undefined {
  const unique = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map((n) => escapeRegExp(escapeXml(n))).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** Inline Markdown of one block → XML; `links` collects the URLs kept back. */
function inlineToXml(markdown: string, glossary: RegExp | undefined): { xml: string; links: string[] } {
  const links: string[] = [];
  const kept: string[] = [];
  // Placeholders guard finished parts from later rules; \u0000 never occurs in content.
  const keep = (xml: string) => `\u0000${kept.push(xml) - 1}\u0000`;
  let s = escapeXml(markdown);
  s = s.replace(/`([^`]+)`/g, (_, code: string) => keep(`<${IGNORE_TAG} c="1">${code}</${IGNORE_TAG}>`));
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => `<a i="${links.push(unescapeXml(url)) - 1}">${label}</a>`);
  s = s.replace(/\b(?:https?:\/\/|www\.)[^\s<]+[^\s<.,;:!?)]/g, (url) => keep(`<${IGNORE_TAG}>${url}</${IGNORE_TAG}>`));
  s = s.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, (mail) => keep(`<${IGNORE_TAG}>${mail}</${IGNORE_TAG}>`));
  s = s.replace(/\*\*(.+?)\*\*/g, '<b>$1</b>').replace(/__(.+?)__/g, '<b m="_">$1</b>');
  s = s.replace(/(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])/g, '<i>$1</i>').replace(/(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])/g, '<i m="_">$1</i>');
  if (glossary) s = s.replace(glossary, (name) => keep(`<${IGNORE_TAG}>${name}</${IGNORE_TAG}>`));
  s = s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]);
  return { xml: s, links };
}

function xmlToInline(xml: string, links: string[]): string {
  let s = xml.replace(/<br\s*\/?>\s*/g, '\n');
  s = s.replace(/<a i="(\d+)">([\s\S]*?)<\/a>/g, (_, i: string, label: string) => `[${label}](${links[Number(i)] ?? ''})`);
  s = s.replace(/<b( m="_")?>([\s\S]*?)<\/b>/g, (_, m: string | undefined, inner: string) => (m ? `__${inner}__` : `**${inner}**`));
  s = s.replace(/<i( m="_")?>([\s\S]*?)<\/i>/g, (_, m: string | undefined, inner: string) => (m ? `_${inner}_` : `*${inner}*`));
  s = s.replace(new RegExp(`<${IGNORE_TAG}( c="1")?>([\\s\\S]*?)</${IGNORE_TAG}>`, 'g'), (_, c: string | undefined, inner: string) => (c ? `\`${inner}\`` : inner));
  return unescapeXml(s);
}

/** A one-line text (title, summary, a keyword). */
export function textSegment(text: string, glossary?: RegExp): Segment {
  const { xml, links } = inlineToXml(text, glossary);
  return { xml, restore: (translated) => xmlToInline(translated, links).trim() };
}

const BLOCK_MARKER = /^(\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+|>\s?)+)/;

/**
 * A Markdown body as segments plus a function that puts the translations back into the
 * untouched skeleton (markers, blank lines, line order).
 */
export function markdownSegments(markdown: string, glossary?: RegExp): { segments: Segment[]; assemble(translations: string[]): string } {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const skeleton: (string | { prefix: string; index: number })[] = [];
  const segments: Segment[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    const parts = paragraph.map((line) => inlineToXml(line, glossary));
    const links = parts.flatMap((p) => p.links);
    // Renumber links so the whole paragraph shares one list.
    let offset = 0;
    const xml = parts
      .map((p) => {
        const renumbered = p.xml.replace(/<a i="(\d+)">/g, (_, i: string) => `<a i="${Number(i) + offset}">`);
        offset += p.links.length;
        return renumbered;
      })
      .join('<br/>');
    skeleton.push({ prefix: '', index: segments.push({ xml, restore: (t) => xmlToInline(t, links).trim() }) - 1 });
    paragraph = [];
  };
  for (const line of lines) {
    const marker = BLOCK_MARKER.exec(line);
    if (line.trim() === '') {
      flush();
      skeleton.push(line);
    } else if (marker) {
      flush();
      const segment = textSegment(line.slice(marker[1].length), glossary);
      skeleton.push({ prefix: marker[1], index: segments.push(segment) - 1 });
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return {
    segments,
    assemble: (translations) =>
      skeleton.map((part) => (typeof part === 'string' ? part : `${part.prefix}${segments[part.index].restore(translations[part.index])}`)).join('\n').trim(),
  };
}
