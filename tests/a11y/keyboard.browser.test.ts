/**
 * A resident who uses only the keyboard: search from the home page, narrow the results
 * with a filter, open an offer, write to its provider through the contact form. Every
 * element that takes focus on the way shows it (WCAG 2.4.7), and the message really
 * arrives (local outbox, real contact function).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { functionRoutes } from '../helpers/function-routes.ts';
import { startContactEnv, type ContactEnv } from '../helpers/contact-env.ts';
import { DIST } from '../helpers/dist.ts';

let env: ContactEnv;
let server: SiteServer;
let browser: Browser;
let page: Page;
const focusProblems: string[] = [];

beforeAll(async () => {
  env = await startContactEnv({ env: { QN_CONTACT_MIN_FILL_MS: '0' } });
  server = await serveSite({ root: DIST, routes: await functionRoutes() });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

interface Focused {
  description: string;
  tag: string;
  visible: boolean;
  indicator: boolean;
  name: string;
  href: string;
  type: string;
}

/** What has focus, and whether a sighted keyboard user can see where it is. */
function focused(p: Page): Promise<Focused> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { description: 'body', tag: 'body', visible: false, indicator: false, name: '', href: '', type: '' };
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const inView = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const shadow = style.boxShadow !== 'none';
    return {
      description: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || (el as HTMLInputElement).name || '').trim().slice(0, 40)}"`,
      tag: el.tagName.toLowerCase(),
      visible: inView && style.visibility !== 'hidden' && style.opacity !== '0',
      indicator: outline || shadow,
      name: (el as HTMLInputElement).name ?? '',
      href: el.getAttribute('href') ?? '',
      type: (el as HTMLInputElement).type ?? '',
    };
  });
}

/** Tab until `wanted` matches, checking every stop on the way. */
async function tabTo(wanted: (f: Focused) => boolean, what: string, limit = 150): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag !== 'body' && (!f.visible || !f.indicator)) focusProblems.push(`${new URL(page.url()).pathname}: ${f.description} ${f.visible ? 'has no visible focus indicator' : 'is focused but not visible'}`);
    if (wanted(f)) return f;
  }
  throw new Error(`${what} not reached with ${limit} Tab presses on ${page.url()}`);
}

describe('keyboard only', () => {
  it('search, filter, open an offer and send the contact form, focus always visible', async () => {
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });

    const skip = await tabTo(() => true, 'the first stop');
    expect(skip.href, 'the skip link is the first stop').toBe('#inhalt');

    await tabTo((f) => f.tag === 'input' && f.name === 'q', 'the search field on the home page');
    await page.keyboard.type('Deutsch');
    await Promise.all([page.waitForURL(/\/angebote\/\?q=Deutsch/i), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    const withQuery = await page.locator('[data-offer]:visible').count();
    expect(withQuery).toBeGreaterThan(0);

    await tabTo((f) => f.tag === 'select' && f.name === 'kategorie', 'the topic filter');
    // A closed select changes with the arrow keys, like a screen-reader or keyboard user does it.
    for (let i = 0; i < 20 && (await page.locator('select[name="kategorie"]').inputValue()) !== 'sprache'; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.url()).toMatch(/kategorie=sprache/);
    const filtered = await page.locator('[data-offer]:visible').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(withQuery);

    const offer = await tabTo((f) => f.tag === 'a' && /^\/angebote\/(?!kategorie\/|fuer\/)[^/?]+\/$/.test(f.href), 'the first offer in the results');
    await Promise.all([page.waitForURL(`**${offer.href}`), page.keyboard.press('Enter')]);

    await tabTo((f) => f.tag === 'input' && f.name === 'name', 'the name field of the contact form');
    await page.keyboard.type('Erika Beispiel');
    await tabTo((f) => f.name === 'email', 'the email field');
    await page.keyboard.type('erika@example.org');
    await tabTo((f) => f.name === 'message', 'the message field');
    await page.keyboard.type('Guten Tag, ist im nächsten Kurs noch ein Platz frei? Vielen Dank.');
    await tabTo((f) => f.name === 'consent', 'the consent checkbox');
    await page.keyboard.press('Space');
    await tabTo((f) => f.tag === 'button' && f.type === 'submit', 'the send button');
    await page.keyboard.press('Enter');

    const done = page.locator('[data-done]');
    await done.waitFor({ state: 'visible', timeout: 15_000 });
    const after = await focused(page);
    expect(after.visible, `focus after sending: ${after.description}`).toBe(true);

    const mails = readdirSync(env.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(mails).toHaveLength(1);
    expect(readFileSync(join(env.outboxDir, mails[0]), 'utf8')).toContain('ist im n');

    expect(focusProblems).toEqual([]);
  });
});
