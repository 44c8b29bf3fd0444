/**
 * The CMS bundle is built once and reused while its sources stay the same (issue 17):
 * the site build of the run (tests/setup/build-site.ts) put into dist/ exactly the files
 * of the cached bundle; the same sources find it again; a changed schema does not, and
 * its rebuilt bundle carries the change to /admin/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import config from '../../astro.config.mjs';
import { bundleSettings } from '../../src/integrations/admin-bundle.ts';
import { defaultCacheDir, ensureAdminBundle, findCachedBundle, type AdminBundle } from '../../src/integrations/admin-bundle-cache.ts';

const ROOT = resolve('.');
const settings = bundleSettings(config);
const OFFER_SCHEMA = 'src/schema/offer.ts';
const HINT = 'Kurz und klar: was Menschen hier bekommen.';
const CHANGED_HINT = 'Kurz und klar (Testhinweis 4711).';

/** A folder holding only what the bundle was built from (plus node_modules linked). */
function copyInputs(bundle: AdminBundle): string {
  const root = mkdtempSync(join(tmpdir(), 'qn-admin-bundle-'));
  for (const input of [...bundle.inputs, 'package-lock.json']) {
    mkdirSync(dirname(join(root, input)), { recursive: true });
    cpSync(join(ROOT, input), join(root, input));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

describe('the cached CMS bundle', () => {
  let cached: AdminBundle;
  const temporary: string[] = [];
  beforeAll(() => {
    const found = findCachedBundle(ROOT, defaultCacheDir(ROOT), settings);
    if (!found) throw new Error('The build of this test run left no CMS bundle in the cache for the current sources.');
    cached = found;
  });
  afterAll(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  it('is what the build put into dist/, byte for byte, and what /admin/ loads', () => {
    const html = readFileSync('dist/admin/index.html', 'utf8');
    expect(html).toContain(`<script type="module" src="${cached.script}"></script>`);
    for (const style of cached.styles) expect(html).toContain(`<link rel="stylesheet" href="${style}">`);
    expect(cached.files.length).toBeGreaterThan(1);
    for (const file of cached.files) expect(readFileSync(join('dist', file)).equals(readFileSync(join(cached.dir, file))), file).toBe(true);
  });

  it('is keyed on the schemas the CMS config reads, admin/ and the site stylesheet', () => {
    expect(cached.inputs).toEqual(expect.arrayContaining(['admin/cms.ts', 'admin/config/build-config.ts', OFFER_SCHEMA, 'src/schema/index.ts', 'src/styles/global.css']));
    expect(cached.inputs.some((input) => input.includes('node_modules'))).toBe(false);
  });

  it('is found again for the same sources, and not after a schema changed, which rebuilds it with the change', async () => {
    const root = copyInputs(cached);
    temporary.push(root);
    // Same sources elsewhere: the same key (paths are relative to the project).
    expect(findCachedBundle(root, defaultCacheDir(ROOT), settings)?.key).toBe(cached.key);

    const schema = readFileSync(join(root, OFFER_SCHEMA), 'utf8');
    expect(schema).toContain(HINT);
    writeFileSync(join(root, OFFER_SCHEMA), schema.replace(HINT, CHANGED_HINT));
    expect(findCachedBundle(root, defaultCacheDir(ROOT), settings)).toBeUndefined();

    const cacheDir = mkdtempSync(join(tmpdir(), 'qn-admin-cache-'));
    temporary.push(cacheDir);
    const rebuilt = await ensureAdminBundle(root, settings, cacheDir);
    expect(rebuilt.reused).toBe(false);
    expect(rebuilt.key).not.toBe(cached.key);
    const text = (bundle: AdminBundle) => bundle.files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(bundle.dir, file), 'utf8'));
    expect(text(rebuilt).some((code) => code.includes(CHANGED_HINT))).toBe(true);
    expect(text(cached).some((code) => code.includes(CHANGED_HINT))).toBe(false);
    // Built here under NODE_ENV=test, still React's production build.
    expect(text(rebuilt).some((code) => code.includes('scheduler_production'))).toBe(true);
    expect(text(rebuilt).some((code) => code.includes('scheduler_development'))).toBe(false);

    const again = await ensureAdminBundle(root, settings, cacheDir);
    expect(again).toMatchObject({ reused: true, key: rebuilt.key, dir: rebuilt.dir, files: rebuilt.files });
  }, 120_000);
});
