/**
 * "Einstellungen ändern" as a subscriber meets it, in Chromium: the link in an
 * invitation from the outbox → the form → "nur Protokolle" for one network → saved, with
 * JavaScript switched off (the page has none); the page passes axe (WCAG 2.1 AA) in its
 * normal and its error state; the calendar link of the same mail downloads the .ics.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { runNewsletterSend } from '../../functions/lib/newsletter/send.ts';
import { getSubscriber, recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { axeViolations } from '../helpers/axe.ts';
import { functionRoutes } from '../helpers/function-routes.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { startNewsletterEnv, type NewsletterEnv } from './env.ts';

const EMAIL = 'im-browser@example.org';
let env: NewsletterEnv;
let site: SiteServer;
let browser: Browser;
let context: BrowserContext;
/** axe runs as a script: in a context of its own, on the same address. */
let axeContext: BrowserContext;

async function violationsAt(url: string, form?: Record<string, string>) {
  const page = await axeContext.newPage();
  if (form) {
    const response = await page.request.post(url, { form });
    await page.setContent(await response.text());
  } else {
    await page.goto(url);
  }
  const violations = await axeViolations(page);
  await page.close();
  return violations;
}

beforeAll(async () => {
  env = await startNewsletterEnv();
  site = await serveSite({ routes: await functionRoutes() });
  // Links in mails point back to this server.
  process.env.QN_PUBLIC_URL = site.url;
  const at = new Date(TEST_NOW).toISOString();
  await recordConfirmation(EMAIL, { requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText(), networks: ['netzwerk-sprache', 'netzwerk-beschaeftigung'] });
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  axeContext = await browser.newContext({ bypassCSP: true });
});

afterAll(async () => {
  delete process.env.QN_PUBLIC_URL;
  await context?.close();
  await axeContext?.close();
  await browser?.close();
  await site?.close();
  await env?.stop();
});

describe('newsletter preferences in the browser', () => {
  it('invitation from the outbox → "Einstellungen ändern" → nur Protokolle → saved; the calendar link downloads the .ics', async () => {
    const meeting = env.data.meetings.find((m) => m.slug === '2027-02-24-netzwerk-sprache')!;
    await runNewsletterSend({ data: { ...env.data, posts: [], meetings: [meeting] }, now: () => new Date(TEST_NOW), log: () => {}, paceMs: 0 });
    const [entry] = listOutbox(env.outboxDir);
    const mail = await PostalMime.parse(readFileSync(entry.file, 'utf8'));
    expect(mail.subject).toMatch(/^Einladung: /);
    const link = (label: string) => new RegExp(`href="([^"]+)"[^>]*>${label}<`).exec(mail.html ?? '')?.[1].replace(/&amp;/g, '&');

    const page = await context.newPage();
    await page.goto(link('Einstellungen ändern')!);
    await expect(page.locator('h1').textContent()).resolves.toBe('Newsletter: Einstellungen ändern');
    const sprache = page.getByRole('group', { name: 'Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz' });
    expect(await violationsAt(link('Einstellungen ändern')!)).toEqual([]);

    // Nothing ticked: the page says so at the top, linking to the network, and keeps the rest.
    for (const name of [/Neuigkeiten/, /Einladungen/, /Protokolle/]) await sprache.getByRole('checkbox', { name }).uncheck();
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Bitte mindestens eine Art ankreuzen.');
    const token = new URL(link('Einstellungen ändern')!).searchParams.get('token')!;
    expect(await violationsAt(`${site.url}/api/newsletter/preferences`, { token, choices: '1' })).toEqual([]);

    await sprache.getByRole('checkbox', { name: /Protokolle/ }).check();
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Ihre Einstellungen sind gespeichert');
    expect(await page.locator('main').textContent()).toContain('Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz: Protokolle');
    const record = await getSubscriber(EMAIL);
    expect(record?.networks['netzwerk-sprache'].receives).toEqual(['minutes']);
    expect(record?.networks['netzwerk-beschaeftigung'].receives).toEqual(['news', 'invitations', 'minutes']);

    const download = page.waitForEvent('download');
    await page.goto(link('In den Kalender eintragen')!).catch(() => undefined);
    const file = await download;
    expect(file.suggestedFilename()).toBe('2027-02-24-netzwerk-sprache.ics');
    const ics = readFileSync((await file.path())!, 'utf8');
    expect(ics).toContain('UID:2027-02-24-netzwerk-sprache@');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20270224');
  });
});
