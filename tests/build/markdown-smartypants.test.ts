/**
 * SmartyPants is skipped for a text it could not change (src/lib/markdown-smartypants.ts,
 * issue 17). The shortcut must not change a single byte: every body under content/, every
 * translated body and a corpus of typographic cases render to the same HTML with the
 * site's pipeline as with Astro's own SmartyPants running on every text.
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { MARKDOWN_PIPELINE } from '../../src/lib/markdown-pipeline.ts';
import { needsSmartypants } from '../../src/lib/markdown-smartypants.ts';

const TYPOGRAPHY = [
  'Sie sagte "Hallo" und ging.',
  "Das geht's, sagt 'man' -- oder nicht --- und dann... Ende. . . Punkt.",
  "Zitat ``so'' und `Code mit \"Anführung\"` daneben.",
  '"*Betont* am Anfang" und [„Link"](https://example.org/"x") im Satz.',
  "# Überschrift mit \"Zitat\"\n\n| Spalte \"a\" | b -- c |\n|---|---|\n| 1... | '2' |",
  "Die '80er, \"'Doppelt' gequotet\" und 5' 10\".",
  'Nur Text ohne solche Zeichen. Zwei Punkte.. und ein Bindestrich - hier.',
  'Code `--` und `...` und ```\n"Block"\n``` sind Code.',
  'Punkte\n.\n.\n. über Zeilen.',
];

async function renderAll(options: Parameters<typeof createMarkdownProcessor>[0], texts: string[]): Promise<string[]> {
  const processor = await createMarkdownProcessor({ syntaxHighlight: false, ...options });
  const html: string[] = [];
  for (const text of texts) html.push((await processor.render(text)).code);
  return html;
}

describe('SmartyPants where it has something to do', () => {
  const { content } = loadContent();
  const texts: [string, string][] = [];
  for (const name of ['networks', 'organisations', 'offers', 'meetings', 'news', 'pages'] as const) {
    for (const entry of content[name]) {
      texts.push([entry.file, entry.body]);
      const translations = (entry.data as { translations?: Record<string, { body?: string } | undefined> }).translations ?? {};
      for (const [lang, translation] of Object.entries(translations)) if (translation?.body) texts.push([`${entry.file} (${lang})`, translation.body]);
    }
  }
  TYPOGRAPHY.forEach((text, index) => texts.push([`typography ${index + 1}`, text]));

  it(`renders ${texts.length} texts exactly as Astro's SmartyPants on every text does`, async () => {
    expect(texts.filter(([name]) => name.includes('('))).not.toHaveLength(0);
    const reference = await renderAll({ rehypePlugins: MARKDOWN_PIPELINE.rehypePlugins }, texts.map(([, text]) => text));
    const site = await renderAll(MARKDOWN_PIPELINE, texts.map(([, text]) => text));
    texts.forEach(([name], index) => expect(site[index], name).toBe(reference[index]));
  });

  it('still sets typographic quotes, dashes and ellipses', async () => {
    const [html] = await renderAll(MARKDOWN_PIPELINE, ['Sie sagte "Hallo" -- und dann...']);
    expect(html).toBe('<p>Sie sagte “Hallo” — und dann…</p>');
  });

  it('runs for exactly the trees with something to rewrite in their text', () => {
    const tree = (text: string, code = ''): Root => ({
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', value: text }, { type: 'inlineCode', value: code }] }],
    });
    expect(needsSmartypants(tree('Ein Satz. Noch einer - mit Bindestrich.. Ende'))).toBe(false);
    expect(needsSmartypants(tree('Code daneben', '"zitiert" -- ...'))).toBe(false);
    for (const text of ['"a"', "geht's", '``a', 'a -- b', 'a...', 'a . . b', 'a .\n. b']) expect(needsSmartypants(tree(text)), text).toBe(true);
  });
});
