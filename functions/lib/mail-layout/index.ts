/**
 * The mail layout every mail of the site uses (issue 25). Describe a mail as blocks
 * (./blocks.ts), render it with renderLayout (./render.ts). The layout itself is MJML in
 * ./source, compiled ahead of time into ./compiled.ts by `npm run mail:layout`.
 */
export { renderLayout, type MailContent, type RenderedParts } from './render.ts';
export { letterBlocks, type Block, type MailLink } from './blocks.ts';
export { escapeHtml } from './text.ts';
