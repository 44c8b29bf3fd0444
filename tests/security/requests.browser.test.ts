/**
 * Privacy by default: every page type (and the finder's and forms' states) loads in
 * Chromium and every request it makes is recorded; all go to the site's own origin. No
 * cookie is set. The map's tile server is asked only after the visitor's consent.
 * Requests to other hosts are aborted here, so nothing ever leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { missingTypes, pageSamples, type PageSample } from '../helpers/page-types.ts';
import { extraStates, finderHasMap, openMapWithConsent, TILE_PNG, type PageState } from '../helpers/page-states.ts';
import { functionRoutes } from '../helpers/function-routes.ts';
import { DIST } from '../helpers/dist.ts';
import { tileOrigin } from '../../src/lib/security-policy.ts';
import { loadContent } from '../../src/lib/load-content.ts';

const samples = pageSamples();
const states: PageState[] = [...samples.filter((s) => s.type !== 'cms'), ...extraStates(samples).filter((s) => s.type !== 'map-after-consent')];
const tiles = loadContent().content.settings?.map?.tiles_url;

describe('requests and cookies', () => {
  let server: SiteServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[] = [];

  beforeAll(async () => {
    server = await serveSite({ root: DIST, routes: await functionRoutes() });
    browser = await launchBrowser();
    context = await browser.newContext();
    context.on('request', (request) => {
      requests.push(request.url());
    });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
      /\.(png|jpe?g)(\?|$)/.test(route.request().url()) ? route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }) : route.abort(),
    );
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const foreign = () => requests.filter((url) => !url.startsWith(`${server.url}/`) && !/^(data|blob):/.test(url));

  it('every page type the sources promise is in dist/', () => {
    expect(missingTypes(samples)).toEqual([]);
  });

  it.each(states)('$type ($path): only the site itself is asked, no cookie is set', async (state: PageSample & PageState) => {
    requests = [];
    await page.goto(server.url + state.path, { waitUntil: 'networkidle' });
    if (state.act) {
      await state.act(page);
      await page.waitForLoadState('networkidle');
    }
    expect(requests.length).toBeGreaterThan(0);
    expect(foreign()).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it.runIf(finderHasMap(DIST))('the map asks the tile server only after consent, and nothing else', async () => {
    requests = [];
    await page.goto(`${server.url}/angebote/`, { waitUntil: 'networkidle' });
    expect(foreign()).toEqual([]);
    await openMapWithConsent(page);
    const origin = tileOrigin(tiles ?? '');
    const pattern = new RegExp(`^${origin.replace(/[.]/g, '\\.').replace('*', '[a-z0-9-]+')}/`);
    expect(foreign().length).toBeGreaterThan(0);
    expect(foreign().filter((url) => !pattern.test(url))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });

  it.runIf(samples.some((s) => s.type === 'cms'))('the CMS (editors only) talks to nothing but the hosts its policy names', async () => {
    requests = [];
    await page.goto(`${server.url}/admin/`, { waitUntil: 'networkidle' });
    const allowed = [/^https:\/\/api\.github\.com\//, /^https:\/\/api\.netlify\.com\//, /^http:\/\/(localhost|127\.0\.0\.1):8081\//];
    expect(foreign().filter((url) => !allowed.some((p) => p.test(url)))).toEqual([]);
  });
});
