/**
 * Only /admin/ loads the CMS: in the built site (tests/setup/build-site.ts), no other page
 * loads a file with Decap code, now or on demand. Sizes are in `npm run bench` (admin).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminIsolation, containsDecap } from '../../scripts/lib/admin-bundle.ts';

const DIST = 'dist';

describe('the CMS bundle', () => {
  it('is loaded by /admin/, which search engines skip', () => {
    const html = readFileSync(join(DIST, 'admin/index.html'), 'utf8');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[^"]*\.js/);
  });

  it('is loaded by no other page', () => {
    const { admin, shared, pagesChecked } = adminIsolation(DIST);
    const decap = [...admin.atLoad].filter((file) => file.endsWith('.js') && containsDecap(DIST, file));
    expect(decap.length).toBeGreaterThan(0);
    expect(pagesChecked).toBeGreaterThan(50);
    expect([...shared.keys()].filter((file) => file.endsWith('.js') && containsDecap(DIST, file))).toEqual([]);
    for (const file of decap) expect(shared.has(file)).toBe(false);
  });

  it('comes from npm, not from a CDN', () => {
    expect(existsSync(join(DIST, 'admin/config.yml'))).toBe(false);
    const { admin } = adminIsolation(DIST);
    for (const file of admin.atLoad) expect(readFileSync(join(DIST, file), 'utf8')).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs/);
  });
});
