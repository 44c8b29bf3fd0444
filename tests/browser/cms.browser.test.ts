/**
 * Decap CMS in Chromium against its local backend, on a throwaway copy of the project
 * (tests/cms/cms-env.ts): create an offer through the form, edit an organisation, upload
 * minutes to a meeting, translate an offer beside German, see a refused save; then the copy still passes the content check
 * and a build shows the changes. Screenshots for docs/redaktion.md are written to
 * docs/img/ when QN_UPDATE_SCREENSHOTS=1, else to test-results/cms/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate } from '../../src/lib/dates.ts';
import { loadContent } from '../../src/lib/load-content.ts';
import { startCmsEnvironment, type CmsEnvironment } from '../cms/cms-env.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { withoutTranslations } from '../helpers/untranslated.ts';

const SHOTS = process.env.QN_UPDATE_SCREENSHOTS === '1' ? 'docs/img' : 'test-results/cms';
const OFFER_TITLE = 'Sprachcafé für Mütter & Väter';
const OFFER_SLUG = 'sprachcafe-fuer-muetter-vaeter';
const ORGANISATION = 'kinderhauser-arbeitslosen-initiative';
const MEETING = '2024-09-17-netzwerk-beschaeftigung';
const UPLOAD = 'protokoll-september-2024.pdf';
const TRANSLATED = 'alphabetisierungskurs';

let env: CmsEnvironment;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const today = berlinDate(new Date());

async function shot(name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A fresh page load: Decap keeps unsaved forms across hash changes and asks before leaving them. */
async function open(hash: string) {
  await page.goto('about:blank');
  await page.goto(`${env.origin}/admin/#${hash}`);
}

const field = (name: string) => page.locator(`[id^="${name}-field-"]`).first();

