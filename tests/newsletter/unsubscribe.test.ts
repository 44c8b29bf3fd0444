/**
 * Unsubscribe: GET never changes anything, POST withdraws one network or all,
 * idempotently; the RFC 8058 one-click POST withdraws the networks the mail was sent for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import unsubscribe from '../../functions/newsletter-unsubscribe.ts';
import { subscribeContact } from '../../functions/lib/newsletter/contacts.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { unsubscribeUrl } from '../../functions/lib/newsletter/send.ts';
import { activeNetworks, getSubscriber, recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { form, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from './env.ts';

const ORIGIN = 'http://localhost:8888';
let env: NewsletterEnv;
const ALL = ['netzwerk-beschaeftigung', 'netzwerk-jugend-ausbildung', 'netzwerk-sprache'];

beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => {
  env.fake!.reset();
});

async function subscribed(email: string, networks: string[]) {
  const now = new Date().toISOString();
  await subscribeContact(email, env.data.networks.filter((n) => networks.includes(n.slug)));
  await recordConfirmation(email, { networks, requestedAt: now, confirmedAt: now, consentVersion: consentVersion(), consentText: consentText() });
}

function topicsOf(email: string): Record<string, string> {
  const contact = [...env.fake!.state.contacts.values()].find((c) => c.email === email)!;
  const names = new Map([...env.fake!.state.topics.values()].map((t) => [t.id, t.name]));
  return Object.fromEntries(Object.entries(contact.topics).map(([id, s]) => [names.get(id), s]));
}

describe('unsubscribe', () => {
  it('shows a choice on GET and changes nothing', async () => {
    await subscribed('lesen@example.org', ALL);
    const link = unsubscribeUrl(ORIGIN, 'lesen@example.org', ['netzwerk-sprache'], TEST_SECRET);
    const before = env.fake!.requests.length;
    const response = await unsubscribe(new Request(link));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Nur diese: Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz');
    expect(html).toContain('value="all"');
    expect(activeNetworks(await getSubscriber('lesen@example.org'))).toEqual(ALL);
    expect(env.fake!.requests.slice(before)).toHaveLength(0);
  });

  it('withdraws one network, idempotently, and records it once', async () => {
    await subscribed('eins@example.org', ALL);
    const link = unsubscribeUrl(ORIGIN, 'eins@example.org', ['netzwerk-sprache'], TEST_SECRET);
    const token = new URL(link).searchParams.get('token')!;
    for (let i = 0; i < 2; i++) {
      const response = await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'networks' }));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Sie bekommen keine Meldungen mehr aus: Netzwerk I: Verbesserung berufsbezogener Sprachkompetenz.');
    }
    const record = await getSubscriber('eins@example.org');
    expect(activeNetworks(record)).toEqual(['netzwerk-beschaeftigung', 'netzwerk-jugend-ausbildung']);
    expect(record!.history.filter((e) => e.type === 'unsubscribed')).toEqual([expect.objectContaining({ networks: ['netzwerk-sprache'], via: 'form' })]);
    expect(topicsOf('eins@example.org')).toEqual({ 'netzwerk-sprache': 'opt_out', 'netzwerk-jugend-ausbildung': 'opt_in', 'netzwerk-beschaeftigung': 'opt_in' });
  });

  it('withdraws everything when asked, including the contact', async () => {
    await subscribed('alles@example.org', ALL);
    const token = new URL(unsubscribeUrl(ORIGIN, 'alles@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
    const response = await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'all' }));
    expect(await response.text()).toContain('Sie bekommen keinen Newsletter mehr von Quartiersnetz Kinderhaus.');
    expect(activeNetworks(await getSubscriber('alles@example.org'))).toEqual([]);
    expect(Object.values(topicsOf('alles@example.org'))).toEqual(['opt_out', 'opt_out', 'opt_out']);
    expect([...env.fake!.state.contacts.values()].find((c) => c.email === 'alles@example.org')!.unsubscribed).toBe(true);
  });

  it('accepts the RFC 8058 one-click POST for the networks of the mail', async () => {
    await subscribed('klick@example.org', ['netzwerk-sprache', 'netzwerk-jugend-ausbildung']);
    const link = unsubscribeUrl(ORIGIN, 'klick@example.org', ['netzwerk-jugend-ausbildung'], TEST_SECRET);
    const response = await unsubscribe(
      new Request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }),
    );
    expect(response.status).toBe(200);
    const record = await getSubscriber('klick@example.org');
    expect(activeNetworks(record)).toEqual(['netzwerk-sprache']);
    expect(record!.history.at(-1)).toMatchObject({ type: 'unsubscribed', via: 'one-click', networks: ['netzwerk-jugend-ausbildung'] });
  });

  it('still unsubscribes when Resend is down: our own sending reads the Blobs record', async () => {
    await subscribed('ausfall@example.org', ['netzwerk-sprache']);
    env.fake!.setPolicy(() => ({ status: 503 }));
    const token = new URL(unsubscribeUrl(ORIGIN, 'ausfall@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
    const response = await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'networks' }));
    env.fake!.setPolicy(undefined);
    expect(response.status).toBe(200);
    expect(activeNetworks(await getSubscriber('ausfall@example.org'))).toEqual([]);
  });

  it('keeps old unsubscribe links working after the secret is rotated (NEWSLETTER_SECRET_PREVIOUS)', async () => {
    await subscribed('rotation@example.org', ['netzwerk-sprache']);
    const token = new URL(unsubscribeUrl(ORIGIN, 'rotation@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
    process.env.NEWSLETTER_SECRET = 'the-new-secret-after-rotation-0123456789';
    try {
      expect((await unsubscribe(new Request(`${ORIGIN}/api/newsletter/unsubscribe?token=${token}`))).status).toBe(400);
      process.env.NEWSLETTER_SECRET_PREVIOUS = TEST_SECRET;
      const response = await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'networks' }));
      expect(response.status).toBe(200);
      expect(activeNetworks(await getSubscriber('rotation@example.org'))).toEqual([]);
    } finally {
      process.env.NEWSLETTER_SECRET = TEST_SECRET;
      delete process.env.NEWSLETTER_SECRET_PREVIOUS;
    }
  });

  it('refuses forged links and confirm links with a page naming the office address', async () => {
    await subscribed('opfer@example.org', ALL);
    const good = new URL(unsubscribeUrl(ORIGIN, 'opfer@example.org', ['netzwerk-sprache'], TEST_SECRET)).searchParams.get('token')!;
    const forged = new URL(unsubscribeUrl(ORIGIN, 'opfer@example.org', ['netzwerk-sprache'], 'another-secret-of-sufficient-length-xxxx')).searchParams.get('token')!;
    for (const token of [forged, `${good.slice(0, -3)}abc`, '']) {
      const response = await unsubscribe(form(`${ORIGIN}/api/newsletter/unsubscribe`, { token, scope: 'all' }));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('mailto:sozialbuero@example.org');
    }
    expect(activeNetworks(await getSubscriber('opfer@example.org'))).toEqual(ALL);
  });
});
