/**
 * The double opt-in as a person does it: subscribe on a network page, open the
 * confirmation link from the local outbox, confirm, see the success page. The built
 * site is served with the newsletter functions mounted at their paths (outbox mode,
 * no Resend), Blobs from the atomic test proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import type { Browser, Page } from 'playwright-core';
import subscribe from '../../functions/newsletter-subscribe.ts';
import confirm from '../../functions/newsletter-confirm.ts';
import unsubscribe from '../../functions/newsletter-unsubscribe.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { activeNetworks, getSubscriber } from '../../functions/lib/newsletter/subscribers.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/static-server.ts';
import { startNewsletterEnv, type NewsletterEnv } from '../newsletter/env.ts';

let env: NewsletterEnv;
let site: SiteServer;
let browser: Browser;
let page: Page;

async function newestMail() {
  const [entry] = listOutbox(env.outboxDir);
  return PostalMime.parse(readFileSync(entry.file, 'utf8'));
}

beforeAll(async () => {
  env = await startNewsletterEnv();
  site = await serveSite({
    routes: {
      '/api/newsletter/subscribe': subscribe,
      '/api/newsletter/confirm': confirm,
      '/api/newsletter/unsubscribe': unsubscribe,
    },
  });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await env?.stop();
});

describe('newsletter in the browser', () => {
  it('subscribe on a network page → confirmation link from the outbox → confirm → success page', async () => {
    await page.goto(`${site.url}/netzwerke/netzwerk-sprache/`);
    const form = page.locator('form[data-newsletter-form]');
    await expect(form.getByRole('checkbox', { name: /Netzwerk I:/ }).isChecked()).resolves.toBe(true);
    await expect(form.getByRole('checkbox', { name: /Netzwerk II:/ }).isChecked()).resolves.toBe(false);

    // Without consent the form says what is missing, at the top and at the field.
    await form.getByLabel('Ihre E-Mail-Adresse').fill('anwohnerin@example.org');
    await form.getByRole('button', { name: 'Newsletter bestellen' }).click();
    await form.locator('[data-summary]').waitFor({ state: 'visible' });
    expect(await form.locator('[data-summary]').textContent()).toContain('Häkchen bei der Einwilligung');
    expect(listOutbox(env.outboxDir)).toHaveLength(0);

    await form.getByRole('checkbox', { name: /Ja, ich möchte/ }).check();
    await form.getByRole('button', { name: 'Newsletter bestellen' }).click();
    const done = form.locator('[data-done]');
    await done.waitFor({ state: 'visible' });
    expect(await done.textContent()).toContain('Fast geschafft');
    expect(await form.locator('[data-summary]').isHidden()).toBe(true);

    const mail = await newestMail();
    expect(mail.to?.[0]?.address).toBe('anwohnerin@example.org');
    const link = /href="([^"]*\/api\/newsletter\/confirm\?token=[^"]+)"/.exec(mail.html ?? '')?.[1].replace(/&amp;/g, '&');
    expect(link?.startsWith(`${site.url}/api/newsletter/confirm?token=`)).toBe(true);

    await page.goto(link as string);
    await expect(page.locator('h1').textContent()).resolves.toBe('Newsletter bestätigen');
    expect(await getSubscriber('anwohnerin@example.org')).toBeNull();
    const button = page.getByRole('button', { name: 'Ja, Newsletter bestätigen' });
    // The page's own CSP lets its stylesheet through (brand colour on the button).
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 92, 74)');
    await button.click();
    await page.waitForURL(`${site.url}/api/newsletter/confirm`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Vielen Dank! Ihr Newsletter ist bestätigt.');
    expect(await page.locator('main').textContent()).toContain('Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz');
    expect(activeNetworks(await getSubscriber('anwohnerin@example.org'))).toEqual(['netzwerk-sprache']);

    // The link works once: opening it again says so and offers a new start.
    await page.goto(link as string);
    await expect(page.locator('h1').textContent()).resolves.toBe('Dieser Link wurde schon benutzt');
    await expect(page.getByRole('link', { name: 'Newsletter neu bestellen' }).getAttribute('href')).resolves.toBe('/newsletter/');
  });

  it('works without JavaScript on /newsletter/ (the function answers with a page)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${site.url}/newsletter/`);
    const form = plain.locator('form[data-newsletter-form]');
    await form.getByLabel('Ihre E-Mail-Adresse').fill('ohne-js@example.org');
    await form.getByRole('checkbox', { name: 'Alle Netzwerke' }).check();
    await form.getByRole('checkbox', { name: /Ja, ich möchte/ }).check();
    await form.getByRole('button', { name: 'Newsletter bestellen' }).click();
    await plain.waitForURL(`${site.url}/api/newsletter/subscribe`);
    await expect(plain.locator('h1').textContent()).resolves.toBe('Fast geschafft: Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const mail = await newestMail();
    expect(mail.to?.[0]?.address).toBe('ohne-js@example.org');
    expect(mail.text).toContain('Netzwerk III: Wege in Beschäftigung');
    await context.close();
  });
});
