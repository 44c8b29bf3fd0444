/**
 * Page states beyond "loaded": the finder with results and with none, the map after
 * consent, every form after an empty submit (its error state). Derived from dist/ like the
 * page types, so forms and finder features other issues add are picked up as they land.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { isRightToLeft, type PageSample } from './page-types.ts';
import { DIST } from './dist.ts';

export interface PageState extends PageSample {
  /** Brings the loaded page into the state; throws when the state cannot be reached. */
  act?: (page: Page) => Promise<void>;
  /** Asserts the state was really reached (throws otherwise). */
  check?: (page: Page) => Promise<void>;
}

/** A 1×1 PNG: what the intercepted tile server answers. */
export const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const FINDER_QUERY_WITH_RESULTS = 'deutsch';
export const FINDER_QUERY_WITHOUT_RESULTS = 'xylophonbau';

function html(dist: string, path: string): string {
  const file = path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Forms that post to a site function (contact, newsletter, …). */
const POST_FORM = /<form\b[^>]*\bmethod="post"[^>]*\baction="\/api\/|<form\b[^>]*\baction="\/api\/[^>]*\bmethod="post"/i;

export function hasPostForm(dist: string, path: string): boolean {
  return POST_FORM.test(html(dist, path));
}

/** Submits every site form on the page empty and waits until each marks a field invalid. */
export async function submitFormsEmpty(page: Page): Promise<void> {
  const forms = page.locator('form[method="post" i][action^="/api/"]');
  const count = await forms.count();
  if (count === 0) throw new Error(`no form on ${page.url()}`);
  for (let i = 0; i < count; i++) {
    const form = forms.nth(i);
    await form.locator('button[type="submit"], input[type="submit"]').first().click();
    await form.locator('[aria-invalid="true"]').first().waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {
      throw new Error(`form ${i + 1} on ${page.url()} marks no field with aria-invalid="true" after an empty submit`);
    });
  }
}

async function expectNoOfferShown(page: Page): Promise<void> {
  const shown = await page.locator('[data-offer]:visible').count();
  if (shown > 0) throw new Error(`the finder still shows ${shown} offers for "${FINDER_QUERY_WITHOUT_RESULTS}"`);
}

/** "Liste drucken": draws the QR codes (locally) and opens the print dialog. */
async function printResults(page: Page): Promise<void> {
  await page.evaluate(() => {
    // Headless Chromium has no print dialog to wait for; the page's own code still runs.
    window.print = () => {};
  });
  // Clicked again until the codes are there: on a loaded 2-core CI machine the first click
  // may come before the finder's script has attached its handler (as with the map below).
  const codes = page.locator('[data-offer] img, [data-offer] canvas, [data-offer] svg').first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.getByRole('button', { name: /drucken/i }).first().click();
    if (await codes.waitFor({ state: 'attached', timeout: 5_000 }).then(() => true, () => false)) return;
    if (Date.now() > deadline) throw new Error('The print button added no QR code to the offers within 60 s.');
  }
}

/** True when the finder page offers a map (the finder issue's Leaflet view). */
export function finderHasMap(dist = DIST): boolean {
  return /leaflet|data-map|Karte laden/i.test(html(dist, '/angebote/'));
}

/** Opens the map view, gives consent and waits for tiles (which the caller intercepts). */
export async function openMapWithConsent(page: Page): Promise<void> {
  const toggle = page.locator('[data-map-toggle]').first();
  const consent = page.locator('[data-map-load]').first();
  const map = page.locator('.leaflet-container').first();
  // Each step is repeated until the page shows its effect: on a loaded 2-core CI machine a
  // click could come before the finder's script had attached its handler and do nothing.
  // The map's script (Leaflet, ≈ 150 kB) loads only after consent.
  const deadline = Date.now() + 60_000;
  while (!(await map.isVisible())) {
    if (Date.now() > deadline) {
      const status = (await page.locator('[data-map-status]').first().textContent())?.trim();
      throw new Error(`the finder map did not appear within 60 s of "Karte anzeigen" and "Karte laden" (map status: "${status ?? ''}")`);
    }
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    else if (await consent.isVisible()) await consent.click();
    await page.waitForTimeout(250);
  }
  await page.locator('img.leaflet-tile-loaded, .leaflet-marker-icon').first().waitFor({ timeout: 30_000 });
}

/**
 * The form sent the way a browser without JavaScript sends it (native submit, no script
 * intercepts it): the function answers with its own HTML page, here the error page.
 */
function submitNatively(action: string) {
  return async (page: Page): Promise<void> => {
    const form = page.locator(`form[method="post" i][action="${action}"]`).first();
    await Promise.all([page.waitForURL((url) => url.pathname === action), form.evaluate((f: HTMLFormElement) => f.submit())]);
  };
}

function formActions(html: string): string[] {
  return [...html.matchAll(/<form\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /method="post"/i.test(tag))
    .map((tag) => /action="(\/api\/[^"]+)"/.exec(tag)?.[1])
    .filter((a): a is string => Boolean(a));
}

/** Function paths that answer a link from a mail with a page (confirm, unsubscribe). */
function linkPages(root = process.cwd()): string[] {
  const dir = join(root, 'functions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => /path:\s*'(\/api\/[^']*(confirm|unsubscribe)[^']*)'/.exec(readFileSync(join(dir, f), 'utf8'))?.[1])
    .filter((p): p is string => Boolean(p))
    .sort();
}

export function extraStates(samples: PageSample[], dist = DIST): PageState[] {
  const states: PageState[] = [];
  if (samples.some((s) => s.type === 'finder')) {
    states.push({ type: 'finder-results', path: `/angebote/?q=${FINDER_QUERY_WITH_RESULTS}`, lang: 'de' });
    // Once the finder runs in the browser, a query nothing matches must leave no offer shown.
    const interactive = /<script\b/i.test(html(dist, '/angebote/'));
    states.push({ type: 'finder-none', path: `/angebote/?q=${FINDER_QUERY_WITHOUT_RESULTS}`, lang: 'de', check: interactive ? expectNoOfferShown : undefined });
    if (finderHasMap(dist)) states.push({ type: 'map-after-consent', path: '/angebote/', lang: 'de', act: openMapWithConsent });
    if (/data-print\b/.test(html(dist, '/angebote/'))) {
      states.push({ type: 'finder-print', path: `/angebote/?q=${FINDER_QUERY_WITH_RESULTS}`, lang: 'de', act: printResults });
    }
  }
  for (const sample of samples) {
    if (sample.type === 'cms' || !hasPostForm(dist, sample.path)) continue;
    // Error texts of other languages: right-to-left ones here, the rest by the i18n tests.
    if (sample.lang !== 'de' && !isRightToLeft(sample.lang)) continue;
    states.push({ type: `${sample.type}-form-errors`, path: sample.path, lang: sample.lang, act: submitFormsEmpty });
  }
  // Without JavaScript each function answers with its own page: one state per function.
  const seen = new Set<string>();
  for (const sample of samples) {
    if (sample.type === 'cms') continue;
    for (const action of formActions(html(dist, sample.path))) {
      if (seen.has(action)) continue;
      seen.add(action);
      states.push({ type: `no-script ${action} errors`, path: sample.path, lang: sample.lang, act: submitNatively(action) });
    }
  }
  for (const path of linkPages()) states.push({ type: `mail link ${path} (invalid token)`, path: `${path}?token=ungueltig`, lang: 'de' });
  return states;
}
