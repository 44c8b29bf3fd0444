/**
 * Double opt-in against the local Resend fake: subscribe → confirmation mail → GET shows
 * a button and changes nothing → POST confirms → contact with opt-in on exactly the
 * chosen networks' topics (created opt-out-by-default) and a proof record in Blobs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import subscribe from '../../functions/newsletter-subscribe.ts';
import confirm from '../../functions/newsletter-confirm.ts';
import { consentText, consentVersion, rememberConsentText } from '../../functions/lib/newsletter/consent.ts';
import { getSubscriber } from '../../functions/lib/newsletter/subscribers.ts';
import { signToken, verifyToken } from '../../functions/lib/newsletter/token.ts';
import { store } from '../../functions/lib/stores.ts';
import { TOPICS_STORE } from '../../functions/lib/newsletter/contacts.ts';
import { form, linkFrom, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from './env.ts';
import { ar } from '../../src/i18n/ar.ts';
import { tr } from '../../src/i18n/tr.ts';

const SUBSCRIBE = 'http://localhost:8888/api/newsletter/subscribe';
let env: NewsletterEnv;

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  env.fake!.reset();
  await store(TOPICS_STORE).deleteAll();
});

function subscribeFields(email: string, networks: string[], extra: Record<string, string> = {}) {
  return { email, networks, consent: 'yes', consent_version: consentVersion(), website: '', ...extra };
}

async function requestConfirmation(email: string, networks: string[]): Promise<string> {
  const before = env.fake!.delivered().length;
  const response = await subscribe(form(SUBSCRIBE, subscribeFields(email, networks)));
  expect(response.status).toBe(200);
  const mails = env.fake!.delivered().slice(before);
  expect(mails).toHaveLength(1);
  expect(mails[0].to).toEqual([email.trim().toLowerCase()]);
  return linkFrom(mails[0].html ?? '', 'http://localhost:8888/api/newsletter/confirm?token=');
}

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? '';
}

describe('subscribe and confirm (double opt-in)', () => {
  it('confirms after GET + POST and records contact, topics and proof of consent', async () => {
    const link = await requestConfirmation('Leserin@Example.org ', ['netzwerk-sprache', 'netzwerk-beschaeftigung']);
    const mail = env.fake!.delivered()[0];
    // The confirmation mail asks, and nothing else: no post, no advertising.
    expect(mail.subject).toBe('Bitte bestätigen: Newsletter von Quartiersnetz Kinderhaus');
    for (const post of env.data.posts) expect(mail.text).not.toContain(post.title);
    expect(mail.text).toContain(consentText());
    expect(mail.text).toContain('Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz');
    expect(mail.text).not.toContain('Netzwerk II:');
    expect(mail.text?.indexOf('Netzwerk I:')).toBeLessThan(mail.text?.indexOf('Netzwerk III:') ?? -1);

    const page = await confirm(new Request(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/api/newsletter/confirm">');
    expect(html).toContain('leserin@example.org');
    // Looking at the link is not consent.
    expect(env.fake!.state.contacts.size).toBe(0);
    expect(await getSubscriber('leserin@example.org')).toBeNull();

    const before = Date.now();
    const done = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link) }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vielen Dank! Ihr Newsletter ist bestätigt.');

    const topics = [...env.fake!.state.topics.values()];
    expect(topics.map((t) => t.name).sort()).toEqual(['netzwerk-beschaeftigung', 'netzwerk-sprache']);
    expect(topics.every((t) => t.default_subscription === 'opt_out')).toBe(true);
    const [contact] = [...env.fake!.state.contacts.values()];
    expect(contact.email).toBe('leserin@example.org');
    expect(contact.unsubscribed).toBe(false);
    expect(Object.values(contact.topics)).toEqual(['opt_in', 'opt_in']);

    const record = await getSubscriber('leserin@example.org');
    expect(Object.keys(record!.networks).sort()).toEqual(['netzwerk-beschaeftigung', 'netzwerk-sprache']);
    const [proof] = record!.history;
    expect(proof).toMatchObject({ type: 'confirmed', networks: ['netzwerk-beschaeftigung', 'netzwerk-sprache'], consentVersion: consentVersion(), consentText: consentText() });
    if (proof.type !== 'confirmed') throw new Error('unexpected event');
    expect(Date.parse(proof.requestedAt)).toBeLessThanOrEqual(Date.parse(proof.confirmedAt));
    expect(Date.parse(proof.confirmedAt)).toBeGreaterThanOrEqual(before - 1000);

    // Then one welcome mail: what was subscribed, and the way out from the first mail on.
    const welcome = env.fake!.delivered().filter((m) => m.subject.startsWith('Willkommen'));
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toMatchObject({ to: ['leserin@example.org'], subject: 'Willkommen beim Newsletter von Quartiersnetz Kinderhaus' });
    expect(welcome[0].text).toContain('Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz');
    expect(welcome[0].text).toContain('Netzwerk III:');
    expect(welcome[0].text).not.toContain('Netzwerk II:');
    const leave = /^<(.+)>$/.exec(welcome[0].headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';
    expect(welcome[0].headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = verifyToken('unsubscribe', new URL(leave).searchParams.get('token'), TEST_SECRET);
    expect(unsubscribe.ok && unsubscribe.payload).toMatchObject({ email: 'leserin@example.org', networks: ['netzwerk-beschaeftigung', 'netzwerk-sprache'].sort() });
    expect(welcome[0].text).toContain(leave);
  });

  it('welcomes once when the button is pressed three times at once', async () => {
    const link = await requestConfirmation('dreimal@example.org', ['netzwerk-sprache']);
    const answers = await Promise.all(Array.from({ length: 3 }, () => confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link) }))));
    expect(answers.map((a) => a.status).filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(env.fake!.delivered().filter((m) => m.to.includes('dreimal@example.org') && m.subject.startsWith('Willkommen'))).toHaveLength(1);
  });

  it('keeps the confirmation when the welcome mail cannot be sent', async () => {
    const link = await requestConfirmation('ohne-gruss@example.org', ['netzwerk-sprache']);
    env.fake!.failNext(1, 500, { path: '/emails' });
    const done = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link) }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vielen Dank! Ihr Newsletter ist bestätigt.');
    expect(await getSubscriber('ohne-gruss@example.org')).not.toBeNull();
    expect(env.fake!.delivered().filter((m) => m.to.includes('ohne-gruss@example.org') && m.subject.startsWith('Willkommen'))).toHaveLength(0);
  });

  it('adds networks to an existing contact and keeps earlier consent in the history', async () => {
    const first = await requestConfirmation('zwei@example.org', ['netzwerk-sprache']);
    await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(first) }));
    const second = await requestConfirmation('zwei@example.org', ['all']);
    const response = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(second) }));
    expect(response.status).toBe(200);
    const contacts = [...env.fake!.state.contacts.values()].filter((c) => c.email === 'zwei@example.org');
    expect(contacts).toHaveLength(1);
    expect(Object.values(contacts[0].topics).filter((s) => s === 'opt_in')).toHaveLength(3);
    const record = await getSubscriber('zwei@example.org');
    expect(record!.history.map((e) => e.networks.length)).toEqual([1, 3]);
  });

  it('refuses a replayed link with a clear page, and a tampered or expired one', async () => {
    const link = await requestConfirmation('einmal@example.org', ['netzwerk-jugend-ausbildung']);
    const token = tokenOf(link);
    expect((await confirm(form('http://localhost:8888/api/newsletter/confirm', { token }))).status).toBe(200);
    const replay = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token }));
    expect(replay.status).toBe(409);
    const replayHtml = await replay.text();
    expect(replayHtml).toContain('Dieser Link wurde schon benutzt');
    expect(replayHtml).toContain('href="/newsletter/"');
    expect((await confirm(new Request(link))).status).toBe(409);

    const [body, mac] = token.split('.');
    const wire = JSON.parse(Buffer.from(body, 'base64url').toString());
    wire.e = 'fremd@example.org';
    const tampered = `${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${mac}`;
    for (const response of [await confirm(new Request(`${SUBSCRIBE.replace('subscribe', 'confirm')}?token=${tampered}`)), await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tampered }))]) {
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Dieser Link ist ungültig');
    }

    const past = Math.floor(Date.now() / 1000) - 49 * 3600;
    const expired = signToken('confirm', { email: 'spaet@example.org', networks: ['netzwerk-sprache'], issued: past, expires: past + 48 * 3600, consentVersion: consentVersion() }, TEST_SECRET);
    const expiredPost = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: expired }));
    expect(expiredPost.status).toBe(410);
    expect(await expiredPost.text()).toContain('Dieser Link ist abgelaufen');
    expect(await getSubscriber('fremd@example.org')).toBeNull();
    expect(await getSubscriber('spaet@example.org')).toBeNull();
    expect([...env.fake!.state.contacts.values()].map((c) => c.email)).toEqual(['einmal@example.org']);
  });

  it('records the wording the person saw, even if the text changed before they confirmed', async () => {
    await rememberConsentText('0ld0ld0ld0ld', 'Früherer Wortlaut der Einwilligung.');
    const issued = Math.floor(Date.now() / 1000);
    const token = signToken('confirm', { email: 'frueher@example.org', networks: ['netzwerk-sprache'], issued, expires: issued + 3600, consentVersion: '0ld0ld0ld0ld' }, TEST_SECRET);
    expect((await confirm(form('http://localhost:8888/api/newsletter/confirm', { token }))).status).toBe(200);
    const [proof] = (await getSubscriber('frueher@example.org'))!.history;
    expect(proof).toMatchObject({ consentVersion: '0ld0ld0ld0ld', consentText: 'Früherer Wortlaut der Einwilligung.' });
  });

  it('lets the same link work again when Resend was down during the confirmation', async () => {
    const link = await requestConfirmation('geduld@example.org', ['netzwerk-sprache']);
    env.fake!.failNext(1, 503, { path: '/topics' });
    const failed = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link) }));
    expect(failed.status).toBe(503);
    expect(await getSubscriber('geduld@example.org')).toBeNull();
    const retried = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link) }));
    expect(retried.status).toBe(200);
    expect(await getSubscriber('geduld@example.org')).not.toBeNull();
  });

  it('answers the same for a new, a pending and a subscribed address', async () => {
    const link = await requestConfirmation('bekannt@example.org', ['netzwerk-sprache']);
    await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link) }));
    await requestConfirmation('wartend@example.org', ['netzwerk-sprache']);
    const answers: { status: number; body: string }[] = [];
    for (const email of ['neu@example.org', 'wartend@example.org', 'bekannt@example.org']) {
      for (const accept of ['text/html', 'application/json']) {
        const response = await subscribe(form(SUBSCRIBE, subscribeFields(email, ['netzwerk-sprache']), accept));
        answers.push({ status: response.status, body: (await response.text()).replaceAll(email, '<email>') });
      }
    }
    expect(new Set(answers.filter((_, i) => i % 2 === 0).map((a) => JSON.stringify(a))).size).toBe(1);
    expect(new Set(answers.filter((_, i) => i % 2 === 1).map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].status).toBe(200);
    expect(JSON.parse(answers[1].body)).toMatchObject({ ok: true });
  });

  it('names each problem of a bad form in German and sends nothing', async () => {
    const response = await subscribe(form(SUBSCRIBE, { email: 'keine-adresse', networks: [], consent: '' }, 'application/json'));
    expect(response.status).toBe(422);
    const answer = await response.json();
    expect(answer.errors).toEqual([
      { field: 'email', message: expect.stringContaining('keine gültige E-Mail-Adresse') },
      { field: 'networks', message: 'Bitte wählen Sie mindestens ein Netzwerk.' },
      { field: 'consent', message: expect.stringContaining('Häkchen bei der Einwilligung') },
    ]);
    const unknown = await subscribe(form(SUBSCRIBE, subscribeFields('a@example.org', ['netzwerk-gibts-nicht']), 'application/json'));
    expect((await unknown.json()).errors[0].message).toContain('„netzwerk-gibts-nicht“ gibt es nicht');
    const stale = await subscribe(form(SUBSCRIBE, subscribeFields('a@example.org', ['netzwerk-sprache'], { consent_version: 'alt' })));
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain('Der Text der Einwilligung hat sich inzwischen geändert');
    expect(env.fake!.delivered()).toHaveLength(0);
  });

  it('answers in the language of the form, up to the confirmation; mail and proof of consent stay German', async () => {
    const response = await subscribe(form(SUBSCRIBE, subscribeFields('okur@example.org', ['netzwerk-sprache'], { lang: 'tr' })));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="tr" dir="ltr">');
    expect(html).toContain(tr['newsletter.requested.title']);
    expect(html).toContain('href="/tr/newsletter/"');
    const [mail] = env.fake!.delivered();
    expect(mail.subject).toBe('Bitte bestätigen: Newsletter von Quartiersnetz Kinderhaus');
    const link = linkFrom(mail.html ?? '', 'http://localhost:8888/api/newsletter/confirm?token=');
    expect(new URL(link).searchParams.get('lang')).toBe('tr');

    const page = await (await confirm(new Request(link))).text();
    expect(page).toContain('<html lang="tr" dir="ltr">');
    expect(page).toContain(tr['newsletter.confirm.title']);
    expect(page).toContain('<blockquote lang="de" dir="ltr">');
    expect(page).toContain('<input type="hidden" name="lang" value="tr">');
    const done = await confirm(form('http://localhost:8888/api/newsletter/confirm', { token: tokenOf(link), lang: 'tr' }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(tr['newsletter.confirmed.title']);
    const record = await getSubscriber('okur@example.org');
    expect(record!.history[0]).toMatchObject({ type: 'confirmed', consentText: consentText() });

    const arabic = await subscribe(form(SUBSCRIBE, { email: 'a@example.org', networks: [], consent: 'yes', consent_version: consentVersion(), lang: 'ar' }, 'application/json'));
    expect(arabic.status).toBe(422);
    expect((await arabic.json()).errors).toEqual([{ field: 'networks', message: ar['newsletter.error.networks'] }]);
    const rtl = await subscribe(form(SUBSCRIBE, { email: 'a@example.org', networks: [], consent: 'yes', consent_version: consentVersion(), lang: 'ar' }));
    expect(await rtl.text()).toContain('<html lang="ar" dir="rtl">');
  });

  it('sends nothing for a bot that fills the hidden field, yet answers like for everyone', async () => {
    const response = await subscribe(form(SUBSCRIBE, subscribeFields('bot@example.org', ['netzwerk-sprache'], { website: 'https://spam.example' })));
    expect(response.status).toBe(200);
    expect(env.fake!.delivered()).toHaveLength(0);
  });

  it('limits confirmation mails per address without changing the answer', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await subscribe(form(SUBSCRIBE, subscribeFields('flut@example.org', ['netzwerk-sprache'])))).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(env.fake!.delivered().filter((m) => m.to[0] === 'flut@example.org')).toHaveLength(5);
  });
});
