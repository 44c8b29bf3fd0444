/**
 * The CSP scan of built HTML (src/lib/inline-assets.ts) follows parse5's tokenizer and
 * falls back to parse5's tree where the tree builder would do more than insert and close
 * elements (issue 17). This compares it with the straightforward hast version it replaced,
 * on every kind of built page, on hostile snippets and on seeded random tag soup: same
 * hashes, same findings. It also checks which path each snippet takes, so the token scan
 * is shown to handle the tokenizer-state decisions itself, not only through the fallback.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { cspHash, htmlFiles, isExecutableScript, scanHtml, scanPath, scanTokens, type InlineAssets } from '../../src/lib/inline-assets.ts';
import { decodeReferences } from '../../src/lib/plain-html-tokenizer.ts';
import { seededRandom } from '../../scripts/lib/seeded-random.ts';

const URL_PROPERTIES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster'];
const textOf = (node: Element) => node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
const emptyAssets = (): InlineAssets => ({ scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] });

/** The scan as it was before issue 17: hast tree, properties by their hast names. */
function referenceScan(html: string): InlineAssets & { forbiddenCount: number } {
  const into = emptyAssets();
  visit(fromHtml(html), 'element', (node) => {
    if (isExecutableScript(node)) into.scripts.add(cspHash(textOf(node)));
    if (node.tagName === 'style') into.styles.add(cspHash(textOf(node)));
    for (const [name, value] of Object.entries(node.properties ?? {})) {
      if (/^on/i.test(name)) into.forbidden.push(name);
      if (name === 'style' && typeof value === 'string') into.styleAttributes.add(cspHash(value));
      if (URL_PROPERTIES.includes(name) && typeof value === 'string' && /^(javascript|vbscript):/i.test(value.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, ''))) into.forbidden.push(name);
    }
  });
  return { ...into, forbiddenCount: into.forbidden.length };
}

function fastScan(html: string) {
  const into = emptyAssets();
  scanHtml(html, 'x.html', into);
  return { ...into, forbiddenCount: into.forbidden.length };
}

const comparable = (a: ReturnType<typeof fastScan>) => ({
  scripts: [...a.scripts].sort(),
  styles: [...a.styles].sort(),
  styleAttributes: [...a.styleAttributes].sort(),
  forbiddenCount: a.forbiddenCount,
});

type ScanPathName = ReturnType<typeof scanPath>;

/** Whether the token scan takes the page (true) or leaves it to the tree (false). */
const tokenPath = (html: string) => scanTokens(html, 'x.html', emptyAssets());

const HOSTILE = [
  '<button onclick="x()">a</button><a href=" javascript:x()">b</a><p style="color:red">c</p>',
  '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a><script>svg()</script></svg>',
  '<form><button formaction="JavaScript:x()">b</button></form><object data="vbscript:x"></object><video poster="javascript:y"></video>',
  '<template><script>inTemplate()</script><b onclick="t()">t</b></template><noscript><img src=x onerror="n()"><style>p{}</style></noscript>',
  '<script type=" Application/LD+JSON ">{}</script><script type="importmap">{}</script><script src="">empty src</script><script>a<!--b-->c</script>',
  '<div title="a>b" onmouseover="m()" ONFOCUS="f()">x</div><math><mi style="x:y">1</mi></math><iframe srcdoc="<script>inner()</script>"></iframe>',
  '<table><tr><td><script>inTable()</script></td></tr><script>afterRow()</script></table><select><option style="a:b">o</option></select>',
];

/** A page around `body`, the way the site's pages start. */
const page = (body: string, head = '') => `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Seite</title>${head}</head><body>${body}</body></html>`;

/**
 * Snippets whose findings depend on the tokenizer state or on what the tree builder does
 * with a tag, each with the path it must take: `tokens` where the token scan follows the
 * tree builder itself, `tree` where it must give up (the tree builder drops, merges,
 * clones or moves something there).
 */
