/**
 * WCAG 2.1 A and AA (BITV 2.0 / EN 301 549) on every page type in Chromium with axe-core:
 * each page type of dist/, the finder with and without results, the map after consent,
 * every form in its error state. Beside axe, HTML_CodeSniffer (WCAG2AA, errors) on the same
 * pages in German and Arabic, and on the Arabic version of every German page type. Plus what axe cannot judge alone: reflow at 320 px and
 * at 200 % zoom, one h1 and one main per page, `lang`, and reduced motion.
 *
 * Decap CMS (/admin/) is left out: its interface is Decap's own, not the site's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { missingTypes, pageSamples } from '../helpers/page-types.ts';
import { extraStates, TILE_PNG, type PageState } from '../helpers/page-states.ts';
import { functionRoutes } from '../helpers/function-routes.ts';
import { DIST } from '../helpers/dist.ts';
import { htmlcsErrors } from '../helpers/htmlcs.ts';
import { axeViolations } from '../helpers/axe.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const samples = pageSamples().filter((s) => s.type !== 'cms');
const states: PageState[] = [...samples, ...extraStates(samples)];
/** HTML_CodeSniffer's second opinion: German and Arabic (right to left). */
const sniffed = (state: PageState) => state.lang === 'de' || state.lang === 'ar';
// Arabic pages of the types the samples hold in German only (translated interfaces share the templates).
const sampledArabic = new Set(samples.filter((s) => s.lang === 'ar').map((s) => s.type.replace(/^ar:/, '')));
const arabicOnlyForHtmlcs = samples
  .filter((s) => s.lang === 'de' && !sampledArabic.has(s.type) && !s.path.startsWith('/admin/') && !s.type.startsWith('page:') && s.type !== 'not-found')
  .map((s) => ({ type: `ar:${s.type}`, path: `/ar${s.path}`, lang: 'ar' }))
  .filter((s) => existsSync(join(DIST, s.path, 'index.html')));

let server: SiteServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await serveSite({ root: DIST, routes: await functionRoutes() });
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    /\.(png|jpe?g)(\?|$)/.test(route.request().url()) ? route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }) : route.abort(),
  );
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('WCAG 2.1 AA with axe-core', () => {
  it('every page type the sources promise is in dist/', () => {
    expect(missingTypes(pageSamples())).toEqual([]);
  });

  it.each(states)('$type ($path): no violations', async (state) => {
    const finderState = state.type.startsWith('finder') || state.type === 'map-after-consent';
    await page.goto(server.url + state.path, { waitUntil: finderState ? 'networkidle' : 'load' });
    if (state.act) await state.act(page);
    if (state.check) await state.check(page);
    expect(await axeViolations(page)).toEqual([]);
    if (sniffed(state)) expect(await htmlcsErrors(page)).toEqual([]);
  });

  it('flags an image without alternative text (the check can fail)', async () => {
    await page.goto(`${server.url}/kontakt/`, { waitUntil: 'load' });
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('img')));
    expect((await axeViolations(page)).some((v) => v.startsWith('image-alt'))).toBe(true);
  });
});

describe('WCAG 2 AA with HTML_CodeSniffer', () => {
  it.each(arabicOnlyForHtmlcs)('$type ($path): no errors', async (sample) => {
    await page.goto(server.url + sample.path, { waitUntil: 'load' });
    expect(await htmlcsErrors(page)).toEqual([]);
  });

  it('flags an empty heading (the check can fail)', async () => {
    await page.goto(`${server.url}/kontakt/`, { waitUntil: 'load' });
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('h3')));
    expect((await htmlcsErrors(page)).some((e) => e.startsWith('WCAG2AA.Principle1.Guideline1_3.1_3_1.H42.2'))).toBe(true);
  });
});

describe('what axe does not judge alone', () => {
  it.each([
    [320, 640],
    // 200 % zoom of a 1280 px window.
    [640, 400],
  ])('at %i px wide nothing needs horizontal scrolling; one h1, one main, the page language in lang', async (width, height) => {
    const reflow = await context.newPage();
    await reflow.setViewportSize({ width, height });
    const problems: string[] = [];
    for (const sample of samples) {
      await reflow.goto(server.url + sample.path, { waitUntil: 'load' });
      const facts = await reflow.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main, [role="main"]').length,
        lang: document.documentElement.lang,
      }));
      if (facts.scroll > width) problems.push(`${sample.path}: ${facts.scroll}px wide`);
      if (facts.h1 !== 1) problems.push(`${sample.path}: ${facts.h1} h1`);
      if (facts.main !== 1) problems.push(`${sample.path}: ${facts.main} main`);
      if (facts.lang !== sample.lang) problems.push(`${sample.path}: lang="${facts.lang}", expected "${sample.lang}"`);
    }
    await reflow.close();
    expect(problems).toEqual([]);
  });

  it('with reduced motion nothing animates or scrolls smoothly', async () => {
    const calm = await context.newPage();
    await calm.emulateMedia({ reducedMotion: 'reduce' });
    const problems: string[] = [];
    for (const sample of samples) {
      await calm.goto(server.url + sample.path, { waitUntil: 'load' });
      const moving = await calm.evaluate(() => {
        const seconds = (value: string) => Math.max(...value.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v))));
        const found: string[] = [];
        for (const element of document.querySelectorAll('*')) {
          const style = getComputedStyle(element);
          if (seconds(style.transitionDuration) > 0.01 || (style.animationName !== 'none' && seconds(style.animationDuration) > 0.01)) found.push(element.tagName.toLowerCase());
        }
        if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') found.push('html: smooth scrolling');
        return found;
      });
      if (moving.length) problems.push(`${sample.path}: ${[...new Set(moving)].join(', ')}`);
    }
    await calm.close();
    expect(problems).toEqual([]);
  });
});
