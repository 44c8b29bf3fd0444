/**
 * The interface languages in Chromium against the built site: the switcher keeps the
 * visitor on the same offer, Arabic is right to left and passes axe; each language's
 * finder searches its own translations; the Leichte-Sprache choice holds for the visit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { axeViolations } from '../helpers/axe.ts';

const OFFER = 'sprachcafe-begegnungszentrum';

let server: SiteServer;
let browser: Browser;
let page: Page;

const resultSlugs = () => page.locator('#offer-list > li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.offer));

beforeAll(async () => {
  server = await serveSite();
  browser = await launchBrowser();
  const context = await browser.newContext();
  // Nothing leaves the machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('language switcher', () => {
  it('switches an offer page to Arabic: same offer, right to left, no axe violations', async () => {
    await page.goto(`${server.url}/angebote/${OFFER}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.locator('.lang-switch a[hreflang="ar"]').click();
    await page.waitForURL(`**/ar/angebote/${OFFER}/`);
    expect(new URL(page.url()).pathname).toBe(`/ar/angebote/${OFFER}/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('article.offer').getAttribute('data-offer')).toBe(OFFER);
    expect(await page.locator('h1').textContent()).toBe('مقهى اللغة في مركز اللقاء');
    // Laid out right to left: the brand (first in the header) sits at the right edge.
    const brand = await page.locator('.site-brand').boundingBox();
    const nav = await page.locator('.site-nav').boundingBox();
    expect(brand && nav && brand.x > nav.x).toBe(true);
    // The current language is marked; German fragments keep their own language and direction.
    expect(await page.locator('.lang-switch a[aria-current="true"]').getAttribute('hreflang')).toBe('ar');
    expect(await page.locator('.easy-summary p').getAttribute('lang')).toBe('de');
    expect(await page.locator('.easy-summary p').getAttribute('dir')).toBe('ltr');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('links every version of an offer with hreflang', async () => {
    await page.goto(`${server.url}/tr/angebote/${OFFER}/`);
    const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
    expect(hreflangs).toEqual(['de', 'en', 'tr', 'ar', 'ru', 'uk', 'x-default']);
  });

  // An untranslated offer's page (note, lang="de" on the German text): tests/i18n/fallback.browser.test.ts.
});

describe('search across languages', () => {
  it('the Turkish finder finds a Turkish-translated offer by a Turkish word, the German one does not', async () => {
    await page.goto(`${server.url}/tr/angebote/?q=dil%20kafesi`);
    await page.waitForFunction((slug) => document.querySelector('#offer-list > li')?.getAttribute('data-offer') === slug, OFFER);
    const slugs = await resultSlugs();
    expect(slugs[0]).toBe(OFFER);
    expect(await page.locator(`#offer-list > li[data-offer="${OFFER}"] h3`).textContent()).toContain('dil kafesi');

    await page.goto(`${server.url}/angebote/?q=dil%20kafesi`);
    await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.trim() !== '');
    await expect.poll(resultSlugs).not.toContain(OFFER);
  });

  it('German words still work in the Turkish finder', async () => {
    await page.goto(`${server.url}/tr/angebote/?q=Sprachcaf%C3%A9`);
    await page.waitForFunction((slug) => document.querySelector('#offer-list > li')?.getAttribute('data-offer') === slug, OFFER);
  });
});

describe('Leichte Sprache', () => {
  it('shows the easy summary without a choice, first once the visitor chooses it, for the whole visit', async () => {
    await page.goto(`${server.url}/angebote/${OFFER}/`);
    const box = page.locator('.easy-summary');
    expect(await box.isVisible()).toBe(true);
    const below = async () => ((await box.boundingBox())?.y ?? 0) > ((await page.locator('.offer-intro .lead').boundingBox())?.y ?? 0);
    expect(await below()).toBe(true);
    await page.locator('[data-easy-toggle]').click();
    expect(await page.locator('[data-easy-toggle]').getAttribute('aria-pressed')).toBe('true');
    expect(await below()).toBe(false);
    await page.goto(`${server.url}/angebote/job-cafe/`);
    expect(await page.locator('html').getAttribute('class')).toContain('easy-first');
  });
});
