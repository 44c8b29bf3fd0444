/**
 * The pieces behind dist/_headers: Netlify's file format and matching, the policies, and
 * the rule layout that keeps two CSPs from ever landing on one path.
 */
import { describe, expect, it } from 'vitest';
import { headersFor, parseHeadersFile, patternToRegExp, renderHeadersFile, type HeaderRule } from '../../src/lib/headers-file.ts';
import { adminPolicy, headerRules, sitePolicy, tileOrigin } from '../../src/lib/security-policy.ts';
import { cspHash, isExecutableScript, scanHtml, type InlineAssets } from '../../src/lib/inline-assets.ts';
import { isSameOriginUrl } from '../../src/lib/markdown-sanitize.ts';
import { classify, splitLanguage } from '../helpers/page-types.ts';

describe('_headers format', () => {
  it('round-trips rules and joins repeated names like Netlify', () => {
    const rules: HeaderRule[] = [
      { path: '/*', headers: { 'X-Content-Type-Options': 'nosniff' } },
      { path: '/a/*', headers: { 'Content-Security-Policy': "default-src 'self'" } },
    ];
    expect(parseHeadersFile(renderHeadersFile(rules, 'comment'))).toEqual(rules);
    expect(parseHeadersFile('/x\n  A: 1\n  A: 2\n')).toEqual([{ path: '/x', headers: { A: '1, 2' } }]);
    expect(() => parseHeadersFile('/x\n  no colon\n')).toThrow(/Name: value/);
  });

  it('matches like Netlify: * spans folders, :name one segment, / only the root', () => {
    expect(patternToRegExp('/*').test('/a/b/c.html')).toBe(true);
    expect(patternToRegExp('/angebote/*').test('/angebote/')).toBe(true);
    expect(patternToRegExp('/angebote/*').test('/angebotex/')).toBe(false);
    expect(patternToRegExp('/').test('/')).toBe(true);
    expect(patternToRegExp('/').test('/a/')).toBe(false);
    expect(patternToRegExp('/n/:slug/feed.xml').test('/n/x/feed.xml')).toBe(true);
    expect(patternToRegExp('/n/:slug/feed.xml').test('/n/x/y/feed.xml')).toBe(false);
  });

  it('refuses a header that two matching rules would both send', () => {
    const rules: HeaderRule[] = [
      { path: '/*', headers: { 'Content-Security-Policy': 'a' } },
      { path: '/admin/*', headers: { 'content-security-policy': 'b' } },
    ];
    expect(() => headersFor(rules, '/admin/')).toThrow(/both/);
  });
});

describe('policies', () => {
  it('takes the tile host from the template, with a wildcard for {s}', () => {
    expect(tileOrigin('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileOrigin('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(() => tileOrigin('http://tiles/{z}/{x}/{y}.png')).toThrow();
  });

  it('the site policy allows nothing inline but hashed scripts and styles', () => {
    const csp = sitePolicy({ scriptHashes: ["'sha256-b'", "'sha256-a'"], styleHashes: [], styleAttributeHashes: [], imageOrigins: ['https://tiles.example'] });
    expect(csp).toContain("script-src 'self' 'sha256-a' 'sha256-b'");
    expect(csp).toContain("style-src-attr 'none'");
    expect(csp).not.toMatch(/unsafe/);
    expect(csp).toContain("img-src 'self' data: https://tiles.example");
    expect(sitePolicy({ scriptHashes: [], styleHashes: [], styleAttributeHashes: ["'sha256-x'"], imageOrigins: [] })).toContain("style-src-attr 'unsafe-hashes' 'sha256-x'");
  });

  it('the CMS policy names its backends', () => {
    const csp = adminPolicy({ authOrigin: 'https://auth.example', localBackendOrigins: ['http://localhost:8081'], imageOrigins: [] });
    expect(csp).toContain("connect-src 'self' https://api.github.com https://auth.example http://localhost:8081");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('no path ever gets the site policy and the CMS policy, and the CMS never gets the site policy', () => {
    const rules = headerRules({
      siteEntries: [
        { name: 'index.html', isDirectory: false },
        { name: 'angebote', isDirectory: true },
        { name: 'admin', isDirectory: true },
        { name: '_astro', isDirectory: true },
      ],
      cmsPaths: ['/admin/', '/admin/index.html'],
      adminSiteFolders: ['zustand'],
      sitePolicy: 'SITE',
      adminPolicy: 'CMS',
    });
    expect(headersFor(rules, '/admin/')['content-security-policy']).toBe('CMS');
    expect(headersFor(rules, '/admin/zustand/')['content-security-policy']).toBe('SITE');
    expect(headersFor(rules, '/angebote/x/')['content-security-policy']).toBe('SITE');
    expect(headersFor(rules, '/')['content-security-policy']).toBe('SITE');
    expect(headersFor(rules, '/_astro/a.js')['cache-control']).toMatch(/immutable/);
    expect(headersFor(rules, '/admin/')['strict-transport-security']).toBeDefined();
  });
});

describe('inline scripts in built HTML', () => {
  const scan = (html: string) => {
    const assets: InlineAssets = { scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] };
    scanHtml(html, 'x.html', assets);
    return assets;
  };

  it('hashes executable inline scripts, not JSON data blocks', () => {
    const assets = scan('<script type="module">a()</script><script>b()</script><script type="application/ld+json">{}</script><script src="/x.js"></script>');
    expect([...assets.scripts].sort()).toEqual([cspHash('a()'), cspHash('b()')].sort());
    expect(cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    expect(isExecutableScript({ type: 'element', tagName: 'script', properties: { type: 'importmap' }, children: [] })).toBe(true);
  });

  it('reports inline handlers and javascript: URLs, which the CSP would block', () => {
    const assets = scan('<button onclick="x()">a</button><a href=" javascript:x()">b</a><p style="color:red">c</p>');
    expect(assets.forbidden).toHaveLength(2);
    expect([...assets.styleAttributes]).toEqual([cspHash('color:red')]);
  });
});

describe('helpers', () => {
  it('same-origin image sources', () => {
    for (const ok of ['/uploads/a.png', 'a.png', '../b.png']) expect(isSameOriginUrl(ok), ok).toBe(true);
    for (const bad of ['//evil.example/a.png', '/\\evil.example/a.png', 'https://evil.example/a.png', 'data:image/png;base64,AA']) expect(isSameOriginUrl(bad), bad).toBe(false);
  });

  it('page types: known routes, content pages, tools and collections of new sections', () => {
    const siblings = new Map([
      ['admin', 2],
      ['veranstaltungen', 40],
    ]);
    expect(classify('angebote/kategorie/sprache/index.html', ['impressum'])).toBe('offer-category');
    expect(classify('angebote/deutschkurs/index.html', ['impressum'])).toBe('offer');
    expect(classify('impressum/index.html', ['impressum'])).toBe('page:impressum');
    expect(classify('admin/neu/index.html', [], siblings)).toBe('admin/neu');
    expect(classify('veranstaltungen/fest/index.html', [], siblings)).toBe('veranstaltungen/*');
    expect(classify('veranstaltungen/index.html', [], siblings)).toBe('veranstaltungen');
    expect(splitLanguage('ar/angebote/deutschkurs/index.html')).toEqual({ lang: 'ar', rest: 'angebote/deutschkurs/index.html' });
    expect(splitLanguage('angebote/deutschkurs/index.html')).toEqual({ lang: 'de', rest: 'angebote/deutschkurs/index.html' });
    expect(splitLanguage('archiv/index.html').lang).toBe('de');
  });
});
