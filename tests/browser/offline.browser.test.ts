/**
 * Offline use (issue 14) in Chromium with the site's real service worker: the finder is
 * loaded online, the network goes away (`context.setOffline`), and the finder still
 * searches and filters and says that it is offline; a page visited before opens from the
 * cache, one never visited gets the offline page. Back online after a new build (an offer
 * renamed), the visitor sees the new title at once and the old caches are gone.
 *
 * Served from a private copy of dist/ (the new build replaces it mid-test, which must not
 * disturb other test files); the new build is made in a throwaway copy of the project.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { DIST } from '../helpers/dist.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';

const VISITED = 'sprachcafe-begegnungszentrum';
const NOT_VISITED = 'job-cafe';
const NEW_TITLE = 'Sprachcafé im Begegnungszentrum (neue Zeiten)';

let work: string;
let site: string;
let project: string;
let server: SiteServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A second build of the project with the visited offer renamed: what a deploy brings. */
function buildRenamed(): string {
  project = makeScaledProject(process.cwd(), 0);
  const file = join(project, 'content/offers', `${VISITED}.md`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${NEW_TITLE}`));
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, QN_NOW: TEST_NOW, QN_LANGUAGES: 'de', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`second build failed:\n${result.stdout}\n${result.stderr}`);
  return join(project, 'dist');
}

const cacheNames = () => page.evaluate(() => caches.keys());
const h1 = () => page.locator('h1').textContent();
const shownOffers = () => page.locator('#offer-list > li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.offer));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'qn-offline-'));
  site = join(work, 'site');
  cpSync(DIST, site, { recursive: true });
  server = await serveSite({ root: site });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (project) removeProject(project);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('offline', () => {
  it('installs the worker on the first visit: finder, search data and offline page precached', async () => {
    await page.goto(`${server.url}/angebote/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const precached = await page.evaluate(async () => {
      const name = (await caches.keys()).find((key) => key.startsWith('qn-precache-'));
      return name ? (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname) : [];
    });
    expect(precached).toEqual(expect.arrayContaining(['/angebote/', '/angebote/suche.json', '/offline/']));
    expect(precached.some((path) => path.startsWith('/admin/') || path.startsWith('/api/'))).toBe(false);
    // A visited page is kept for later.
    await page.goto(`${server.url}/angebote/${VISITED}/`);
    expect(await h1()).toBe('Sprachcafé im Begegnungszentrum');
  });

  it('searches and filters offline and says so with the date of the data', async () => {
    await context.setOffline(true);
    await page.goto(`${server.url}/angebote/`);
    await expect.poll(() => page.locator('[data-offline]').textContent()).toMatch(/^Sie sind offline\. Stand der Angebote: \d{1,2}\. \S+ 2026$|^Sie sind offline\. Stand der Angebote: \d{2}\.\d{2}\.2026$/);
    await page.locator('#finder-q').fill('deutsch');
    await page.waitForFunction(() => /gefunden/.test(document.querySelector('[data-count]')?.textContent ?? ''));
    const found = await shownOffers();
    expect(found.length).toBeGreaterThan(1);
    await page.locator('[data-filters] > summary').click();
    await page.locator('input[name="kinderbetreuung"]').check();
    await expect.poll(async () => (await shownOffers()).length).toBeLessThan(found.length);
    expect(await shownOffers()).toContain('deutschkurs-a1-mit-kinderbetreuung');
  });

  it('opens a visited offer from the cache and gives an unvisited one the offline page', async () => {
    await page.goto(`${server.url}/angebote/${VISITED}/`);
    expect(await h1()).toBe('Sprachcafé im Begegnungszentrum');
    await page.goto(`${server.url}/angebote/${NOT_VISITED}/`);
    expect(await h1()).toBe('Sie sind offline');
    expect(await page.locator('main a[href="/angebote/"]').count()).toBe(1);
  });

  it('after a new build and back online shows the new title, and the new worker drops the old caches', { timeout: 240_000 }, async () => {
    const before = await cacheNames();
    const next = buildRenamed();
    rmSync(site, { recursive: true, force: true });
    renameSync(next, site);
    await context.setOffline(false);
    await page.goto(`${server.url}/angebote/${VISITED}/`);
    expect(await h1()).toBe(NEW_TITLE);
    // The worker file changed with the build: the browser installs it and the old version's caches go.
    // Installing precaches the language's pages first: on a loaded CI run that once took over 30 s.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(async () => (await cacheNames()).some((name) => before.includes(name)), { timeout: 90_000 }).toBe(false);
    expect((await cacheNames()).some((name) => name.startsWith('qn-precache-'))).toBe(true);
  });

  it('leaves /admin/ and the functions to the network', async () => {
    const cached = await page.evaluate(async () => {
      const all: string[] = [];
      for (const name of await caches.keys()) all.push(...(await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname));
      return all;
    });
    await page.goto(`${server.url}/admin/zustand/`).catch(() => undefined);
    const after = await page.evaluate(async () => {
      const all: string[] = [];
      for (const name of await caches.keys()) all.push(...(await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname));
      return all;
    });
    expect(cached.concat(after).filter((path) => /^\/(admin|api)\//.test(path))).toEqual([]);
  });
});