const STATE_SNIPPETS: { html: string; path: 'tokens' | 'tree' }[] = [
  // Text-only elements whose content looks like tags, handlers and URLs.
  { path: 'tokens', html: page(`<script>document.write('<b onclick="x()">'); var u = "javascript:y";</script><p onclick="counted()">p</p>`) },
  { path: 'tokens', html: page('<style>p::after { content: "<b onclick=x>" } a[href^="javascript:"] {}</style>') },
  { path: 'tokens', html: page('<textarea><b onclick="x()">not a tag</b></textarea><title><img src=x onerror="y()"></title>') },
  { path: 'tokens', html: page('<xmp><a href="javascript:x()">x</a></xmp><iframe><img onerror="y()"></iframe><noembed><b onclick=z></noembed><noframes><i onclick=w></noframes>') },
  { path: 'tokens', html: page('<p style="a:b">before</p><plaintext><b onclick="x()"></b></plaintext><i onclick="y()">') },
  // Where a script ends: escaped and double-escaped script data.
  { path: 'tokens', html: page('<script>if (a<!--b) x("</scr" + "ipt>");</script><b onclick="after()">b</b>') },
  { path: 'tokens', html: page('<script><!--<script></script><b onclick="x()"></b>--></script><i onclick="after()">i</i>') },
  { path: 'tokens', html: page('<script><!-- </script><b onclick="after()">b</b>') },
  { path: 'tokens', html: page('<script>"<\\/script>"; s = "</SCRIPT >"; <b onclick=x>') },
  // CDATA only in foreign content: a bogus comment in HTML ends at the first ">".
  { path: 'tokens', html: page('<svg><![CDATA[ a > <b onclick="x()"> ]]></svg>') },
  { path: 'tokens', html: page('<p><![CDATA[ a > <b onclick="x()"> ]]></b></p>') },
  { path: 'tokens', html: page('<svg><script><![CDATA[ if (a < b) svg(); ]]></script><style><![CDATA[ circle { } ]]></style></svg>') },
  // Foreign content: what stays in it, and leaving it.
  { path: 'tokens', html: page('<svg><g><circle onclick="x()" style="fill:red"/></g><a href="javascript:y()"><text>t</text></a></svg><p onclick="z()">p</p>') },
  { path: 'tokens', html: page('<math><mi>x</mi><mo onclick="x()">+</mo><mtext>y</mtext></math><svg><svg><math><mi>z</mi></math></svg></svg><i onclick=w>') },
  { path: 'tokens', html: page('<svg><script>a<g>b</g>c<!--d-->e</script><script/><style/></svg>') },
  { path: 'tokens', html: page('<svg><font onclick="x()">no color, stays SVG</font><title>Icon</title><desc>d</desc></svg>') },
  { path: 'tokens', html: page('<svg><template><script>svgTemplate()</script></template></svg>') },
  { path: 'tree', html: page('<svg><foreignObject><div onclick="x()"><script>fo()</script></div></foreignObject></svg>') },
  { path: 'tree', html: page('<svg><p onclick="x()">p leaves SVG</p><script>html()</script></svg>') },
  { path: 'tree', html: page('<svg><font color="red" onclick="x()">leaves SVG</font></svg>') },
  { path: 'tree', html: page('<math><annotation-xml encoding="text/html"><div onclick="x()"></div></annotation-xml></math>') },
  { path: 'tree', html: page('<svg><desc><![CDATA[ a > <b onclick="x()"> ]]></desc></svg>') },
  { path: 'tree', html: page('<svg><g><path></svg><p onclick="x()">') },
  { path: 'tree', html: page('<svg><g></svg><script>a<g onclick="x()"></g>c</script>') },
  // <template> content is a separate fragment: skipped, also nested.
  { path: 'tokens', html: page('<template><script>t()</script><b onclick="t()"></b><template><i style="a:b" onclick="u()"></i></template></template><p onclick="v()">') },
  { path: 'tokens', html: page('<b onclick="x()"></b>', '<template><div onclick="y()"><script>headTemplate()</script></div></template>') },
  { path: 'tree', html: page('<template><tr><td onclick="x()"></td></tr></template>') },
  // Unclosed at the end of the file.
  { path: 'tokens', html: '<!DOCTYPE html><html><body><div onclick="x()"><script>unclosed()' },
  { path: 'tokens', html: '<!DOCTYPE html><html><body><svg><script>svgUnclosed()' },
  { path: 'tokens', html: '<!DOCTYPE html><html><body><template><b onclick="x()">' },
  { path: 'tokens', html: '<!DOCTYPE html><html><body><style>p{}' },
  { path: 'tokens', html: '<!DOCTYPE html><html><body><p onclick="x()">a</p><b onclick="y()' },
  // <noscript> with scripting disabled: markup, in body and in head.
  { path: 'tokens', html: page('<noscript><img src=x onerror="n()"><style>p{}</style></noscript>') },
  { path: 'tokens', html: page('', '<noscript><link rel="stylesheet" href="x.css"><style>p{color:red}</style></noscript>') },
  { path: 'tokens', html: '<!DOCTYPE html><html><head></head><noscript><b onclick="x()"></b></noscript></html>' },
  { path: 'tree', html: '<!DOCTYPE html><html><head><noscript><img onerror="x()"></noscript></head><body></body></html>' },
  { path: 'tree', html: '<!DOCTYPE html><html><head><noscript><noscript onclick="x()"></noscript></noscript></head></html>' },
  // Duplicate attributes (the first counts), merged ones (the tree builder's business).
  { path: 'tokens', html: page('<p onclick="a()" onclick="b()" style="a:1" style="b:2" STYLE="c:3">p</p><script type="application/json" type="text/javascript">{}</script>') },
  { path: 'tree', html: '<!DOCTYPE html><html><body onload="a()"><body onload="b()" onfocus="c()" style="d:e"></body></html>' },
  { path: 'tree', html: '<!DOCTYPE html><html><body><html onclick="x()" style="a:b"></body></html>' },
  // Upper case everywhere.
  { path: 'tokens', html: page('<SCRIPT TYPE="APPLICATION/LD+JSON">{}</SCRIPT><DIV ONCLICK="x()" STYLE="a:b">d</DIV><SVG><SCRIPT>S()</SCRIPT></SVG><A HREF="JAVASCRIPT:y()">a</A>') },
  // Character references in attribute values.
  { path: 'tokens', html: page('<a href="&#106;avascript:x()">a</a><a href="&#x6A;avascript:y()">b</a><img src="vbscript&colon;z"><a href="&NewLine;javascript:w()">c</a><p style="content:&quot;&eacute;&quot;">p</p>') },
  // What the URL parser drops before the scheme: tabs and newlines anywhere, leading controls and spaces.
  { path: 'tokens', html: page('<a href="java&#9;script:x()">a</a><a href="jav&#x0A;ascript:y()">b</a><a href="&#1; javascript:z()">c</a><a href="&nbsp;javascript:relative()">d</a>') },
  // Structure: what the site builds, and what only the tree builder gets right.
  { path: 'tokens', html: page('<table><caption style="a:b">c</caption><colgroup><col style="c:d"></colgroup><thead><tr><th onclick="x()">h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>') },
  { path: 'tokens', html: page('<ul><li><a href="/">a</a><ul><li onclick="x()">b</li></ul></li></ul><dl><dt>t</dt><dd onclick="y()">d</dd></dl>') },
  { path: 'tokens', html: page('<select><option style="a:b">o</option><optgroup><option>p</option></optgroup><hr><script>inSelect()</script></select>') },
  { path: 'tokens', html: '<!DOCTYPE html><html><head><title>t</title></head><script>betweenHeadAndBody()</script><body><p>a</p></body></html><script>afterHtml()</script><p onclick="x()">' },
  { path: 'tree', html: page('<p><div onclick="x()">closes the p</div></p>') },
  { path: 'tree', html: page('<b onclick="x()"><p>a</b>b</p>') },
  { path: 'tree', html: page('<p><b onclick="x()">a</p>b') },
  { path: 'tree', html: page('<a onclick="x()"><a onclick="y()">nested</a></a>') },
  { path: 'tree', html: page('<form onsubmit="a()"><form onsubmit="b()"></form></form>') },
  { path: 'tree', html: page('<table><div onclick="x()">fostered</div><tr><td>t</td></tr></table>') },
  { path: 'tree', html: page('<table><tr><td onclick="x()">implied tbody</td></tr></table>') },
  { path: 'tree', html: page('<select><b onclick="x()">dropped</b><style>p{}</style></select>') },
  { path: 'tree', html: page('<td onclick="x()">dropped outside a table</td><tr style="a:b"></tr>') },
  { path: 'tree', html: page('<li>a<div><li onclick="x()">b</li></div></li>') },
  { path: 'tree', html: page('<h1>a<h2 onclick="x()">b</h2></h1><button><button onclick="y()">') },
  { path: 'tree', html: page('<ruby>a<rb>b<rt onclick="x()">c</rt></ruby><option>a<option onclick="y()">b') },
  { path: 'tree', html: page('<table><colgroup>text<col style="a:b"></colgroup></table>') },
  { path: 'tree', html: page('<image src="javascript:x()"><p>a</p></p>') },
  { path: 'tree', html: '<!DOCTYPE html><html><head></head><frameset onload="x()"><frame src="javascript:y()"></frameset></html>' },
  { path: 'tree', html: page('<svg><script>a\u0000b</script></svg>') },
];

