/**
 * The service worker the build writes (dist/sw.js, src/integrations/service-worker.ts):
 * per language the finder, its search data, the offline page and exactly the files they
 * load; nothing from /admin/ or the functions; a version that changes with what it caches.
 */
import { mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planServiceWorker, SERVICE_WORKER_FILE } from '../../src/integrations/service-worker.ts';
import { pageAssets } from '../../src/lib/page-assets.ts';
import { DIST } from '../helpers/dist.ts';

const SOURCE = readFileSync('src/scripts/service-worker.ts', 'utf8');
const built = readFileSync(join(DIST, SERVICE_WORKER_FILE), 'utf8');
const plan = JSON.parse(/^const QN_SW = (.*);$/m.exec(built)?.[1] ?? 'null');

describe('dist/sw.js', () => {
  it('precaches, per language, the finder, its search data, the offline page and the files they load', () => {
    expect(Object.keys(plan.precache)).toEqual(expect.arrayContaining(['de', 'ar']));
    for (const [lang, files] of Object.entries(plan.precache as Record<string, string[]>)) {
      const prefix = lang === 'de' ? '' : `/${lang}`;
      const pages = [`${prefix}/angebote/`, `${prefix}/offline/`];
      expect(files).toEqual(expect.arrayContaining([...pages, `${prefix}/angebote/suche.json`]));
      for (const page of pages) expect(files).toEqual(expect.arrayContaining(pageAssets(DIST, page)));
      expect(files.filter((file) => /^\/(admin|api|\.netlify)\//.test(file))).toEqual([]);
      expect(plan.offline[lang]).toBe(`${prefix}/offline/`);
    }
  });

  it('is plain JavaScript with the plan in front (types stripped)', () => {
    expect(built).not.toMatch(/^\s*(interface|declare)\b/m);
    expect(() => new Function(built)).not.toThrow();
  });

  it('gets a new version when a precached file changes, the same one otherwise', () => {
    const copy = mkdtempSync(join(tmpdir(), 'qn-sw-'));
    try {
      for (const dir of ['angebote', 'offline', '_astro']) cpSync(join(DIST, dir), join(copy, dir), { recursive: true });
      for (const file of ['favicon.svg', 'manifest.webmanifest']) cpSync(join(DIST, file), join(copy, file));
      const before = planServiceWorker(copy, SOURCE);
      expect(planServiceWorker(copy, SOURCE).version).toBe(before.version);
      const data = join(copy, 'angebote/suche.json');
      // One offer more or less is a different file: here, one byte more.
      writeFileSync(data, `${readFileSync(data, 'utf8')}\n`);
      expect(planServiceWorker(copy, SOURCE).version).not.toBe(before.version);
      expect(Object.keys(before.precache)).toEqual(['de']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
