/**
 * Issue 18, item 3: subscribers choose per network what they get (news, invitations,
 * minutes). On the confirm page, and behind "Einstellungen ändern" in every mail: a
 * signed link to a page that works without script. A tampered link gets a German error
 * page; a record without choices means everything; one-click unsubscribe stays.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import subscribe from '../../functions/newsletter-subscribe.ts';
import confirm from '../../functions/newsletter-confirm.ts';
import preferences from '../../functions/newsletter-preferences.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import type { NewsletterData, NewsletterMeeting } from '../../functions/lib/newsletter/data.ts';
import { runNewsletterSend, SENDS_STORE } from '../../functions/lib/newsletter/send.ts';
import { getSubscriber, recipientsFor, recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { signToken } from '../../functions/lib/newsletter/token.ts';
import { store } from '../../functions/lib/stores.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { form, linkFrom, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from './env.ts';

const NOW = new Date(TEST_NOW);
const SPRACHE = 'netzwerk-sprache';
const ARBEIT = 'netzwerk-beschaeftigung';
const ORIGIN = 'https://quartiersnetz-kinderhaus.example.org';
const PREFERENCES = 'http://localhost:8888/api/newsletter/preferences';
const CONFIRM = 'http://localhost:8888/api/newsletter/confirm';

let env: NewsletterEnv;

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  env.fake!.reset();
  await store(SENDS_STORE).deleteAll();
});

const proof = () => ({ requestedAt: NOW.toISOString(), confirmedAt: new Date().toISOString(), consentVersion: consentVersion(), consentText: consentText() });

function futureMeeting(slug: string, networks: string[]): NewsletterMeeting {
  return {
    slug,
    meeting: { title: `Treffen ${slug}`, networks, starts_at: '2026-12-10T14:00:00+01:00', ends_at: '2026-12-10T16:00:00+01:00', cancelled: false },
    path: `/archiv/${slug}/`,
    hasMinutes: false,
    times: { created: '2026-11-01T09:00:00.000Z', modified: '2026-11-01T09:00:00.000Z' },
  };
}

/** The "Einstellungen ändern" link of the invitation `email` got for a fresh meeting. */
async function preferencesLinkFor(email: string, networks: string[]): Promise<string> {
  const slug = `einstellungen-${Math.random().toString(36).slice(2, 8)}`;
  const data: NewsletterData = { ...env.data, posts: [], meetings: [futureMeeting(slug, networks)] };
  await runNewsletterSend({ data, now: () => NOW, log: () => {}, paceMs: 0 });
  const mail = env.fake!.delivered().find((m) => m.to.includes(email) && m.subject.includes(slug));
  expect(mail, `invitation to ${email}`).toBeDefined();
  expect(mail!.text).toContain('Einstellungen ändern');
  return linkFrom(mail!.html ?? '', `${ORIGIN}/api/newsletter/preferences?token=`);
}

