/**
 * Issue 18, item 1 in Chromium under `npm start` (a throw-away clone): the partner link →
 * "Nachricht an das Netzwerk" with a real PDF → the proposal waits in Decap's editorial
 * workflow → the office publishes it there (Status „Geprüft“, „Veröffentlichen“) → the newsletter sender (as its schedule runs it,
 * twice) mails exactly one message per subscriber of that network into the outbox, none
 * to another network's subscribers, with the PDF as a link that serves the very file →
 * the post on the network page and in /aktuelles/, "von <Organisation>", its HTML
 * sanitised. Screenshots for docs/redaktion.md go to docs/img/ with
 * QN_UPDATE_SCREENSHOTS=1, else to test-results/board/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startBlobs, type LocalBlobs } from '../helpers/blobs.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { publishFromWorkflow } from '../helpers/decap-workflow.ts';
import { startClone, type StartedClone } from '../helpers/npm-start.ts';
import { partnerLink } from '../../functions/lib/partner/links.ts';
import { newsletterData } from '../../functions/lib/newsletter/data.ts';
import { runNewsletterSend } from '../../functions/lib/newsletter/send.ts';
import { recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { bigPdf, realPdf } from './pdf.ts';

const SHOTS = process.env.QN_UPDATE_SCREENSHOTS === '1' ? 'docs/img' : 'test-results/board';
const SECRET = 'board-browser-test-secret-of-enough-length';
const ORG = 'kinderhauser-arbeitslosen-initiative';
const ORG_NAME = 'Kinderhauser Arbeitslosen Initiative e.V.';
const NETWORK = 'netzwerk-jugend-ausbildung';
const TITLE = 'Praktikumsplätze für den Sommer gesucht';
const SLUG = 'praktikumsplaetze-fuer-den-sommer-gesucht';
const PDF_PATH = `/uploads/${SLUG}-flyer-praktikum.pdf`;
/** Subscribers: two of the chosen network (one of them also of another), one of another network only. */
const SUBSCRIBERS = { jugend: 'jugend@example.org', both: 'beide@example.org', sprache: 'sprache@example.org' };

let clone: StartedClone;
let browser: Browser;
let page: Page;
let blobs: LocalBlobs;
let pdf: Uint8Array;
const VARIABLES = ['QN_GENERATED_DIR', 'QN_OUTBOX_DIR', 'PARTNER_SECRET', 'QN_PUBLIC_URL'] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

async function shot(name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  blobs = await startBlobs();
  clone = await startClone({ prefix: 'qn-board-start-', env: { QN_NOW: TEST_NOW, PARTNER_SECRET: SECRET }, waitPath: '/partner/' });
  process.env.QN_GENERATED_DIR = join(clone.root, 'generated');
  process.env.QN_OUTBOX_DIR = join(clone.root, '.outbox');
  process.env.PARTNER_SECRET = SECRET;
  // Links in the newsletter point back at this npm start (as QN_PUBLIC_URL does for a preview).
  process.env.QN_PUBLIC_URL = clone.origin;
  pdf = await realPdf('Praktikumsplätze im Sommer – bitte melden!');
  const proof = (networks: string[]) => ({ networks, requestedAt: '2026-11-01T10:00:00.000Z', confirmedAt: '2026-11-01T10:05:00.000Z', consentVersion: consentVersion(), consentText: consentText() });
  await recordConfirmation(SUBSCRIBERS.jugend, proof([NETWORK]));
  await recordConfirmation(SUBSCRIBERS.both, proof([NETWORK, 'netzwerk-sprache']));
  await recordConfirmation(SUBSCRIBERS.sprache, proof(['netzwerk-sprache']));
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'de-DE' })).newPage();
  // astro dev compiles each page on its first request, on a machine shared with other tests.
  page.setDefaultNavigationTimeout(120_000);
  page.setDefaultTimeout(60_000);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await clone?.stop();
  await blobs?.stop();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Mails in the clone's outbox about this post, by recipient. */
async function postMails(): Promise<Map<string, Array<{ html: string; text: string; attachments: number }>>> {
  const dir = join(clone.root, '.outbox');
  const byRecipient = new Map<string, Array<{ html: string; text: string; attachments: number }>>();
  for (const name of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : []) {
    const mail = await PostalMime.parse(readFileSync(join(dir, name)));
    if (!mail.subject?.includes(TITLE)) continue;
    for (const to of mail.to ?? []) byRecipient.set(to.address!, [...(byRecipient.get(to.address!) ?? []), { html: mail.html ?? '', text: mail.text ?? '', attachments: mail.attachments.length }]);
  }
  return byRecipient;
}

