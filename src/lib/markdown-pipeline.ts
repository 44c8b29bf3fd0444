/**
 * The one Markdown pipeline for text from content/: Astro's own (GitHub-flavoured
 * Markdown, SmartyPants, heading ids) with the site's sanitizing rehype plugins. The
 * site's pages (`markdown.processor` in astro.config.mjs), translated bodies and the
 * newsletter mails (src/lib/newsletter-data.ts) all render with it, so a mail or a
 * translation never shows HTML the German page would have rendered differently.
 */
import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import { rehypePlugins } from './markdown-sanitize.ts';
import { remarkSmartypantsWhereNeeded } from './markdown-smartypants.ts';

export const MARKDOWN_PIPELINE: { smartypants: false; remarkPlugins: RemarkPlugins; rehypePlugins: RehypePlugins } = {
  // Astro's SmartyPants is replaced by the same plugin, skipped where it has nothing to do.
  smartypants: false,
  remarkPlugins: [remarkSmartypantsWhereNeeded],
  rehypePlugins,
};