const local = (link: string) => link.replace(ORIGIN, 'http://localhost:8888');
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('what a subscriber gets, per network', () => {
  it('the link in every mail opens a form without script; saving "nur Protokolle" stops invitations and news', async () => {
    const email = 'waehlerin@example.org';
    await recordConfirmation(email, { ...proof(), networks: [SPRACHE, ARBEIT] });
    const link = await preferencesLinkFor(email, [SPRACHE]);

    const page = await preferences(new Request(local(link)));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/api/newsletter/preferences">');
    expect(html).not.toMatch(/<script/i);
    // A record without choices receives everything: every box ticked, in both networks.
    for (const network of [SPRACHE, ARBEIT]) for (const kind of ['news', 'invitations', 'minutes']) expect(html).toMatch(new RegExp(`value="${network}:${kind}" checked`));
    // Leaving stays one link away.
    expect(html).toContain('href="/api/newsletter/unsubscribe?token=');

    const saved = await preferences(form(PREFERENCES, { token: tokenOf(link), choices: '1', receives: [`${SPRACHE}:minutes`, `${ARBEIT}:news`, `${ARBEIT}:invitations`, `${ARBEIT}:minutes`] }));
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toContain('Ihre Einstellungen sind gespeichert');
    expect(savedHtml).toContain('Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz: Protokolle');
    expect((await getSubscriber(email))?.networks[SPRACHE]).toMatchObject({ status: 'subscribed', receives: ['minutes'] });

    expect((await recipientsFor([SPRACHE], 'invitations')).map((r) => r.email)).not.toContain(email);
    expect((await recipientsFor([SPRACHE], 'news')).map((r) => r.email)).not.toContain(email);
    expect(await recipientsFor([SPRACHE, ARBEIT], 'minutes')).toContainEqual({ email, networks: [ARBEIT, SPRACHE] });
    expect(await recipientsFor([SPRACHE, ARBEIT], 'invitations')).toContainEqual({ email, networks: [ARBEIT] });

    // The next invitation for Netzwerk I does not reach the address any more.
    env.fake!.reset();
    const slug = 'nach-der-wahl';
    await runNewsletterSend({ data: { ...env.data, posts: [], meetings: [futureMeeting(slug, [SPRACHE])] }, now: () => NOW, log: () => {}, paceMs: 0 });
    expect(env.fake!.delivered().filter((m) => m.subject.includes(slug)).flatMap((m) => m.to)).not.toContain(email);
  });

  it('refuses a tampered or foreign link with a German page and changes nothing', async () => {
    const email = 'vorsicht@example.org';
    await recordConfirmation(email, { ...proof(), networks: [SPRACHE] });
    const token = signToken('preferences', { email, networks: [], expires: 0 }, TEST_SECRET);
    const [body, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ e: 'jemand@example.org', n: [], x: 0 })).toString('base64url')}.${mac}`;
    const unsubscribeToken = signToken('unsubscribe', { email, networks: [SPRACHE], expires: 0 }, TEST_SECRET);
    for (const bad of [`${body}.${mac.slice(0, -2)}xx`, forged, unsubscribeToken, '', 'kein-token']) {
      const page = await preferences(new Request(`${PREFERENCES}?token=${encodeURIComponent(bad)}`));
      expect(page.status, bad).toBe(400);
      const html = await page.text();
      expect(html).toContain('Dieser Link ist ungültig');
      expect(html).toContain('Bitte öffnen Sie ihn noch einmal direkt aus einer unserer E-Mails.');
      const post = await preferences(form(PREFERENCES, { token: bad, choices: '1', receives: [`${SPRACHE}:minutes`] }));
      expect(post.status).toBe(400);
    }
    expect((await getSubscriber(email))?.networks[SPRACHE].receives).toBeUndefined();
  });

  it('nothing ticked for a network: the form comes back with a message at the top, and the earlier choice stays', async () => {
    const email = 'unentschlossen@example.org';
    await recordConfirmation(email, { ...proof(), networks: [SPRACHE] });
    const token = signToken('preferences', { email, networks: [], expires: 0 }, TEST_SECRET);
    const page = await preferences(form(PREFERENCES, { token, choices: '1' }));
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(`href="#netzwerk-${SPRACHE}"`);
    expect(html).toContain('Bitte mindestens eine Art ankreuzen.');
    expect(html).toContain(`id="netzwerk-${SPRACHE}"`);
    expect((await getSubscriber(email))?.networks[SPRACHE].receives).toBeUndefined();
  });

  it('the confirm page offers the choice; what is ticked there is what the subscription gets', async () => {
    const email = 'neu-mit-wahl@example.org';
    await subscribe(form('http://localhost:8888/api/newsletter/subscribe', { email, networks: [SPRACHE, ARBEIT], consent: 'yes', consent_version: consentVersion(), website: '' }));
    const link = linkFrom(env.fake!.delivered().at(-1)!.html ?? '', 'http://localhost:8888/api/newsletter/confirm?token=');
    const page = await (await confirm(new Request(link))).text();
    expect(page).toContain(`value="${SPRACHE}:news" checked`);
    expect(page).toContain(`value="${ARBEIT}:minutes" checked`);
    expect(page).toContain('<input type="hidden" name="choices" value="1">');

    // Nothing ticked for one network: asked again, and the link is not used up.
    const unticked = await confirm(form(CONFIRM, { token: tokenOf(link), choices: '1', receives: [`${SPRACHE}:minutes`] }));
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain(`href="#netzwerk-${ARBEIT}"`);
    expect(await getSubscriber(email)).toBeNull();

    const done = await confirm(form(CONFIRM, { token: tokenOf(link), choices: '1', receives: [`${SPRACHE}:minutes`, `${ARBEIT}:news`, `${ARBEIT}:invitations`] }));
    expect(done.status).toBe(200);
    const record = await getSubscriber(email);
    expect(record?.networks[SPRACHE].receives).toEqual(['minutes']);
    expect(record?.networks[ARBEIT].receives).toEqual(['news', 'invitations']);
  });

  it('a confirmation without the choice (an older page) subscribes to everything', async () => {
    const email = 'alte-seite@example.org';
    await subscribe(form('http://localhost:8888/api/newsletter/subscribe', { email, networks: [SPRACHE], consent: 'yes', consent_version: consentVersion(), website: '' }));
    const link = linkFrom(env.fake!.delivered().at(-1)!.html ?? '', 'http://localhost:8888/api/newsletter/confirm?token=');
    expect((await confirm(form(CONFIRM, { token: tokenOf(link) }))).status).toBe(200);
    expect((await getSubscriber(email))?.networks[SPRACHE].receives).toBeUndefined();
    for (const kind of ['news', 'invitations', 'minutes'] as const) expect((await recipientsFor([SPRACHE], kind)).map((r) => r.email)).toContain(email);
  });
});