describe('partners write to their network, under npm start', () => {
  it('message with a PDF → Decap workflow → published → one mail per subscriber of the network → on the network page', async () => {
    // The partner: its link → "Nachricht an das Netzwerk".
    const link = partnerLink(clone.origin, ORG, new Date(TEST_NOW));
    await page.goto(link.url);
    await page.getByRole('heading', { name: `Einträge von Kinderhauser Arbeitslosen Initiative` }).waitFor();
    await page.getByRole('button', { name: 'Nachricht an das Netzwerk schreiben' }).click();
    await page.getByRole('heading', { name: 'Nachricht an das Netzwerk' }).waitFor();
    // Only the organisation's own networks are offered.
    expect(await page.locator('input[name="networks"]').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value).sort())).toEqual(['netzwerk-beschaeftigung', 'netzwerk-jugend-ausbildung', 'netzwerk-sprache']);
    await page.locator('#nachricht-titel').fill(TITLE);
    const text = 'Wer hat im Sommer einen **Praktikumsplatz** für Jugendliche aus Kinderhaus?\n\nDer Flyer hängt an.';
    await page.locator('#nachricht-text').fill(text);
    await page.locator(`input[name="networks"][value="${NETWORK}"]`).check();
    await page.evaluate(() => window.scrollTo(0, document.querySelector('#nachricht-titel')!.getBoundingClientRect().top + window.scrollY - 120));
    await shot('partner-nachricht');
    // Markup a partner might paste: kept in the file, never run on the site (checked below).
    await page.locator('#nachricht-text').fill(`${text} <script>alert("x")</script>`);
    // A renamed script first: refused at the field, the text stays.
    await page.locator('#nachricht-anhaenge').setInputFiles({ name: 'flyer.pdf', mimeType: 'application/pdf', buffer: Buffer.from('#!/bin/sh\necho hallo\n') });
    await page.getByRole('button', { name: 'Nachricht zur Freigabe senden' }).click();
    await page.getByText('„flyer.pdf“ ist kein PDF-Dokument').first().waitFor();
    expect(await page.locator('#nachricht-titel').inputValue()).toBe(TITLE);
    await shot('partner-nachricht-fehler');
    // Too big for one post (Netlify's limit): with JavaScript the form says so and sends nothing.
    let posts = 0;
    const count = (request: { method(): string }) => void (request.method() === 'POST' && posts++);
    page.on('request', count);
    await page.locator('#nachricht-anhaenge').setInputFiles({ name: 'Grosser Flyer.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await bigPdf(4.5 * 1024 * 1024)) });
    await page.getByRole('button', { name: 'Nachricht zur Freigabe senden' }).click();
    await page.getByText('Die Anhänge sind zusammen 4,5 MB groß: Eine Nachricht kann höchstens 4 MB mitnehmen.').waitFor();
    expect(posts).toBe(0);
    page.off('request', count);
    await page.locator('#nachricht-anhaenge').setInputFiles({ name: 'Flyer Praktikum.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await page.getByRole('button', { name: 'Nachricht zur Freigabe senden' }).click();
    await page.getByText('wartet jetzt auf die Freigabe').waitFor();
    await shot('partner-nachricht-gesendet');

    // It waits in Decap's workflow, entry and PDF on the entry's branch, nothing on main yet.
    const branch = `cms/news/${SLUG}`;
    expect(clone.git('config', `branch.${branch}.description`).trim()).toBe('decap-cms/pending_review');
    expect(clone.git('diff', '--name-only', 'main', branch).trim().split('\n').sort()).toEqual([`content/news/${SLUG}.md`, `public${PDF_PATH}`]);
    expect(existsSync(join(clone.root, `content/news/${SLUG}.md`))).toBe(false);

    // Decap sees the PDF as the entry's media: what its backend asks decap-server for.
    const decap = async (action: string, params: Record<string, unknown>) =>
      (await fetch(`http://127.0.0.1:${clone.decapPort}/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }) })).json();
    const waiting = (await decap('unpublishedEntry', { collection: 'news', slug: SLUG })) as { status: string; diffs: Array<{ path: string }> };
    expect(waiting.status).toBe('pending_review');
    expect(waiting.diffs.map((d) => d.path).sort()).toEqual([`content/news/${SLUG}.md`, `public${PDF_PATH}`]);
    const media = (await decap('unpublishedEntryMediaFile', { collection: 'news', slug: SLUG, path: `public${PDF_PATH}`, id: `public${PDF_PATH}` })) as { content: string; encoding: string };
    expect(Buffer.from(media.content, media.encoding as BufferEncoding).equals(Buffer.from(pdf))).toBe(true);

    // The office: /admin/ → Arbeitsablauf shows it "In Prüfung" → publish.
    await page.goto(`${await clone.admin()}#/workflow`);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Redaktioneller Arbeitsablauf').waitFor({ timeout: 60_000 });
    await page.getByText('In Prüfung').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: new RegExp(TITLE) }).first().waitFor({ timeout: 60_000 });
    await shot('nachricht-arbeitsablauf');
    // Publishing as the office does it: the entry → Status "Geprüft" → "Veröffentlichen".
    await publishFromWorkflow(page, new RegExp(TITLE), {
      onEntry: async () => {
        await page.getByText('Kinderhauser Arbeitslosen Initiative e.V.').first().waitFor();
        await shot('nachricht-freigabe');
      },
    });
    await expect.poll(() => clone.git('branch', '--list', 'cms/*').trim(), { timeout: 30_000 }).toBe('');
    await expect.poll(() => existsSync(join(clone.root, `content/news/${SLUG}.md`)) && existsSync(join(clone.root, `public${PDF_PATH}`)), { timeout: 30_000 }).toBe(true);
    const check = spawnSync(process.execPath, [join(clone.root, 'scripts/check.ts')], { cwd: clone.root, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);

    // astro dev rewrites generated/newsletter.json from the changed content; then the sender
    // runs as its schedule does – twice, as after two deploys.
    await expect.poll(() => newsletterData().posts.some((p) => p.slug === SLUG), { timeout: 120_000, interval: 1000 }).toBe(true);
    const options = { data: newsletterData(), now: () => new Date(TEST_NOW), paceMs: 0, retryDelayMs: 0, log: () => {} };
    expect((await runNewsletterSend(options))[SLUG]).toBe('sent');
    expect((await runNewsletterSend(options))[SLUG]).toBe('already-sent');
    const mails = await postMails();
    expect([...mails.keys()].sort()).toEqual([SUBSCRIBERS.both, SUBSCRIBERS.jugend].sort());
    for (const list of mails.values()) expect(list).toHaveLength(1);

    // The PDF is a link to the site (never a mail attachment) that serves the very file.
    const mail = mails.get(SUBSCRIBERS.jugend)![0];
    expect(mail.html).toContain(`href="${clone.origin}${PDF_PATH}"`);
    expect(mail.text).toContain(`${clone.origin}${PDF_PATH}`);
    const served = await fetch(`${clone.origin}${PDF_PATH}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    for (const list of mails.values()) expect(list[0].attachments).toBe(0);

    // On the network page and in /aktuelles/, by the organisation; its HTML sanitised.
    const networkPage = `${clone.origin}/netzwerke/${NETWORK}/`;
    await expect
      .poll(async () => {
        await page.goto(networkPage);
        return page.locator(`a[href="/aktuelles/${SLUG}/"]`).count();
      }, { timeout: 120_000, interval: 2000 })
      .toBe(1);
    const card = page.locator('li.card', { has: page.locator(`a[href="/aktuelles/${SLUG}/"]`) });
    expect(await card.innerText()).toContain(`von ${ORG_NAME}`);
    await card.scrollIntoViewIfNeeded();
    await shot('nachricht-netzwerkseite');
    await page.goto(`${clone.origin}/aktuelles/`);
    expect(await page.locator('li.card', { has: page.locator(`a[href="/aktuelles/${SLUG}/"]`) }).innerText()).toContain(`von ${ORG_NAME}`);
    await page.goto(`${clone.origin}/aktuelles/${SLUG}/`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await page.locator('[data-news-author]').innerText()).toBe(`von ${ORG_NAME}`);
    expect(await page.locator(`article a[href="${PDF_PATH}"]`).count()).toBe(1);
    expect(await page.locator('article script').count()).toBe(0);
    expect(await page.locator('article').innerText()).not.toContain('alert');
  }, 900_000);
});
