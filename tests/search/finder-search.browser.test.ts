/**
 * What issue 20 changed where residents meet it, in Debian's Chromium against the built
 * site: a word that finds nothing together with the others is named in the visitor's
 * language while the rest still finds offers, and "Für wen" lists offers for everyone
 * after those named for the audience.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';

let server: SiteServer;
let browser: Browser;
let page: Page;

const resultSlugs = () => page.locator('#offer-list > li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.offer));

beforeAll(async () => {
  server = await serveSite();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('finder: words that find nothing together', () => {
  it('keeps the offers of the other words and names the word, in German', async () => {
    await page.goto(`${server.url}/angebote/?q=${encodeURIComponent('Nähwerkstatt Azubi')}`);
    const note = page.locator('[data-note]');
    await note.waitFor({ state: 'visible' });
    expect(await note.textContent()).toBe('Zu „azubi“ gibt es nichts. Die Treffer passen zu den übrigen Wörtern.');
    expect(await resultSlugs()).toEqual(['naehwerkstatt-qualifizierung']);
  });

  it('names it in the finder’s language, Turkish', async () => {
    await page.goto(`${server.url}/tr/angebote/?q=${encodeURIComponent('Nähwerkstatt Azubi')}`);
    const note = page.locator('[data-note]');
    await note.waitFor({ state: 'visible' });
    expect(await note.textContent()).toBe('“azubi” için sonuç yok. Sonuçlar diğer kelimelere uyuyor.');
    expect(await resultSlugs()).toEqual(['naehwerkstatt-qualifizierung']);
  });
});

describe('finder: audience filter', () => {
  it('lists offers for everyone after those named for parents', async () => {
    const data = JSON.parse(readFileSync('dist/angebote/suche.json', 'utf8')) as { audiences: { slug: string }[]; offers: { id: string; a: number[] }[] };
    const parents = data.audiences.findIndex((a) => a.slug === 'eltern');
    const audiences = new Map(data.offers.map((o) => [o.id, o.a]));
    await page.goto(`${server.url}/angebote/?q=Sprechstunde&fuer=eltern`);
    await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.includes('gefunden'));
    const tiers = (await resultSlugs()).map((slug) => (audiences.get(slug ?? '')?.includes(parents) ? 0 : 1));
    expect(tiers).toContain(0);
    expect(tiers).toContain(1);
    expect(tiers).toEqual([...tiers].sort());
    for (const slug of await resultSlugs()) {
      const named = audiences.get(slug ?? '') ?? [];
      expect(named.length === 0 || named.includes(parents), slug).toBe(true);
    }
  });
});
