/**
 * The CSP scan of built HTML (src/lib/inline-assets.ts) walks parse5's tree directly for
 * speed (issue 17). This compares it with the straightforward hast version it replaced,
 * on every page of the built site and on hostile snippets: same hashes, same findings.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { cspHash, htmlFiles, isExecutableScript, scanHtml, type InlineAssets } from '../../src/lib/inline-assets.ts';

const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster'];
const textOf = (node: Element) => node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');

/** The scan as it was before issue 17: hast tree, properties by their hast names. */
function referenceScan(html: string): InlineAssets & { forbiddenCount: number } {
  const into: InlineAssets = { scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] };
  visit(fromHtml(html), 'element', (node) => {
    if (isExecutableScript(node)) into.scripts.add(cspHash(textOf(node)));
    if (node.tagName === 'style') into.styles.add(cspHash(textOf(node)));
    for (const [name, value] of Object.entries(node.properties ?? {})) {
      if (/^on/i.test(name)) into.forbidden.push(name);
      if (name === 'style' && typeof value === 'string') into.styleAttributes.add(cspHash(value));
      if (URL_PROPERTIES.includes(name) && typeof value === 'string' && /^\s*(javascript|vbscript):/i.test(value)) into.forbidden.push(name);
    }
  });
  return { ...into, forbiddenCount: into.forbidden.length };
}

function fastScan(html: string) {
  const into: InlineAssets = { scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] };
  scanHtml(html, 'x.html', into);
  return { ...into, forbiddenCount: into.forbidden.length };
}

const comparable = (a: ReturnType<typeof fastScan>) => ({
  scripts: [...a.scripts].sort(),
  styles: [...a.styles].sort(),
  styleAttributes: [...a.styleAttributes].sort(),
  forbiddenCount: a.forbiddenCount,
});

const HOSTILE = [
  '<button onclick="x()">a</button><a href=" javascript:x()">b</a><p style="color:red">c</p>',
  '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a><script>svg()</script></svg>',
  '<form><button formaction="JavaScript:x()">b</button></form><object data="vbscript:x"></object><video poster="javascript:y"></video>',
  '<template><script>inTemplate()</script><b onclick="t()">t</b></template><noscript><img src=x onerror="n()"><style>p{}</style></noscript>',
  '<script type=" Application/LD+JSON ">{}</script><script type="importmap">{}</script><script src="">empty src</script><script>a<!--b-->c</script>',
  '<div title="a>b" onmouseover="m()" ONFOCUS="f()">x</div><math><mi style="x:y">1</mi></math><iframe srcdoc="<script>inner()</script>"></iframe>',
  '<table><tr><td><script>inTable()</script></td></tr><script>afterRow()</script></table><select><option style="a:b">o</option></select>',
];

describe('CSP scan of built HTML', () => {
  it('finds the same as the hast scan on hostile snippets', () => {
    for (const html of HOSTILE) expect(comparable(fastScan(html)), html).toEqual(comparable(referenceScan(html)));
  });

  it('finds the same as the hast scan on built pages of every kind', () => {
    const files = htmlFiles('dist');
    expect(files.length).toBeGreaterThan(100);
    // An even spread over the sorted list reaches every page type and language; all
    // pages would add seconds to every test run for little more.
    const step = Math.max(1, Math.floor(files.length / 150));
    for (const file of files.filter((_, i) => i % step === 0)) {
      const html = readFileSync(file, 'utf8');
      expect(comparable(fastScan(html)), relative('dist', file)).toEqual(comparable(referenceScan(html)));
    }
  });
});
