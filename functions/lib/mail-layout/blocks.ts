/**
 * The parts a mail is made of. Every mail kind describes its content as blocks once;
 * ./render.ts turns the same blocks into the HTML part (inline styles from the site's
 * colours, Outlook-safe tables) and the plain-text part, so both always say the same.
 * A new kind of mail (invitation, minutes, network message, partner link) is a new list
 * of blocks, not a new layout.
 */
import { THEME } from './compiled.ts';
import { breakLongWords, escapeHtml, inlineHtml, paragraphs } from './text.ts';

export interface MailLink {
  label: string;
  url: string;
}

export type Block =
  /** A heading inside the card (level 1 once, for the main title). */
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  /** Text written by the site (line breaks kept). `small` for dates and hints. */
  | { kind: 'paragraph'; text: string; small?: boolean; strong?: boolean }
  /** Words a resident or partner typed: paragraphs and line breaks exactly as written. */
  | { kind: 'quote'; text: string }
  | { kind: 'button'; link: MailLink }
  /** A link on a line of its own; the text part shows `label: url`. */
  | { kind: 'link'; link: MailLink; showUrl?: boolean }
  | { kind: 'links'; links: MailLink[] }
  /** Bullet points; an item that is a link shows its label linked (text part: `label: url`). */
  | { kind: 'list'; items: (string | MailLink)[] }
  /** Label/value pairs (who wrote, which page). */
  | { kind: 'facts'; rows: { label: string; value: string; url?: string }[] }
  /** Numbered entries with detail lines and links (reminders, digests). */
  | { kind: 'entries'; items: { title: string; lines?: string[]; links?: MailLink[] }[] }
  /**
   * HTML that is already safe (the build's sanitised post body) with its text version.
   * Tags get the layout's inline styles here; nothing else is added.
   */
  | { kind: 'html'; html: string; text: string };

const T = THEME;
const FONT = `font-family:${T.font};`;
const P = `margin:0 0 16px;${FONT}font-size:16px;line-height:24px;color:${T.text};`;
const SMALL = `margin:0 0 12px;${FONT}font-size:14px;line-height:21px;color:${T.muted};`;
const LINK = `color:${T.link};text-decoration:underline;`;
const TABLE = 'role="presentation" border="0" cellpadding="0" cellspacing="0" width="100%"';

const a = (link: MailLink, text = link.label, style = LINK) => `<a href="${escapeHtml(link.url)}" style="${style}">${inlineHtml(text)}</a>`;
const lines = (text: string[]) => text.map(inlineHtml).join('<br>');

/** Inline styles for the tags a sanitised Markdown body may contain. */
const TAG_STYLES: Record<string, string> = {
  p: P,
  h1: `margin:24px 0 8px;${FONT}font-size:22px;line-height:28px;color:${T.text};`,
  h2: `margin:24px 0 8px;${FONT}font-size:20px;line-height:26px;color:${T.text};`,
  h3: `margin:20px 0 8px;${FONT}font-size:18px;line-height:24px;color:${T.text};`,
  h4: `margin:16px 0 8px;${FONT}font-size:16px;line-height:24px;color:${T.text};`,
  // Indented by margin, not padding: Outlook for Windows ignores a list's padding.
  ul: `margin:0 0 16px 24px;padding:0;${FONT}`,
  ol: `margin:0 0 16px 24px;padding:0;${FONT}`,
  li: `margin:0 0 4px;${FONT}font-size:16px;line-height:24px;color:${T.text};`,
  blockquote: `margin:0 0 16px;padding:0 0 0 12px;border-left:4px solid ${T.border};color:${T.text};`,
  a: LINK,
};

export function styleSafeHtml(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (!part.startsWith('<')) return breakLongWords(part, { html: true });
      const tag = /^<([a-z0-9]+)(\s[^>]*)?>$/i.exec(part);
      const style = tag && TAG_STYLES[tag[1].toLowerCase()];
      if (!style || /\sstyle=/i.test(tag[2] ?? '')) return part;
      return `<${tag[1]}${tag[2] ?? ''} style="${style}">`;
    })
    .join('');
}

