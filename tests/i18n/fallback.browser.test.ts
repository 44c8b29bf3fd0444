/**
 * An offer nobody has translated yet, as every new partner entry is until the nightly
 * translation has run: on another language's page it is there, in German, and says so.
 *
 * The sample content has every offer in every language (issue 22), so the built site of
 * the test run holds no such page. This builds a copy of the project in which one offer
 * has lost its translations, in German and Arabic only (right to left: the hardest case
 * for German text inside a page), and reads it as the three audiences do: the HTML, the
 * JSON-LD that search engines read, and Chromium with axe.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeScaledProject, removeProject } from '../../scripts/lib/generate-offers.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished } from '../../src/lib/publication.ts';
import { catalogues } from '../../src/i18n/index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { axeViolations } from '../helpers/axe.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { withoutTranslations } from '../helpers/untranslated.ts';

const OFFER = 'anerkennungsberatung';
const LANG = 'ar';
const PATH = `/${LANG}/angebote/${OFFER}/`;

let root: string;
let german: ReturnType<typeof loadContent>['content']['offers'][number];
let server: SiteServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  root = makeScaledProject(process.cwd(), 0);
  const file = join(root, 'content', 'offers', `${OFFER}.md`);
  writeFileSync(file, withoutTranslations(readFileSync(file, 'utf8')));
  const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QN_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1', QN_LANGUAGES: `de,${LANG}` },
  });
  if (build.status !== 0) throw new Error(`astro build of the copy failed:\n${build.stdout}\n${build.stderr}`);
  german = loadContent(root).content.offers.find((o) => o.id === OFFER)!;
  server = await serveSite({ root: join(root, 'dist') });
  browser = await launchBrowser();
  const context = await browser.newContext();
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  page = await context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) removeProject(root);
});

const html = () => readFileSync(join(root, 'dist', PATH, 'index.html'), 'utf8');

describe('an offer without translations on the Arabic pages', () => {
  it('is a published offer with no Arabic text in the copy', () => {
    expect(isOfferPublished(german.data, TEST_TODAY)).toBe(true);
    expect(german.data.translations?.[LANG]).toBeUndefined();
  });

  it('has its page, with the German title and summary in the JSON-LD, marked as German', () => {
    const blocks = [...html().matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ '@type': 'Service', name: german.data.title, description: german.data.summary, inLanguage: 'de' });
  });

  it('is found by the Arabic finder by a German word and listed with its German title, marked as German', async () => {
    await page.goto(`${server.url}/${LANG}/angebote/?q=anerkennung`, { waitUntil: 'load' });
    await page.waitForFunction((slug) => document.querySelector('#offer-list > li')?.getAttribute('data-offer') === slug, OFFER);
    const title = page.locator(`#offer-list > li[data-offer="${OFFER}"] h3 a`);
    expect(await title.textContent()).toContain(german.data.title);
    expect(await title.getAttribute('lang')).toBe('de');
  });

  it('says in Arabic that the text is German, marks it left to right, links the German version, and passes axe', async () => {
    await page.goto(server.url + PATH, { waitUntil: 'load' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toContain(german.data.title);
    expect(await page.locator('h1').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').getAttribute('dir')).toBe('ltr');
    // The note's own words after the language name.
    const seeingGerman = catalogues[LANG]['i18n.untranslatedNote'].split('{language}')[1].replace(/^\.\s*/, '');
    expect(await page.locator('.lang-note').first().textContent()).toContain(seeingGerman);
    const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
    expect(hreflangs).toEqual(expect.arrayContaining(['de', LANG, 'x-default']));
    expect(await axeViolations(page)).toEqual([]);
  });
});
