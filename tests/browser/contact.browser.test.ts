/**
 * The contact form in Chromium on a built offer page, with the real function mounted
 * at /api/contact and mail going to a local outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import contact from '../../functions/contact.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { startContactEnv, type ContactEnv } from '../helpers/contact-env.ts';

const OFFER = 'deutschkurs-a1-mit-kinderbetreuung';
let env: ContactEnv;
let server: SiteServer;
let browser: Browser;
let page: Page;
let recipientEmail: string;

beforeAll(async () => {
  // Playwright types faster than any person: the fill-time check is tested in Node.
  env = await startContactEnv({ env: { QN_CONTACT_MIN_FILL_MS: '0' } });
  recipientEmail = JSON.parse(readFileSync(join(env.generatedDir, 'recipients.json'), 'utf8'))[`offers/${OFFER}`].email;
  server = await serveSite({ routes: { '/api/contact': contact } });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

async function fill(target: Page, values: { name?: string; email?: string; message?: string; consent?: boolean }) {
  if (values.name !== undefined) await target.getByLabel('Ihr Name').fill(values.name);
  if (values.email !== undefined) await target.getByLabel('Ihre E-Mail-Adresse').fill(values.email);
  if (values.message !== undefined) await target.getByLabel('Ihre Nachricht').fill(values.message);
  if (values.consent) await target.locator('#contact-consent').check();
}

describe('contact form on an offer page', () => {
  it('sends a message, confirms it in place, and the mail is in the outbox', async () => {
    await page.goto(`${server.url}/angebote/${OFFER}/`);
    await fill(page, { name: 'Anwohnerin Test', email: 'anwohnerin@example.net', message: 'Guten Tag, gibt es noch freie Plätze im Kurs?', consent: true });
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    const done = page.locator('[data-done]');
    await done.waitFor({ state: 'visible' });
    expect(await done.textContent()).toContain('Nachricht verschickt');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-done'))).toBe(true);
    expect(await page.locator('form[data-contact-form]').isHidden()).toBe(true);

    const files = listOutbox(env.outboxDir);
    expect(files).toHaveLength(1);
    const mail = await PostalMime.parse(readFileSync(files[0].file));
    expect(mail.to?.[0].address).toBe(recipientEmail);
    expect(mail.replyTo?.[0].address).toBe('anwohnerin@example.net');
    expect(mail.subject).toBe('Quartiersnetz Kinderhaus: Nachricht zu „Deutschkurs A1 mit Kinderbetreuung“');
    expect(mail.text).toContain('gibt es noch freie Plätze im Kurs?');
  });

  it('shows the German error at the field that is missing and keeps what was typed', async () => {
    await page.goto(`${server.url}/angebote/${OFFER}/`);
    await fill(page, { name: 'Anwohner Test', message: 'Eine Frage zu den Kurszeiten.', consent: true });
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    const error = page.locator('#contact-email-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('Bitte geben Sie Ihre E-Mail-Adresse an, damit Sie eine Antwort bekommen.');
    expect(await page.locator('#contact-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#contact-email').getAttribute('aria-describedby')).toContain('contact-email-error');
    const summaryLink = page.locator('[data-summary] a[href="#contact-email"]');
    expect(await summaryLink.textContent()).toContain('Bitte geben Sie Ihre E-Mail-Adresse an');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-summary'))).toBe(true);
    expect(await page.getByLabel('Ihr Name').inputValue()).toBe('Anwohner Test');
    expect(await page.getByLabel('Ihre Nachricht').inputValue()).toBe('Eine Frage zu den Kurszeiten.');
    await summaryLink.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-email');

    // Corrected, the same form goes through and the errors disappear.
    await fill(page, { email: 'anwohner@example.net' });
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await page.locator('[data-done]').waitFor({ state: 'visible' });
    expect(await page.locator('#contact-email').getAttribute('aria-invalid')).toBeNull();
    expect(listOutbox(env.outboxDir)).toHaveLength(2);
  });

  it('works without JavaScript: a plain POST gets a German result page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/angebote/${OFFER}/`);
    await fill(plain, { name: 'Ohne Skript', email: 'ohne-skript@example.net', message: 'Ich schreibe ohne JavaScript.', consent: true });
    await Promise.all([plain.waitForURL(`${server.url}/api/contact`), plain.getByRole('button', { name: 'Nachricht senden' }).click()]);
    expect(await plain.locator('h1').textContent()).toBe('Nachricht verschickt');
    await plain.getByRole('link', { name: /Zurück zu/ }).click();
    expect(new URL(plain.url()).pathname).toBe(`/angebote/${OFFER}/`);
    await context.close();
    expect(listOutbox(env.outboxDir)).toHaveLength(3);
  });
});
