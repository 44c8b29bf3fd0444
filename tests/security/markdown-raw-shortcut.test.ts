/**
 * rehype-raw is skipped for Markdown without inline HTML (src/lib/markdown-sanitize.ts,
 * issue 17). That shortcut must not change a single byte: every body under content/, a
 * corpus of plain-Markdown constructs and the hostile payloads render to the same HTML
 * with the shortcut as with rehype-raw always running.
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { rehypePlugins } from '../../src/lib/markdown-sanitize.ts';
import { PAYLOADS } from './hostile-payloads.ts';

const PLAIN_MARKDOWN = [
  '# Überschrift\n\n## Zweite *Ebene* mit `Code`\n\nText mit **fett**, _kursiv_, ~~durch~~ und "Anführungszeichen" -- Gedankenstrich...',
  '| Tag | Zeit |\n|:---|---:|\n| Mo | 9–12 Uhr |\n| Di | |\n\nDanach Text.',
  '- eins\n  - zwei\n    1. drei\n    2. vier\n- [ ] offen\n- [x] erledigt\n\n> Zitat\n> > verschachtelt\n\n---\n\n```\n<script>alert(1)</script> bleibt Code\n```',
  'Ein [Link](https://example.org/pfad?a=1&b=2 "Titel") und <https://example.org>, ein ![Bild](/uploads/bild.png "Bild") und [Verweis][ref].\n\n[ref]: https://example.org/ref',
  'Zeile mit zwei Leerzeichen  \nund Backslash\\\nUmbruch. Entitäten: &amp; &copy; &#228; &lt;kein Tag&gt; 5 < 6 > 4 & fertig.',
  'Fußnote[^1] im Text.\n\n[^1]: Die Fußnote mit *Betonung*.',
  '    eingerückter Code mit <b>\n\nText `<i>im Code</i>` und \\<kein\\> Tag.',
  'Doppelte Überschrift\n====\n\nDoppelte Überschrift\n----\n\n# Doppelte Überschrift\n\nwww.example.org und info@example.org',
  '1) Punkt\n2) Punkt\n\n* a\n\n  Absatz im Punkt\n\n* b\n\n| a |\n|---|\n| `|` |',
];

async function render(plugins: typeof rehypePlugins, markdown: string): Promise<string> {
  const processor = await createMarkdownProcessor({ syntaxHighlight: false, rehypePlugins: plugins });
  return (await processor.render(markdown)).code;
}

describe('Markdown without inline HTML skips rehype-raw', () => {
  const alwaysRaw = [rehypeRaw, ...rehypePlugins.slice(1)];
  const { content } = loadContent();
  const bodies = [
    ...(['networks', 'organisations', 'offers', 'meetings', 'news', 'pages'] as const).flatMap((name) => content[name].map((entry) => [entry.file, entry.body] as const)),
    ...PLAIN_MARKDOWN.map((text, index) => [`plain ${index + 1}`, text] as const),
    ...PAYLOADS.map(([name, payload]) => [`hostile: ${name}`, `Text davor.\n\n${payload}\n\nText danach.`] as const),
  ];

  it(`renders ${bodies.length} texts exactly as rehype-raw always running does`, async () => {
    expect(bodies.length).toBeGreaterThan(50);
    for (const [name, body] of bodies) {
      expect(await render(rehypePlugins, body), name).toBe(await render(alwaysRaw, body));
    }
  });

  it('still parses inline HTML where there is some', async () => {
    const html = await render(rehypePlugins, 'Drücken Sie <kbd>Strg</kbd>.\n\n<script>alert(1)</script>\n\n<details><summary>Mehr</summary>Inhalt</details>');
    expect(html).toContain('<kbd>Strg</kbd>');
    expect(html).toContain('<details><summary>Mehr</summary>Inhalt</details>');
    expect(html).not.toContain('script');
  });
});
