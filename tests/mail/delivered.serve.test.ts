/**
 * The mail as it leaves the production bundle: a contact message posted to `netlify serve`
 * (tests/helpers/netlify-serve.ts) reaches the Resend fake through the real SDK in the one
 * layout, the resident's lines and paragraphs as markup, and passes doiuse-email.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { netlifyServe } from '../helpers/netlify-serve.ts';
import { checkEmail } from './doiuse.ts';

describe('a contact mail from the production bundle', () => {
  it('arrives at the provider in the layout, with the message’s lines and paragraphs', async () => {
    const site = await netlifyServe();
    const marker = randomUUID().slice(0, 8);
    const message = `Erste Zeile ${marker}\nzweite Zeile\n\nZweiter Absatz <b>bleibt Text</b>.`;
    const response = await fetch(`${site.url}/api/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ recipient: 'offers/deutschkurs-a1-mit-kinderbetreuung', name: 'Anwohnerin Test', email: 'anwohnerin@example.net', message, consent: true }),
    });
    expect(response.status, site.log()).toBe(200);
    const mail = (await site.resend.delivered()).find((m) => m.text?.includes(marker));
    expect(mail, 'the fake got no mail with the message').toBeDefined();
    expect(mail!.html).toMatch(new RegExp(`<p [^>]*>Erste Zeile ${marker}<br>zweite Zeile</p><p [^>]*>Zweiter Absatz &lt;b&gt;bleibt Text&lt;/b&gt;\\.</p>`));
    expect(mail!.html).not.toMatch(/white-space/);
    expect(mail!.text).toContain(`Erste Zeile ${marker}\nzweite Zeile\n\nZweiter Absatz <b>bleibt Text</b>.`);
    expect(mail!.html).toMatch(/<!--\[if mso \| IE\]><table [^>]*width="600"/);
    expect(checkEmail(mail!.html!).errors).toEqual([]);
  }, 300_000);
});
