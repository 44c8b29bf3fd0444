/**
 * What HTML may survive in Markdown that partners write through the CMS. Partner content
 * is untrusted: it must not script, load anything from other hosts, lay itself over the
 * page, steal keyboard shortcuts or collide with the page's own ids.
 *
 * Pipeline (`rehypePlugins` below, part of src/lib/markdown-pipeline.ts): rehype-raw parses inline HTML into elements first, so
 * harmless markup (<kbd>, <details>, lang="tr") survives and everything else is judged
 * by the same schema; then rehype-sanitize with the schema below; then
 * `rehypeUntrustedContent` for what a schema cannot express.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeExternalLinks from 'rehype-external-links';
import type { Schema } from 'hast-util-sanitize';
import type { RehypePlugins } from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import GithubSlugger from 'github-slugger';

/** Prefix for every id that comes from content (the sanitizer uses it for user ids too). */
export const CONTENT_ID_PREFIX = 'user-content-';

// Presentational or form attributes GitHub's schema allows globally but that have no use
// in a partner's text: `accessKey` hijacks screen-reader and browser shortcuts,
// `tabIndex` breaks the focus order, form attributes only matter on forms (which are removed).
const DROPPED_GLOBAL_ATTRIBUTES = new Set([
  'accept',
  'acceptCharset',
  'accessKey',
  'action',
  'checked',
  'encType',
  'method',
  'tabIndex',
  'prompt',
  'selected',
  'value',
  'color',
  'border',
  'hSpace',
]);

// Removed together with their content: showing a script's or style's text would be
// noise, an iframe's or object's fallback is attacker-chosen.
const STRIPPED_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'textarea',
  'title',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'select',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
];

// `picture`/`source` carry `srcset`, which the protocol check does not cover; `input`
// only existed for task-list checkboxes.
const DROPPED_TAGS = new Set(['input', 'picture', 'source']);

const globalAttributes = (defaultSchema.attributes?.['*'] ?? []).filter(
  (attribute) => !DROPPED_GLOBAL_ATTRIBUTES.has(typeof attribute === 'string' ? attribute : attribute[0]),
);

export const markdownSanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !DROPPED_TAGS.has(tag)),
  strip: STRIPPED_WITH_CONTENT,
  attributes: {
    ...defaultSchema.attributes,
    '*': globalAttributes,
    img: ['alt', 'src', 'title', 'width', 'height'],
    input: [],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto', 'tel'],
    cite: ['http', 'https'],
    src: ['http', 'https'],
    longDesc: [],
  },
  required: {},
};

/** True when `src` stays on the site's own origin (relative, or a root path). */
export function isSameOriginUrl(src: string): boolean {
  const base = 'https://site.invalid/seite/';
  try {
    return new URL(src, base).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

function headingText(node: Element): string {
  let text = '';
  visit(node, 'text', (child) => {
    text += child.value;
  });
  return text;
}

/**
 * After sanitizing:
 * - images only from the site itself (uploads): an image from another host would tell that
 *   host who reads the page; `//host/x.png` and `/\\host/x.png` count as other hosts;
 * - images without alt text count as decorative (`alt=""`);
 * - `h1` becomes `h2`: the page title is the page's only h1;
 * - headings get ids with the content prefix, so a heading "Name" or "Inhalt" can never
 *   take over the id of a form field or the skip-link target; an id that occurs twice in
 *   the text keeps only its first occurrence.
 */
export function rehypeUntrustedContent() {
  return (tree: Root) => {
    const slugger = new GithubSlugger();
    const seen = new Set<string>();
    const unique = (id: string) => {
      let candidate = id;
      for (let n = 1; seen.has(candidate); n++) candidate = `${id}-${n}`;
      seen.add(candidate);
      return candidate;
    };
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'img') {
        const src = node.properties?.src;
        if ((typeof src !== 'string' || !isSameOriginUrl(src)) && parent && typeof index === 'number') {
          const alt = typeof node.properties?.alt === 'string' ? node.properties.alt : '';
          parent.children.splice(index, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
          return index;
        }
        // An image without alt text is read out by its file name; treat it as decorative.
        if (typeof node.properties?.alt !== 'string') node.properties = { ...node.properties, alt: '' };
      }
      const own = node.properties?.id;
      if (/^h[1-6]$/.test(node.tagName)) {
        if (node.tagName === 'h1') node.tagName = 'h2';
        const id = typeof own === 'string' && own.startsWith(CONTENT_ID_PREFIX) ? own : `${CONTENT_ID_PREFIX}${slugger.slug(headingText(node))}`;
        node.properties = { ...node.properties, id: unique(id) };
      } else if (typeof own === 'string') {
        if (seen.has(own)) delete node.properties.id;
        else seen.add(own);
      }
      return undefined;
    });
  };
}

/** Whether the tree holds HTML written into the Markdown (raw nodes, comments included). */
const hasRawHtml = (tree: Root) => {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return false;
  });
  return found;
};

/**
 * rehype-raw, skipped for a text without inline HTML. It re-parses the whole tree with
 * parse5 even when there is nothing to parse, and most partner texts are plain Markdown
 * (issue 17; about 0.1 s of a build with 2,000 offers, in a one-off profile). A tree without raw nodes comes
 * out of parse5 as it went in (tests/security/markdown-raw-shortcut.test.ts checks the
 * HTML of every content text and the sanitizer's hostile samples both ways).
 */
function rehypeRawWhereNeeded(this: unknown) {
  const parseRaw = rehypeRaw.call(this as never);
  return (tree: Root, file: unknown) => (hasRawHtml(tree) ? parseRaw(tree, file as never) : tree);
}

/**
 * The rehype plugins every Markdown text from content/ goes through (src/lib/markdown-pipeline.ts:
 * pages, translated bodies, newsletter mails), so a mail never shows HTML the web page
 * would have removed.
 * Links to other sites open without handing over `window.opener`.
 */
export const rehypePlugins: RehypePlugins = [
  rehypeRawWhereNeeded,
  [rehypeSanitize, markdownSanitizeSchema],
  rehypeUntrustedContent,
  [rehypeExternalLinks, { rel: ['noopener', 'noreferrer'], target: false }],
];
