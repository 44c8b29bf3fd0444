/**
 * The switch "Von einer Person geprüft" in real Decap CMS (issue 22, item 6), against its
 * local backend on a throwaway copy (tests/cms/cms-env.ts): an editor opens a machine
 * translated offer, reads the Turkish text beside the German one, switches it on and
 * publishes. The file keeps its field: `translations.tr.machine_translated: false`, every
 * other language and the German text untouched; opened again, the switch is on.
 * Screenshot for docs/redaktion.md with QN_UPDATE_SCREENSHOTS=1.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/load-content.ts';
import { entryTranslations } from '../../src/lib/translation-sources.ts';
import { TRANSLATION_LANGUAGES } from '../../src/schema/translations.ts';
import { startCmsEnvironment, type CmsEnvironment } from './cms-env.ts';
import { launchBrowser } from '../helpers/browser.ts';

const SHOTS = process.env.QN_UPDATE_SCREENSHOTS === '1' ? 'docs/img' : 'test-results/cms';
const SLUG = 'deutschkurs-a1-mit-kinderbetreuung';

let env: CmsEnvironment;
let browser: Browser;
let page: Page;

const offerIn = (root: string) => loadContent(root).content.offers.find((o) => o.id === SLUG)!;
/** The switch of the translation column (the German column comes first). */
const translationSwitch = () => page.getByRole('switch', { name: 'Von einer Person geprüft' }).nth(1);

async function openInTurkish() {
  await page.goto('about:blank');
  await page.goto(`${env.origin}/admin/#/collections/offers/entries/${SLUG}`);
  await page.locator('[id^="title-field-"]').first().waitFor().catch(async (error) => {
    await page.screenshot({ path: 'test-results/debug-checked.png' });
    throw error;
  });
  // The translation column opens beside German on Decap's second locale (EN), or on the last one chosen.
  const right = page.getByRole('button', { name: /^Aktuelle Sprache: (?!DE)/ });
  if ((await right.count()) === 0) await page.getByTitle('Übersetzungen', { exact: true }).click();
  if ((await right.textContent()) !== 'Aktuelle Sprache: TR') {
    await right.click();
    await page.getByRole('menuitem', { name: 'tr', exact: true }).click();
  }
  await page.getByText('Aktuelle Sprache: TR').waitFor();
}

beforeAll(async () => {
  env = await startCmsEnvironment();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'de-DE' });
  // Tests never leave the machine.
  await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  // Sign in to the local backend once; Decap keeps the session for the later page loads.
  await page.goto(`${env.origin}/admin/`);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { name: 'Angebote' }).waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('Decap: a translation checked by a person', () => {
  it('switches "Von einer Person geprüft" on beside the German text; the file says machine_translated: false for that language only', async () => {
    const before = offerIn(env.root);
    expect(before.data.translations?.tr?.machine_translated).toBe(true);
    const fileBefore = readFileSync(join(env.root, before.file), 'utf8');

    await openInTurkish();
    // The Turkish title stands beside the German one; the switch starts off (machine made).
    expect(await page.locator('[id^="title-field-"]').nth(1).inputValue()).toBe(before.data.translations!.tr!.title);
    await expect.poll(() => translationSwitch().isChecked()).toBe(false);
    await expect.poll(() => page.getByText('Maschinell übersetzt: Die Website weist darauf hin.').count()).toBeGreaterThan(0);
    await translationSwitch().check();
    expect(await translationSwitch().isChecked()).toBe(true);
    await page.getByText('Geprüft: Die Website zeigt keinen Hinweis').first().waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'cms-uebersetzung-geprueft.png') });

    await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await page.getByText('Jetzt veröffentlichen').click();
    await page.getByText('Änderungen gespeichert').waitFor();

    const text = readFileSync(join(env.root, before.file), 'utf8');
    // One language checked, under the field the site reads; nothing named after the switch.
    expect(text.match(/^ {4}machine_translated: false$/gm)).toHaveLength(1);
    expect(text).not.toMatch(/checked|geprüft/i);
    const { problems } = loadContent(env.root);
    expect(problems).toEqual([]);
    const after = offerIn(env.root);
    expect(after.data.translations?.tr?.machine_translated).toBe(false);
    for (const lang of TRANSLATION_LANGUAGES.filter((l) => l !== 'tr')) expect(after.data.translations?.[lang], lang).toEqual(before.data.translations?.[lang]);
    const { machine_translated: _a, ...trAfter } = after.data.translations!.tr!;
    const { machine_translated: _b, ...trBefore } = before.data.translations!.tr!;
    expect(trAfter).toEqual(trBefore);
    const { translations: _t, ...germanAfter } = after.data;
    const { translations: _u, ...germanBefore } = before.data;
    expect(germanAfter).toEqual(germanBefore);
    expect(after.body.trim()).toBe(before.body.trim());
    // The translate run and health now treat it as checked: never overwritten.
    expect(entryTranslations('offers', { data: after.data as Record<string, unknown>, body: after.body }, TRANSLATION_LANGUAGES)!.states.tr).toMatch(/^checked/);
    expect(fileBefore).not.toBe(text);
  });

  it('opened again, the switch is on; switched off, the text is machine-made again', async () => {
    await openInTurkish();
    await expect.poll(() => translationSwitch().isChecked()).toBe(true);
    await translationSwitch().uncheck();
    await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await page.getByText('Jetzt veröffentlichen').click();
    await page.getByText('Änderungen gespeichert').waitFor();
    expect(offerIn(env.root).data.translations?.tr?.machine_translated).toBe(true);
  });
});