/** Picks an option in a relation or select widget (react-select) by typing part of it. */
async function pick(name: string, typed: string, option: RegExp, nth = 0) {
  const input = page.locator(`[id^="${name}-field-"]`).nth(nth);
  await input.click();
  await input.pressSequentially(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function publish() {
  await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
  await page.getByText('Jetzt veröffentlichen').click();
  await page.getByText('Änderungen gespeichert').waitFor();
}

async function minutesPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText('Protokoll Netzwerk III, September 2024', { x: 50, y: 780, size: 16, font });
  return Buffer.from(await pdf.save());
}

beforeAll(async () => {
  env = await startCmsEnvironment();
  // The sample offer is translated already (issue 22): in this copy it starts from the German text alone.
  const translatedFile = join(env.root, 'content/offers', `${TRANSLATED}.md`);
  writeFileSync(translatedFile, withoutTranslations(readFileSync(translatedFile, 'utf8')));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId: 'Europe/Berlin', locale: 'de-DE' });
  // Tests never leave the machine: map tiles and anything else foreign are refused.
  await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
  context.setDefaultTimeout(15_000);
  // Decap opens the translation column by default; the form steps work on the German form alone
  // (the translation step switches the column on, as an editor would).
  await context.addInitScript(() => {
    try {
      if (!localStorage.getItem('cms.right-pane')) localStorage.setItem('cms.right-pane', 'preview');
    } catch {
      // about:blank has no storage.
    }
  });
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('Decap CMS on the local backend', () => {
  it('opens in German on the local backend and lists offers with their review date', async () => {
    await page.goto(`${env.origin}/admin/`);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Angebote' }).waitFor();
    await page.getByText(/· geprüft \d{2}\.\d{2}\.\d{4}/).first().waitFor();
    await page.getByRole('button', { name: 'Filtern nach' }).click();
    await page.getByText('Seit über 12 Monaten nicht bestätigt').click();
    await shot('cms-angebote-filter');
    await page.keyboard.press('Escape');
    const shown = await page.getByText(/· geprüft \d{2}\.\d{2}\.\d{4}/).allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    // The filter keeps only entries confirmed more than 12 months ago.
    for (const line of shown) {
      const [d, m, y] = line.match(/geprüft (\d{2})\.(\d{2})\.(\d{4})/)!.slice(1);
      expect(`${y}-${m}-${d}` < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, line).toBe(true);
    }
    expect(await page.evaluate(() => document.querySelector('meta[name="robots"]')?.getAttribute('content'))).toBe('noindex, nofollow');
  });

  it('creates an offer through the form: text, relations, list, map and date fields', async () => {
    await open('/collections/offers/new');
    await field('title').fill(OFFER_TITLE);
    await field('summary').fill('Deutsch sprechen beim Kaffee, während die Kinder nebenan spielen.');
    await pick('provider', 'Kinderhauser', /Kinderhauser Arbeitslosen Initiative/);
    await pick('networks', 'Sprache', /Sprachkompetenz/);
    await pick('categories', 'Sprache', /^Sprache$/);
    await pick('audiences', 'Eltern', /Eltern/);
    await pick('languages', 'Türk', /^Türkisch \(tr\)$/);
    await field('street').fill('Sprickmannplatz 1');
    await field('postal_code').fill('48159');
    await field('city').fill('Münster');
    await page.getByRole('button', { name: 'Karte zeigen und Punkt setzen' }).click();
    const map = page.getByTestId('geo-map');
    await map.waitFor();
    // The widget writes the point after the click settles; on a busy machine that takes a
    // moment, and a click while the map is still loading sets nothing: click again then.
    const latitude = async () => Number(await field('geo').inputValue());
    for (let attempt = 0; attempt < 4 && !((await latitude()) > 51); attempt++) {
      await map.click({ position: { x: 220, y: 140 } });
      await expect.poll(latitude, { timeout: 5_000 }).toBeGreaterThan(51).catch(() => undefined);
    }
    expect(await latitude()).toBeGreaterThan(51);
    await shot('cms-angebot-karte');
    await page.getByRole('button', { name: /zeit hinzufügen/i }).click();
    await pick('days', 'Diens', /Dienstag/);
    await pick('days', 'Donn', /Donnerstag/);
    await field('opens').fill('09:30');
    await field('closes').fill('11:30');
    await field('ends_on').fill('2027-06-30');
    await page.getByRole('button', { name: /suchwort hinzufügen/i }).click();
    await page.locator('[id^="item-field-"]').last().fill('Kaffee');
    await page.locator('[data-slate-editor="true"]').first().click();
    await page.keyboard.type('Jeden Dienstag und Donnerstag im Atrium. Die Kinder spielen nebenan.');
    await field('title').scrollIntoViewIfNeeded();
    await shot('cms-angebot-neu');
    await publish();

    const file = join(env.root, 'content/offers', `${OFFER_SLUG}.md`);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('provider: kinderhauser-arbeitslosen-initiative');
    expect(text).toMatch(/networks:\n {2}- netzwerk-sprache/);
    expect(text).toMatch(/categories:\n {2}- sprache/);
    expect(text).toMatch(/languages:\n {2}- de\n {2}- tr/);
    expect(text).toMatch(/geo:\n {4}lat: 5\d\.\d+\n {4}lng: 7\.\d+/);
    expect(text).toMatch(/days:\n\s+- tu\n\s+- th/);
    expect(text).toContain('ends_on: 2027-06-30');
    expect(text).toContain(`reviewed_at: ${today}`);
    expect(text).not.toMatch(/^slug:/m);
    const offer = loadContent(env.root).content.offers.find((o) => o.id === OFFER_SLUG);
    expect(offer?.data.schedule).toEqual([{ days: ['tu', 'th'], opens: '09:30', closes: '11:30' }]);
    expect(offer?.body).toContain('Jeden Dienstag');
  }, 150_000);

  it('refuses to save what the site would refuse, and says why in German', async () => {
    await open('/collections/offers/new');
    await field('title').fill('Beratung ohne Ort');
    await field('summary').fill('Ein Angebot ohne Ort und nicht online.');
    await pick('provider', 'Sozialb', /Sozialbüro/);
    await pick('categories', 'Beratung', /^Beratung$/);
    await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await page.getByText('Jetzt veröffentlichen').click();
    const toast = page.getByText(/Nicht gespeichert\. Bitte korrigieren: Ort: Ort fehlt/);
    await toast.waitFor();
    await shot('cms-fehler');
    expect(readdirSync(join(env.root, 'content/offers')).filter((f) => f.startsWith('beratung-ohne-ort'))).toEqual([]);
  });

  it('edits an organisation and confirms it is still current in one click', async () => {
    await open(`/collections/organisations/entries/${ORGANISATION}`);
    await field('phone').waitFor();
    // Opening an entry leaves its review date alone; only the button changes it.
    const before = loadContent(env.root).content.organisations.find((o) => o.id === ORGANISATION)!.data.reviewed_at;
    expect(before).not.toBe(today);
    expect(await field('reviewed_at').inputValue()).toBe(before);
    await field('phone').fill('0251 0002299');
    await page.getByTestId('confirm-today').click();
    await page.getByText('Heute bestätigt ✓').waitFor();
    await page.getByTestId('confirm-today').scrollIntoViewIfNeeded();
    await shot('cms-organisation-bestaetigen');
    await publish();
    const text = readFileSync(join(env.root, 'content/organisations', `${ORGANISATION}.md`), 'utf8');
    expect(text).toContain('phone: 0251 0002299');
    expect(text).toContain(`reviewed_at: ${today}`);
    expect(text).toContain('Die Kinderhauser Arbeitslosen Initiative (KAI) ist ein gemeinnütziger Verein');
  });

  it('uploads minutes (PDF) to a meeting', async () => {
    await open(`/collections/meetings/entries/${MEETING}`);
    await page.getByRole('button', { name: /dokument hinzufügen/i }).click();
    await field('title').last().waitFor();
    await page.locator('[id^="title-field-"]').last().fill('Protokoll');
    await pick('kind', 'Proto', /^Protokoll$/);
    await page.getByRole('button', { name: 'Wählen Sie eine Datei' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'Protokoll September 2024.pdf', mimeType: 'application/pdf', buffer: await minutesPdf() });
    await page.getByText(UPLOAD).first().waitFor();
    await shot('cms-dokument-hochladen');
    // Decap selects a file right after its upload.
    await page.getByRole('button', { name: 'Ausgewähltes Element verwenden' }).click();
    await page.getByText(`/uploads/${UPLOAD}`).first().waitFor();
    await publish();
    expect(existsSync(join(env.root, 'public/uploads', UPLOAD))).toBe(true);
    const meeting = loadContent(env.root).content.meetings.find((m) => m.id === MEETING);
    expect(meeting?.data.documents).toEqual([{ title: 'Protokoll', file: `/uploads/${UPLOAD}`, kind: 'protokoll' }]);
    expect(meeting?.body).toContain('TOP 1: Familien aus Südosteuropa');
  });

  it('refuses an upload that could run script (SVG, HTML) before Decap stores it (issue 15)', async () => {
    await open(`/collections/meetings/entries/${MEETING}`);
    await page.getByRole('button', { name: /dokument hinzufügen/i }).click();
    await page.getByRole('button', { name: 'Wählen Sie eine Datei' }).last().click();
    const input = page.locator('input[type="file"]');
    expect(await input.getAttribute('accept')).toContain('.pdf');
    // The page-wide handler (beforeAll) accepts every dialog; this one only reads it.
    const messages: string[] = [];
    const read = (dialog: { message(): string }) => messages.push(dialog.message());
    page.on('dialog', read);
    for (const [name, mimeType, body] of [
      ['Angriff.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['seite.html', 'text/html', '<script src="/uploads/x.js"></script>'],
    ]) {
      await input.setInputFiles({ name, mimeType, buffer: Buffer.from(body) });
      await expect.poll(() => messages.length).toBeGreaterThan(0);
      expect(messages.pop()).toMatch(/dürfen nicht hochgeladen werden: Erlaubt sind nur PDF, PNG, JPEG oder WebP/);
    }
    page.off('dialog', read);
    expect(readdirSync(join(env.root, 'public/uploads')).filter((f) => /\.(svg|html)$/i.test(f))).toEqual([]);
  });

  it('opening an entry changes nothing: its links load in German, the other language pane stays quiet', async () => {
    // Decap's relation control writes its loaded value back on mount; in the second
    // language's pane that marked every opened entry as changed (admin/widgets/locale-quiet.ts).
    await open(`/collections/offers/entries/job-cafe`);
    await page.getByText('Kinderhauser Arbeitslosen Initiative e.V.').first().waitFor();
    await page.getByText('Netzwerk III: Wege in Beschäftigung').first().waitFor();
    await page.getByTitle('Übersetzungen', { exact: true }).click();
    await page.getByText('Aktuelle Sprache: EN').waitFor();
    expect(await page.getByText(/Änderungen gespeichert/i).count()).toBeGreaterThan(0);
    await page.waitForTimeout(1_000);
    expect(await page.getByText(/Ungespeicherte Änderungen/i).count()).toBe(0);
    // Decap remembers the open translation pane; the next test opens it itself.
    await page.getByTitle('Übersetzungen', { exact: true }).click();
    await page.getByText('Aktuelle Sprache: EN').waitFor({ state: 'detached' });
  });

  it('translates an offer beside the German text; the file keeps its name, German stays at the root', async () => {
    const before = loadContent(env.root).content.offers.find((o) => o.id === TRANSLATED)!;
    expect(before.data.translations?.tr).toBeUndefined();
    await open(`/collections/offers/entries/${TRANSLATED}`);
    await field('title').waitFor();
    await page.getByTitle('Übersetzungen', { exact: true }).click();
    // Right column: Decap's second locale first (EN); switch it to Turkish.
    await page.getByText('Aktuelle Sprache: EN').click();
    await page.getByRole('menuitem', { name: 'tr', exact: true }).click();
    await page.getByText('Aktuelle Sprache: TR').waitFor();
    const title = page.locator('[id^="title-field-"]').nth(1);
    await title.fill('Okuma yazma kursu');
    await page.locator('[id^="summary-field-"]').nth(1).fill('Almanca okuma ve yazmayı adım adım öğrenin.');
    // The German form beside it is untouched.
    expect(await field('title').inputValue()).toBe(before.data.title);
    await shot('cms-uebersetzung');
    await publish();
    await page.evaluate(() => localStorage.setItem('cms.right-pane', 'preview'));

    const file = join(env.root, 'content/offers', `${TRANSLATED}.md`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^title: /m);
    expect(text).toMatch(/^translations:\n {2}tr:\n {4}title: Okuma yazma kursu$/m);
    expect(readdirSync(join(env.root, 'content/offers')).filter((f) => f.startsWith(TRANSLATED))).toEqual([`${TRANSLATED}.md`]);
    const { content, problems } = loadContent(env.root);
    expect(problems).toEqual([]);
    const after = content.offers.find((o) => o.id === TRANSLATED)!;
    expect(after.data.translations?.tr).toMatchObject({ title: 'Okuma yazma kursu', summary: 'Almanca okuma ve yazmayı adım adım öğrenin.' });
    expect(Object.keys(after.data.translations ?? {})).toEqual(['tr']);
    const { translations: _t, ...germanAfter } = after.data;
    const { translations: _b, ...germanBefore } = before.data;
    expect(germanAfter).toEqual(germanBefore);
    expect(after.body.trim()).toBe(before.body.trim());
  });

  it('leaves content the check accepts, and a build shows every change', async () => {
    expect(loadContent(env.root).problems).toEqual([]);
    await env.rebuild();
    const dist = join(env.root, 'dist');
    const finder = readFileSync(join(dist, 'angebote/index.html'), 'utf8');
    expect(finder).toContain(`/angebote/${OFFER_SLUG}/`);
    expect(readFileSync(join(dist, 'angebote', OFFER_SLUG, 'index.html'), 'utf8')).toContain('Sprachcafé für Mütter &amp; Väter');
    expect(readFileSync(join(dist, 'organisationen', ORGANISATION, 'index.html'), 'utf8')).toContain('0251 0002299');
    expect(readFileSync(join(dist, 'archiv', MEETING, 'index.html'), 'utf8')).toContain(`href="/uploads/${UPLOAD}"`);
    expect(existsSync(join(dist, 'uploads', UPLOAD))).toBe(true);
    expect(readFileSync(join(dist, 'tr/angebote', TRANSLATED, 'index.html'), 'utf8')).toContain('Okuma yazma kursu');
  }, 120_000);
});
