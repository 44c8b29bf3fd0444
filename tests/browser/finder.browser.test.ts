/**
 * The finder in Debian's Chromium against the built site: typing, filters and the URL,
 * reload and back button, the zero-result state, the print handout, and the map's
 * two-click consent (no request to the tile host before "Karte laden").
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';

const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const tilesUrl: string = parseYaml(readFileSync('content/settings/site.yml', 'utf8')).map.tiles_url;
const tileHost = new URL(tilesUrl.replace(/\{[a-z]\}/g, 'a')).host;
// `{s}.tile.example.org` templates spread over subdomains: match them all.
const tileHostPattern = new RegExp(`^${/^https?:\/\/([^/]+)/.exec(tilesUrl)?.[1].replace(/\./g, '\\.').replace(/\{[a-z]\}/g, '[^.]+')}$`);
const published = JSON.parse(readFileSync('dist/angebote/suche.json', 'utf8')).offers.length as number;

let server: SiteServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const tileRequests: string[] = [];
const requests: string[] = [];

const resultSlugs = () => page.locator('#offer-list > li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.offer));
const query = () => new URL(page.url()).searchParams;

beforeAll(async () => {
  server = await serveSite();
  browser = await launchBrowser();
  // Without the service worker: these tests watch the page's own requests (a failing search
  // data fetch, tile requests); offline use has its own test (offline.browser.test.ts).
  context = await browser.newContext({ serviceWorkers: 'block' });
  // Every request to the tile host is answered here: the test never leaves the machine.
  await context.route((url) => tileHostPattern.test(url.host), (route) => {
    tileRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG });
  });
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('finder without JavaScript', () => {
  it('lists every published offer and offers plain links by category and audience', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${server.url}/angebote/?q=deutsch`);
    expect(await plain.locator('#offer-list > li').count()).toBe(published);
    expect(await plain.locator('#finder').isVisible()).toBe(false);
    expect(await plain.locator('a[href="/angebote/kategorie/sprache/"]').count()).toBeGreaterThan(0);
    expect(await plain.locator('a[href="/angebote/fuer/eltern/"]').count()).toBeGreaterThan(0);
    await noJs.close();
  });
});

describe('finder', () => {
  it('searches while typing, tolerates typos, and keeps the query in the URL', async () => {
    await page.goto(`${server.url}/angebote/`);
    expect(await page.locator('#offer-list > li').count()).toBe(published);
    await page.locator('#finder-q').pressSequentially('Bewerbng', { delay: 20 });
    // Any of the application offers may lead: their titles match the misspelt word equally well.
    await page.waitForFunction(() => document.querySelector('#offer-list > li')?.getAttribute('data-offer')?.startsWith('bewerbungs'));
    expect((await resultSlugs()).length).toBeLessThan(published);
    expect(query().get('q')).toBe('Bewerbng');
    // The count reaches screen readers through a polite live region.
    const count = await page.locator('[data-count]').textContent();
    await expect.poll(() => page.locator('[role="status"][data-announce]').textContent()).toBe(count);
    expect(count).toMatch(/^\d+ Angebote gefunden$/);
  });

  it('adds a filter, shows it as removable, and writes it to the URL', async () => {
    const before = (await resultSlugs()).length;
    await page.locator('select[name="fuer"]').selectOption('jugendliche');
    await page.waitForFunction((n) => document.querySelectorAll('#offer-list > li').length < n, before);
    expect(query().get('fuer')).toBe('jugendliche');
    expect(query().get('q')).toBe('Bewerbng');
    await expect.poll(() => page.locator('[data-chips] button').allTextContents()).toEqual(['Suche: „Bewerbng“ ×entfernen', 'Für wen: Jugendliche und junge Erwachsene ×entfernen']);
  });

  it('restores query, filter and results on reload', async () => {
    const before = await resultSlugs();
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('#offer-list > li').length === n, before.length);
    expect(await resultSlugs()).toEqual(before);
    expect(await page.locator('#finder-q').inputValue()).toBe('Bewerbng');
    expect(await page.locator('select[name="fuer"]').inputValue()).toBe('jugendliche');
  });

  it('removes one filter by its button, and the back button brings it back', async () => {
    const filtered = await resultSlugs();
    await page.getByRole('button', { name: 'Für wen: Jugendliche und junge Erwachsene entfernen' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('#offer-list > li').length > n, filtered.length);
    expect(query().has('fuer')).toBe(false);
    expect(await page.locator('select[name="fuer"]').inputValue()).toBe('');
    // Focus stays among the remaining choices.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Bewerbng');

    await page.goBack();
    await page.waitForFunction((n) => document.querySelectorAll('#offer-list > li').length === n, filtered.length);
    expect(query().get('fuer')).toBe('jugendliche');
    expect(await page.locator('select[name="fuer"]').inputValue()).toBe('jugendliche');
    expect(await resultSlugs()).toEqual(filtered);
  });

  it('opens a shared link with filters applied', async () => {
    await page.goto(`${server.url}/angebote/?q=deutsch&kategorie=sprache&sprache=tr`);
    await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.includes('gefunden'));
    const slugs = await resultSlugs();
    expect(slugs[0]).toBe('deutsch-im-familienzentrum-elternkurs');
    expect(slugs).not.toContain('deutschkurs-a1-mit-kinderbetreuung'); // held in German only
    expect(await page.locator('select[name="sprache"]').inputValue()).toBe('tr');
  });

  it('says plainly when nothing is found, suggests removing a filter and links the social office', async () => {
    await page.locator('#finder-q').fill('xylophonbau');
    const empty = page.locator('[data-empty]');
    await empty.waitFor({ state: 'visible' });
    expect(await page.locator('#offer-list').isVisible()).toBe(false);
    expect(await page.locator('[data-count]').textContent()).toBe('Keine Angebote gefunden');
    expect(await empty.textContent()).toContain('Entfernen Sie einen Filter');
    expect(await empty.locator('a[href="/kontakt/"]').count()).toBe(1);
    await empty.getByRole('button', { name: 'Thema: Sprache entfernen' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('kategorie') === null);
    expect(await empty.isVisible()).toBe(true); // the word still matches nothing
  });

  it('prints the current results as a handout with a QR code per offer', async () => {
    await page.goto(`${server.url}/angebote/?q=Schulden`);
    await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.includes('gefunden'));
    const results = await resultSlugs();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Liste drucken' }).click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    expect(await page.locator('#offer-list [data-qr] svg path').count()).toBe(results.length);
    expect(await page.locator('[data-qr] svg').first().getAttribute('aria-label')).toMatch(/^https?:\/\/.+\/angebote\/[a-z0-9-]+\/$/);
    // Each code leads to its own offer: the card's printed address line, which the code reads.
    const codes = await page.locator('#offer-list > li').evaluateAll((items) => items.map((li) => [(li as HTMLElement).dataset.offer, li.querySelector('[data-qr] svg')?.getAttribute('aria-label')]));
    for (const [slug, label] of codes) expect(label).toMatch(new RegExp(`^https?://[^/]+/angebote/${slug}/$`));

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#finder').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('[data-print-selection]').textContent()).toBe('Auswahl: „Schulden“');
    const first = page.locator('#offer-list > li').first();
    expect(await first.locator('[data-qr] svg').isVisible()).toBe(true);
    expect(await first.getByText('Telefon:').isVisible()).toBe(true);
    // On paper the place carries postcode and town; on screen the street is enough.
    const placed = page.locator('#offer-list > li:not([data-online])').first();
    expect(await placed.locator('.facts').innerText()).toMatch(/Wo: .+, \d{5} \S/);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    expect(await first.locator('[data-qr]').isVisible()).toBe(false);
    expect(await placed.locator('.facts').innerText()).not.toMatch(/\d{5} \S/);
  });

  it('loads no tile and no map code before "Karte laden", then shows markers that link to the offers', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${server.url}/angebote/?q=Beratung`);
    await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.includes('gefunden'));
    requests.length = 0;
    tileRequests.length = 0;
    await page.getByRole('button', { name: 'Karte anzeigen' }).click();
    const consent = page.locator('[data-map-consent]');
    expect(await consent.textContent()).toContain(tileHost);
    expect(await consent.textContent()).toContain('IP-Adresse');
    // page.url() learns of the script's history.replaceState from the browser a moment later.
    await expect.poll(() => query().get('karte')).toBe('1');
    await page.waitForTimeout(300);
    expect(tileRequests).toEqual([]);
    expect(requests.filter((url) => /leaflet|\/map\./.test(url))).toEqual([]);

    await page.getByRole('button', { name: 'Karte laden' }).click();
    const markers = page.locator('.leaflet-marker-icon a.finder-marker__link');
    await markers.first().waitFor();
    await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
    const withPlace = await page.locator('#offer-list > li[data-geo]').count();
    expect(await markers.count()).toBe(withPlace);
    const hrefs = await markers.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const slugs = await page.locator('#offer-list > li[data-geo]').evaluateAll((items) => items.map((li) => `/angebote/${(li as HTMLElement).dataset.offer}/`));
    expect(hrefs).toEqual(slugs);
    // Reachable by keyboard: a link, not taken out of the tab order.
    expect(await markers.first().getAttribute('tabindex')).toBeNull();
    await markers.first().focus();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('finder-marker__link'))).toBe(true);
    // Offers without a place are named below the map.
    expect(await page.locator('[data-map-unplaced-list]').textContent()).toContain('Migrationsberatung per Video (online)');
  });

  it('keeps the full list and says so when the search data cannot be loaded', async () => {
    const offline = await context.newPage();
    await offline.route('**/angebote/suche.json', (route) => route.abort());
    await offline.goto(`${server.url}/angebote/?q=deutsch`);
    await offline.locator('[data-note]').waitFor({ state: 'visible' });
    expect(await offline.locator('[data-note]').textContent()).toContain('Die Suche konnte nicht geladen werden');
    expect(await offline.locator('#offer-list > li').count()).toBe(published);
    await offline.close();
  });

  it('remembers the consent for the session', async () => {
    tileRequests.length = 0;
    await page.reload();
    await page.locator('.leaflet-marker-icon').first().waitFor();
    expect(await page.locator('[data-map-consent]').isVisible()).toBe(false);
    await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
  });
});
