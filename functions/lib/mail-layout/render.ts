/**
 * One mail in the one layout: the compiled MJML shell (./compiled.ts) filled with the
 * mail's blocks, and the plain-text part from the same blocks. Pure and synchronous:
 * data in, { html, text } out, so transports and callers stay as they are.
 */
import { SHELL, THEME } from './compiled.ts';
import { blockHtml, blockText, type Block } from './blocks.ts';
import { escapeHtml, inlineHtml } from './text.ts';

export interface MailContent {
  /** The site's name and public origin (content/settings/site.yml through the build). */
  site: { title: string; url: string };
  /** The document title; usually the subject. */
  title: string;
  /** What mail programs show after the subject in the inbox; never visible in the mail. */
  preheader: string;
  main: Block[];
  /** Small print under the card: why one gets this mail, unsubscribe, address, imprint. */
  footer: Block[];
}

export interface RenderedParts {
  html: string;
  text: string;
}

/**
 * Hidden without `display:none`, `overflow`, `opacity` or `max-height` (each ignored by one
 * of the audited clients): text of size 0 in the page colour, and `mso-hide` for Outlook.
 * Non-joiners after it keep the mail's first lines out of the inbox preview.
 */
function preheaderHtml(text: string, colour: string): string {
  return `<div style="font-size:0px;line-height:0px;color:${colour};mso-hide:all;">${escapeHtml(text)}${'&#847;&zwnj;&nbsp;'.repeat(40)}</div>`;
}

export function renderLayout(mail: MailContent): RenderedParts {
  const values: Record<string, string> = {
    TITLE: escapeHtml(mail.title),
    PREHEADER: preheaderHtml(mail.preheader, THEME.page),
    SITE: inlineHtml(mail.site.title),
    SITE_URL: escapeHtml(`${mail.site.url}/`),
    MAIN: mail.main.map(blockHtml).join('\n'),
    FOOTER: mail.footer.map(blockHtml).join('\n'),
  };
  // One pass: what a value contains is never read as a marker.
  const html = SHELL.replace(/%%QN_([A-Z_]+)%%/g, (whole, name: string) => values[name] ?? whole);
  // The text part opens like the HTML part: the site's name and where it lives.
  const text = [mail.site.title, `${mail.site.url}/`, '', ...mail.main.map(blockText).flatMap((t) => [t, '']), '-- ', ...mail.footer.map(blockText).flatMap((t) => [t, ''])].join('\n');
  return { html, text };
}