export function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1
        ? `<h1 style="margin:0 0 16px;${FONT}font-size:24px;line-height:30px;font-weight:700;color:${T.text};">${inlineHtml(block.text)}</h1>`
        : `<h2 style="margin:24px 0 8px;${FONT}font-size:18px;line-height:26px;font-weight:700;color:${T.text};">${inlineHtml(block.text)}</h2>`;
    case 'paragraph': {
      const body = lines(block.text.split('\n'));
      return `<p style="${block.small ? SMALL : P}">${block.strong ? `<strong>${body}</strong>` : body}</p>`;
    }
    case 'quote':
      return `<table ${TABLE} style="margin:0 0 16px;"><tr><td style="border-left:4px solid ${T.border};padding:0 0 0 12px;">${paragraphs(block.text)
        .map((p, i, all) => `<p style="${P}${i === all.length - 1 ? 'margin-bottom:0;' : ''}">${lines(p)}</p>`)
        .join('')}</td></tr></table>`;
    case 'button':
      // A link on a coloured cell: Outlook for Windows paints `bgcolor`, not a link's padding.
      return `<table role="presentation" border="0" cellpadding="0" cellspacing="0" style="margin:0 0 16px;"><tr><td bgcolor="${T.brand}" style="background-color:${T.brand};padding:12px 20px;">${a(
        block.link,
        block.link.label,
        `${FONT}font-size:16px;line-height:24px;font-weight:700;color:${T.onBrand};text-decoration:none;`,
      )}</td></tr></table>`;
    case 'link':
      return `<p style="${P}">${a(block.link, block.showUrl ? block.link.url : block.link.label)}</p>`;
    case 'links':
      return `<p style="${SMALL}">${block.links.map((l) => a(l, l.label, `color:${T.muted};text-decoration:underline;`)).join(' · ')}</p>`;
    case 'list':
      return `<ul style="${TAG_STYLES.ul}">${block.items.map((item) => `<li style="${TAG_STYLES.li}">${typeof item === 'string' ? inlineHtml(item) : a(item)}</li>`).join('')}</ul>`;
    case 'facts':
      // Label above value, not two columns: a long address beside a label would push a
      // phone's screen wider, and a one-column mail cannot reflow a table without <style>.
      return block.rows
        .map((row) => `<p style="${P}"><strong>${inlineHtml(row.label)}</strong><br>${row.url ? a({ label: row.value, url: row.url }) : inlineHtml(row.value)}</p>`)
        .join('');
    case 'entries':
      return `<ol style="${TAG_STYLES.ol}">${block.items
        .map(
          (item) =>
            `<li style="margin:0 0 12px;${FONT}font-size:16px;line-height:24px;color:${T.text};"><strong>${inlineHtml(item.title)}</strong>${(item.lines ?? []).map((l) => `<br>${inlineHtml(l)}`).join('')}${
              item.links?.length ? `<br>${item.links.map((l) => a(l)).join(' · ')}` : ''
            }</li>`,
        )
        .join('')}</ol>`;
    case 'html':
      return styleSafeHtml(block.html);
  }
}

export function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? block.text : `${block.text}\n${'='.repeat(Math.min([...block.text].length, 60))}`;
    case 'paragraph':
      return block.text;
    case 'quote':
      return paragraphs(block.text)
        .map((p) => p.join('\n'))
        .join('\n\n');
    case 'button':
    case 'link':
      return `${block.link.label}: ${block.link.url}`;
    case 'links':
      return block.links.map((l) => `${l.label}: ${l.url}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${typeof item === 'string' ? item : `${item.label}: ${item.url}`}`).join('\n');
    case 'facts':
      return block.rows.map((row) => `${row.label}: ${row.value}${row.url ? `\n${row.url}` : ''}`).join('\n');
    case 'entries':
      return block.items
        .map((item, i) => [`${i + 1}. ${item.title}`, ...(item.lines ?? []).map((l) => `   ${l}`), ...(item.links ?? []).map((l) => `   ${l.label}: ${l.url}`)].join('\n'))
        .join('\n');
    case 'html':
      return block.text;
  }
}

/**
 * A letter written as lines (an empty line starts a new paragraph) as blocks; a paragraph
 * that is only an address becomes a link showing that address. For mails written as plain
 * lines (reminders' closing, partner links): one call puts them into the layout.
 */
export function letterBlocks(lines: string[]): Block[] {
  return lines
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((text): Block => (/^https?:\/\/\S+$/.test(text) ? { kind: 'link', link: { label: text, url: text }, showUrl: true } : { kind: 'paragraph', text }));
}
