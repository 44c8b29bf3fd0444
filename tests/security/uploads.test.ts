/**
 * Issue 15, finding 2 and two of the smaller ones: uploads cannot run code, 404.html
 * carries the CSP, and the build refuses an inline script nobody listed. Reads the real
 * built dist/_headers and dist/404.html; the build hook runs on a temporary dist.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headersFor } from '../../src/lib/headers-file.ts';
import { ALLOWED_INLINE_SCRIPTS, metaPolicy, uploadRules, UPLOADS_POLICY } from '../../src/lib/security-policy.ts';
import { securityHeaders } from '../../src/integrations/security-headers.ts';
import { htmlFiles, scanHtml, type InlineAssets } from '../../src/lib/inline-assets.ts';
import { UPLOAD_ACCEPT, uploadFileProblem } from '../../src/schema/uploads.ts';
import { refusedUpload } from '../../admin/lib/upload-guard.ts';
import { DIST } from '../helpers/dist.ts';
import { headerRules } from '../helpers/site-headers.ts';

const rules = headerRules();
const uploads = readdirSync(join(DIST, 'uploads'));

describe('/uploads/* in the built _headers', () => {
  it('serves every upload sandboxed and without sniffing; PDFs may open (OParl accessUrl)', () => {
    expect(uploads.length).toBeGreaterThan(5);
    for (const file of uploads) {
      const headers = headersFor(rules, `/uploads/${file}`);
      expect(headers['content-security-policy'], file).toBe("default-src 'none'; sandbox");
      expect(headers['x-content-type-options'], file).toBe('nosniff');
      expect(headers['content-disposition'], file).toBeUndefined();
    }
  });

  it('a file the content gate missed still gets the sandbox, and cannot reach the site policy', () => {
    const headers = headersFor(rules, '/uploads/nachgeschoben.svg');
    expect(headers['content-security-policy']).toBe(UPLOADS_POLICY);
    expect(headers['content-security-policy']).not.toContain("script-src 'self'");
  });

  it('images and PDFs may open, anything else that slipped through is only a download', () => {
    const generated = uploadRules(['foto.webp', 'bild.PNG', 'plan.pdf', 'seite.html', 'grafik.svg', 'unterordner/x.js']);
    for (const path of ['foto.webp', 'bild.PNG', 'plan.pdf']) expect(headersFor(generated, `/uploads/${path}`)['content-disposition']).toBeUndefined();
    for (const path of ['seite.html', 'grafik.svg', 'unterordner/x.js']) expect(headersFor(generated, `/uploads/${path}`)['content-disposition']).toBe('attachment');
    for (const path of ['plan.pdf', 'grafik.svg']) expect(headersFor(generated, `/uploads/${path}`)['content-security-policy']).toBe(UPLOADS_POLICY);
  });
});

describe('the upload type list', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n');
  it('allows PDF and real images, refuses script-capable types and disguised files', () => {
    expect(uploadFileProblem('protokoll.pdf', pdf)).toBeUndefined();
    expect(uploadFileProblem('foto.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeUndefined();
    for (const name of ['angriff.svg', 'seite.html', 'skript.js', 'seite.htm', 'x.xhtml', 'ohne-endung']) expect(uploadFileProblem(name, pdf), name).toMatch(/Erlaubt sind nur PDF, PNG, JPEG oder WebP/);
    expect(uploadFileProblem('getarnt.pdf', new TextEncoder().encode('<html><script>'))).toMatch(/keine PDF-Datei/);
    expect(uploadFileProblem('mit leerzeichen.pdf', pdf)).toMatch(/Benennen Sie die Datei um/);
    expect(uploadFileProblem('.gitkeep', new Uint8Array())).toBeUndefined();
  });

  it('the CMS upload guard uses the same list', () => {
    expect(UPLOAD_ACCEPT.split(',')).toEqual(expect.arrayContaining(['.pdf', '.png', '.jpg', '.jpeg', '.webp', 'application/pdf']));
    expect(refusedUpload([{ name: 'protokoll.pdf' }, { name: 'foto.JPG' }])).toBeUndefined();
    expect(refusedUpload([{ name: 'protokoll.pdf' }, { name: 'angriff.svg' }])).toMatch(/^„angriff\.svg“: Dateien vom Typ „\.svg“ dürfen nicht hochgeladen werden/);
  });
});

describe('404 and inline scripts', () => {
  it('404.html carries the site policy itself (Netlify sends it with the unknown path’s headers)', () => {
    const html = readFileSync(join(DIST, '404.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta).not.toBeNull();
    expect(meta![1].replace(/&quot;/g, '"')).toBe(metaPolicy(headersFor(rules, '/')['content-security-policy']));
    expect(meta![1]).toContain("script-src 'self'");
    // Nothing of the page runs before the policy is known.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.search(/<script|<link/));
    expect(headersFor(rules, '/gibt-es-nicht/')['content-security-policy']).toBeUndefined();
  });

  it('the built site has no inline script the source does not list', () => {
    const assets: InlineAssets = { scripts: new Set(), scriptFiles: new Map(), styles: new Set(), styleAttributes: new Set(), forbidden: [] };
    for (const file of htmlFiles(DIST).filter((f) => !f.endsWith('admin/index.html'))) scanHtml(readFileSync(file, 'utf8'), file, assets);
    const listed = new Set(ALLOWED_INLINE_SCRIPTS.map((a) => a.hash));
    expect([...assets.scripts].filter((hash) => !listed.has(hash))).toEqual([]);
  });

  it('the build stops on an unlisted inline script instead of hashing it into the policy', () => {
    const root = mkdtempSync(join(tmpdir(), 'qn-csp-'));
    const dist = join(root, 'dist');
    try {
      mkdirSync(join(root, 'content', 'settings'), { recursive: true });
      writeFileSync(join(root, 'content', 'settings', 'site.yml'), 'title: Test\n');
      mkdirSync(join(dist, 'angebote'), { recursive: true });
      writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body></body></html>');
      writeFileSync(join(dist, 'angebote', 'index.html'), '<!doctype html><html><head><title>x</title></head><body><script>fetch("/admin/")</script></body></html>');
      const integration = securityHeaders();
      const hooks = integration.hooks as Record<string, (options: unknown) => void>;
      hooks['astro:config:done']({ config: { root: new URL(`file://${root}/`) } });
      const done = () => hooks['astro:build:done']({ dir: new URL(`file://${dist}/`), logger: { info() {} } });
      expect(done).toThrow(/angebote\/index\.html: 'sha256-/);
      expect(readdirSync(dist)).not.toContain('_headers');
      // Without the script the same build passes and writes the file.
      writeFileSync(join(dist, 'angebote', 'index.html'), '<!doctype html><html><head><title>x</title></head><body><script src="/_astro/x.js"></script></body></html>');
      done();
      expect(readFileSync(join(dist, '_headers'), 'utf8')).toContain("script-src 'self';");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
