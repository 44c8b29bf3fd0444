/**
 * What HTML may survive in Markdown that partners write through the CMS. Starts from
 * GitHub's schema (no script, style, iframe, form, event handlers, javascript: URLs)
 * and narrows it further: no `data:` images, no ids that could clobber page anchors.
 */
import { defaultSchema } from 'rehype-sanitize';

export const markdownSanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https'],
  },
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !['input', 'img'].includes(tag)).concat(['img']),
};
