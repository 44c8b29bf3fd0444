/** The yearly report prints on two A4 pages; the status page loads without errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';

let browser: Browser;
let site: SiteServer;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), serveSite()]);
  page = await browser.newPage();
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('yearly report', () => {
  it('prints on two A4 pages', async () => {
    await page.goto(`${site.url}/admin/jahresbericht/2026/`);
    const pdf = await PDFDocument.load(await page.pdf({ format: 'A4' }));
    expect(pdf.getPageCount()).toBe(2);
    const { width, height } = pdf.getPage(0).getSize();
    // A4 is 595.28 × 841.89 pt; Chromium rounds to whole CSS pixels.
    expect(Math.abs(width - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(height - 841.89)).toBeLessThan(1.5);
    expect(errors).toEqual([]);
  });

  it('status page shows the counts', async () => {
    await page.goto(`${site.url}/admin/zustand/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Zustand der Website');
    expect(await page.locator('.health-counts li').count()).toBe(3);
    expect(errors).toEqual([]);
  });
});