describe('CSP scan of built HTML', () => {
  it('finds the same as the hast scan on hostile snippets', () => {
    for (const html of HOSTILE) expect(comparable(fastScan(html)), html).toEqual(comparable(referenceScan(html)));
  });

  it('follows the tokenizer states and tree-builder decisions like the hast scan, giving up where it must', () => {
    for (const { html, path } of STATE_SNIPPETS) {
      expect(comparable(fastScan(html)), html).toEqual(comparable(referenceScan(html)));
      expect(tokenPath(html) ? 'tokens' : 'tree', html).toBe(path);
    }
  });

  it('flags script URLs the way the URL parser reads them', () => {
    const forbidden = (html: string) => fastScan(page(html)).forbidden.length;
    expect(forbidden('<a href="java&#9;script:x()">a</a>')).toBe(1);
    expect(forbidden('<a href="jav&#x0A;asc&#13;ript:x()">a</a>')).toBe(1);
    expect(forbidden('<img src="&#1;&#32;vbscript:x">')).toBe(1);
    expect(forbidden('<a href="&nbsp;javascript:x()">a</a>')).toBe(0);
    expect(forbidden('<a href="/javascript:x()">a</a>')).toBe(0);
  });

  it('finds the same as the hast scan on seeded random tag soup, on both paths', () => {
    const random = seededRandom(17);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const tags = [
      'p', 'div', 'b', 'i', 'a', 'li', 'ul', 'dd', 'table', 'tbody', 'tr', 'td', 'caption', 'colgroup', 'col', 'select', 'option',
      'optgroup', 'svg', 'math', 'mi', 'foreignObject', 'desc', 'g', 'annotation-xml', 'script', 'style', 'textarea', 'title', 'template',
      'noscript', 'form', 'button', 'h1', 'h2', 'plaintext', 'xmp', 'iframe', 'body', 'html', 'head', 'font', 'br', 'hr', 'img', 'image',
      'ruby', 'rt', 'pre', 'span', 'frameset', 'x-custom',
    ];
    const attributes = [
      'onclick="x()"', 'style="a:b"', 'style="c:d"', 'href="javascript:y()"', 'src="&#106;avascript:z()"', 'type="application/ld+json"',
      'src="s.js"', 'encoding="text/html"', 'color="red"', 'xlink:href="javascript:w()"', 'ONLOAD=v()', '',
    ];
    const texts = ['t', ' ', '\n', '<!--c-->', '<![CDATA[ a > <b onclick="q()"> ]]>', '</script>', '<!--<script>', '-->', '&amp;', 'a<b', '\u0000'];
    const attributeList = () => `${random() < 0.6 ? ` ${pick(attributes)}` : ''}${random() < 0.3 ? ` ${pick(attributes)}` : ''}`;
    /** Tags in any order: mostly what the tree builder repairs. */
    const soup = () => {
      const parts: string[] = [];
      const length = 3 + Math.floor(random() * 25);
      for (let i = 0; i < length; i++) {
        const r = random();
        if (r < 0.45) parts.push(`<${pick(tags)}${attributeList()}${random() < 0.1 ? '/' : ''}>`);
        else if (r < 0.75) parts.push(`</${pick(tags)}>`);
        else parts.push(pick(texts));
      }
      return parts.join('');
    };
    /** Nested elements, each closed by its own end tag (now and then not): more of them for the token scan. */
    const nested = (depth: number): string => {
      if (random() < 0.3) return pick(texts);
      const tag = pick(tags);
      const children = depth < 4 ? Array.from({ length: Math.floor(random() * 4) }, () => nested(depth + 1)).join('') : '';
      return `<${tag}${attributeList()}>${children}${random() < 0.9 ? `</${tag}>` : ''}`;
    };
    let viaTokens = 0;
    let viaPlain = 0;
    const runs = 2000;
    for (let n = 0; n < runs; n++) {
      const body = n % 2 === 0 ? soup() : Array.from({ length: 1 + Math.floor(random() * 4) }, () => nested(0)).join('');
      const html = random() < 0.5 ? page(body) : body;
      expect(comparable(fastScan(html)), html).toEqual(comparable(referenceScan(html)));
      if (tokenPath(html)) viaTokens++;
      if (scanPath(html) === 'plain') viaPlain++;
    }
    // Both paths must be exercised for the comparison to say something about the token scan.
    console.log(`random tag soup: ${viaTokens} of ${runs} on the token path, ${viaPlain} of them read by the plain tokenizer`);
    expect(viaTokens).toBeGreaterThan(runs / 10);
    expect(viaTokens).toBeLessThan(runs);
    expect(viaPlain).toBeGreaterThan(runs / 20);
    expect(viaPlain).toBeLessThan(viaTokens);
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

  it('takes every built page on the token path with the plain tokenizer (parse5 and the tree are the slow fallbacks)', () => {
    // A page listed here still gets the right findings, only slower: look at what the tree
    // builder does with its markup (an unclosed or misnested element, a stray table part),
    // or at the markup src/lib/plain-html-tokenizer.ts leaves to parse5.
    const slow = htmlFiles('dist')
      .filter((file) => !file.startsWith('dist/admin/index.html'))
      .map((file) => ({ file, path: scanPath(readFileSync(file, 'utf8')) }))
      .filter(({ path }) => path !== 'plain');
    expect(slow).toEqual([]);
  });

  it('reads what the plain tokenizer follows as parse5 does, and leaves the rest to parse5', () => {
    // The same findings as the tree on both tokenizers, and which one read the page.
    const cases: [string, ScanPathName][] = [
      [page('<p title="a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; &nbsp;">x &amp; y</p><script>a("</p>")</script>'), 'plain'],
      [page('<a href="java&#x73;cript:x()">a</a><a href="&#106;avascript:y()">b</a><div style="a:&#98;">c</div>'), 'plain'],
      [page('<!-- a <b onclick="x()"> --><!----><p>t</p><!-- <!--> -->'), 'plain'],
      [page('<SCRIPT>upper()</SCRIPT><Style>p{}</STYLE><title>a &amp; </title><textarea></b></textarea>'), 'plain'],
      [page('<div class="a" class="b" onclick="x()" ONCLICK="y()">dup</div><br/><svg><script>s &amp; t</script></svg>'), 'plain'],
      [page('<p>a &copy b</p>'), 'parse5'],
      [page('<p title=unquoted>x</p>'), 'parse5'],
      [page('<p title="a"style="b">x</p>'), 'parse5'],
      [page('<p>a < b</p>'), 'parse5'],
      [page('<script>a<!--b</script><p>c</p>'), 'parse5'],
      [page('<script>x</script >'), 'parse5'],
      [page('<!--> <p onclick="x()">'), 'parse5'],
      [page('<!-- a --!> <p onclick="x()">b</p> -->'), 'parse5'],
      [page('<svg><![CDATA[ <p onclick="x()"> ]]></svg>'), 'parse5'],
      [page('<p>a\r\nb</p><script>x\r\ny</script>'), 'parse5'],
      [page('<p title="&#128;">x</p>'), 'parse5'],
      [page('<p>a</p x>'), 'parse5'],
    ];
    for (const [html, path] of cases) {
      expect(comparable(fastScan(html)), html).toEqual(comparable(referenceScan(html)));
      expect(scanPath(html), html).toBe(path);
    }
  });

  it('decodes the character references parse5 decodes alike, and no others', () => {
    expect(decodeReferences('a &amp; b &lt; &gt; &quot; &apos; &nbsp; &#65;&#x42;&#X43; & c &= d')).toBe('a & b < > " \' \u00a0 ABC & c &= d');
    expect(decodeReferences('&copy;')).toBeUndefined();
    expect(decodeReferences('&amp')).toBeUndefined();
    expect(decodeReferences('&#0;')).toBeUndefined();
    expect(decodeReferences('&#x80;')).toBeUndefined();
    expect(decodeReferences('no references')).toBe('no references');
  });
});
