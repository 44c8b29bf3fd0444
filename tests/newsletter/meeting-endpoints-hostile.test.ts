/**
 * The two new public endpoints, /api/newsletter/preferences and /api/newsletter/calendar,
 * each given the hostile requests of tests/helpers/hostile-requests.ts (wrong methods and
 * content types, huge and broken bodies, odd values in every field, mangled tokens):
 * no 5xx, no internals in the answer, every refusal a German page or message, and no
 * subscriber record changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import preferences from '../../functions/newsletter-preferences.ts';
import calendar from '../../functions/newsletter-calendar.ts';
import { consentText, consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { getSubscriber, recordConfirmation } from '../../functions/lib/newsletter/subscribers.ts';
import { signToken } from '../../functions/lib/newsletter/token.ts';
import { bodyOf, fieldHostile, genericHostile, tokenHostile, type HostileRequest } from '../helpers/hostile-requests.ts';
import { de } from '../../src/i18n/de.ts';
import { startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from './env.ts';

const INTERNALS = /\bat [\w.<>$]+ \(|node:internal|\/work\/|\/tmp\/|\.(?:ts|js|mjs):\d+|\b(?:Type|Syntax|Range|Reference)Error\b|ENOENT|ECONNREFUSED|undefined is not/;
const EMAIL = 'ziel@example.org';
const ORIGIN = 'http://localhost:8888';

/** The request reader's catalogue messages (placeholders filled), and the pages' own German titles. */
const GERMAN = [
  ...Object.values(de)
    .filter((text) => text.length >= 20)
    .map((text) => new RegExp(text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^<]+?'), 's')),
  /Dieser Link ist ungültig/,
  /Diesen Termin gibt es nicht/,
];
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let env: NewsletterEnv;
beforeAll(async () => {
  env = await startNewsletterEnv();
  const at = new Date().toISOString();
  await recordConfirmation(EMAIL, { requestedAt: at, confirmedAt: at, consentVersion: consentVersion(), consentText: consentText(), networks: ['netzwerk-sprache'] });
});
afterAll(() => env.stop());

const token = () => signToken('preferences', { email: EMAIL, networks: [], expires: 0 }, TEST_SECRET);

async function attack(handler: (request: Request) => Promise<Response>, requests: HostileRequest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const r of requests) {
    let request: Request;
    try {
      request = new Request(ORIGIN + r.path, { method: r.method, headers: r.headers, body: bodyOf(r), duplex: 'half' } as RequestInit);
    } catch {
      continue; // not even a request (the platform refuses it before any function)
    }
    const response = await handler(request);
    const text = await response.text();
    if (response.status >= 500) problems.push(`${r.label}: ${response.status} ${text.slice(0, 120)}`);
    if (INTERNALS.test(text)) problems.push(`${r.label}: internals: ${INTERNALS.exec(text)?.[0]}`);
    if (response.status >= 400 && r.method !== 'HEAD' && !GERMAN.some((g) => g.test(decode(text)))) problems.push(`${r.label}: ${response.status} without a German message: ${text.slice(0, 160)}`);
  }
  return problems;
}

describe('hostile requests to the preferences and calendar endpoints', () => {
  it('preferences: no 5xx, no internals, German refusals, the record unchanged', async () => {
    const path = '/api/newsletter/preferences';
    const requests = [...genericHostile(path, ['GET', 'POST'], { token: token(), choices: '1', receives: 'netzwerk-sprache:minutes' }), ...tokenHostile(path, token()), ...fieldHostile(path, { token: 'x', choices: '1', receives: 'netzwerk-sprache:minutes' })];
    expect(requests.length).toBeGreaterThanOrEqual(150);
    expect(await attack(preferences, requests)).toEqual([]);
    // Whatever got through was a valid token with a valid choice, or nothing changed at all.
    const receives = (await getSubscriber(EMAIL))?.networks['netzwerk-sprache'].receives;
    expect(receives === undefined || JSON.stringify(receives) === '["minutes"]').toBe(true);
  });

  it('calendar: no 5xx, no internals, German refusals', async () => {
    const path = '/api/newsletter/calendar?termin=2027-02-24-netzwerk-sprache';
    const requests = genericHostile(path, ['GET'], { termin: '2027-02-24-netzwerk-sprache' });
    expect(await attack(calendar, requests)).toEqual([]);
    for (const odd of ['../../etc/passwd', '%00', '<script>', 'x'.repeat(5000)]) {
      const response = await calendar(new Request(`${ORIGIN}/api/newsletter/calendar?termin=${encodeURIComponent(odd)}`));
      expect(response.status).toBe(404);
    }
  });
});
