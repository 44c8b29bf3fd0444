/**
 * The built site served with exactly the headers Netlify would send (dist/_headers from
 * the build, plus netlify.toml): the headers are there and strict, and the CSP blocks
 * nothing of the site's own on any page type, while it does block an injected script.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { pageSamples, missingTypes, type PageSample } from '../helpers/page-types.ts';
import { headerRules, siteHeaders } from '../helpers/site-headers.ts';
import { headersFor } from '../../src/lib/headers-file.ts';
import { tileOrigin } from '../../src/lib/security-policy.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { extraStates, TILE_PNG, type PageState } from '../helpers/page-states.ts';
import { functionRoutes } from '../helpers/function-routes.ts';
import { DIST } from '../helpers/dist.ts';

const samples = pageSamples();
const states: PageState[] = [...samples, ...extraStates(samples)];
const tiles = loadContent().content.settings?.map?.tiles_url;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers (dist/_headers + netlify.toml)', () => {
  const rules = headerRules();
  const get = (path: string) => headersFor(rules, path);

  it('every page type the sources promise is in dist/', () => {
    expect(missingTypes(samples)).toEqual([]);
  });

  it.each(samples)('$type ($path): HSTS, nosniff, referrer, permissions, frame protection, one CSP', ({ path }) => {
    const h = get(path);
    expect(h['strict-transport-security']).toMatch(/max-age=(\d{8,})/);
    expect(Number(/max-age=(\d+)/.exec(h['strict-transport-security'])?.[1])).toBeGreaterThanOrEqual(31536000);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(h['permissions-policy']).toMatch(/camera=\(\)/);
    expect(h['permissions-policy']).toMatch(/microphone=\(\)/);
    expect(h['permissions-policy']).toMatch(/geolocation=\(\)/);
    const csp = directives(h['content-security-policy'] ?? '');
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
  });

  it.each(samples.filter((s) => s.type !== 'cms'))('$type ($path): the strict site policy', ({ path }) => {
    const csp = directives(get(path)['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    expect(scripts.slice(1).every((v) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(v)), scripts.join(' ')).toBe(true);
    expect(csp.get('style-src')?.some((v) => v.includes('unsafe'))).toBe(false);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    const images = csp.get('img-src') ?? [];
    expect(images.filter((v) => !["'self'", 'data:'].includes(v))).toEqual(tiles ? [tileOrigin(tiles)] : []);
  });

  it('the CMS has its own policy, never the site policy as well', () => {
    if (!samples.some((s) => s.type === 'cms')) return;
    const h = get('/admin/');
    const csp = directives(h['content-security-policy']);
    expect(csp.get('connect-src')).toContain('https://api.github.com');
    expect(h['content-security-policy']).not.toContain(',');
    expect(h['x-robots-tag']).toBe('noindex');
    expect(get('/angebote/')['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('hashed assets are cached for a year, immutable', () => {
    const asset = readdirSync(`${DIST}/_astro`)[0];
    expect(asset).toBeDefined();
    expect(get(`/_astro/${asset}`)['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(get('/')['cache-control']).toBeUndefined();
  });
});

describe('the CSP in Chromium', () => {
  let server: SiteServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    server = await serveSite({ root: DIST, headers: siteHeaders(), routes: await functionRoutes() });
    browser = await launchBrowser();
    context = await browser.newContext();
    // Tiles are answered locally (the map may be opened); nothing leaves the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
      /\.(png|jpe?g)(\?|$)/.test(route.request().url()) ? route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }) : route.abort(),
    );
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(states)('$type ($path): the response carries the CSP and nothing is blocked', async (state) => {
    violations.length = 0;
    let document: Response | undefined;
    const remember = (response: Response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) document = response;
    };
    page.on('response', remember);
    await page.goto(server.url + state.path, { waitUntil: 'networkidle' });
    if (state.act) await state.act(page);
    page.off('response', remember);
    // Pages from functions (no-script answers, mail links) send their own policy.
    const csp = directives((await document?.allHeaders())?.['content-security-policy'] ?? '');
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Only Decap CMS needs eval (see src/lib/security-policy.ts).
    if (state.type !== 'cms') expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')?.includes("'unsafe-inline'") ?? false).toBe(false);
    const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect([...violations, ...seen]).toEqual([]);
  });

  it('blocks a script injected into a page (the policy is enforced, not just sent)', async () => {
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return Boolean((window as unknown as { __injected?: boolean }).__injected);
    });
    expect(ran).toBe(false);
    const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect(seen.some((v) => v.startsWith('script-src'))).toBe(true);
  });
});
