/**
 * SmartyPants (typographic quotes, dashes and ellipses), run only on a text in which it
 * could change something.
 *
 * remark-smartypants, which Astro runs on every Markdown text, hands the whole text to
 * retext twice and then every text node once more, parsing each into a natural-language
 * tree: about a fifth of the Markdown rendering in a build with 2,000 offers (issue 17,
 * one-off CPU profile), although most partner texts hold none of the characters it
 * rewrites. Here it runs unchanged where a text node holds one of them and is skipped
 * where none does, so the HTML is the same byte for byte
 * (tests/build/markdown-smartypants.test.ts renders every text under content/, its
 * translations and a corpus both ways).
 */
import type { Root } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import { visit } from 'unist-util-visit';

/**
 * What retext-smartypants rewrites with the options Astro passes (none): straight quotes
 * `"` and `'` (also `''`), backticks (` `` `), dashes (`--`, `---`), ellipses (`...` and
 * dots with white space between, `. . .`). A rewrite needs one of these inside a text
 * node: the quote pass reads inline code as letters, every other pass one node at a time.
 */
const SMARTYPANTS_INPUT = /["'`]|--|\.\.\.|\.\s+\./;

/** Whether SmartyPants could change any text node of the tree. */
export function needsSmartypants(tree: Root): boolean {
  let found = false;
  visit(tree, 'text', (node) => {
    if (!SMARTYPANTS_INPUT.test(node.value)) return undefined;
    found = true;
    return false;
  });
  return found;
}

/** remark-smartypants with Astro's settings, for the trees it could change. Use with `smartypants: false`. */
export function remarkSmartypantsWhereNeeded(this: unknown) {
  // Its transformer changes the tree in place and returns nothing (remark-smartypants 3).
  const smartypants = (remarkSmartypants as unknown as (this: unknown, options: object) => (tree: Root) => void).call(this, {});
  return (tree: Root) => {
    if (needsSmartypants(tree)) smartypants(tree);
  };
}
