/**
 * The public function endpoints under `netlify serve --offline` (production bundles,
 * Netlify's routing and local Blobs), each attacked with at least 200 hostile requests:
 * no answer may be a 5xx, none may carry a stack trace or a file path, and every refusal
 * must say in plain German (a catalogue message) what went wrong.
 */
import { describe, expect, it } from 'vitest';
import { bodyOf, fieldHostile, genericHostile, tokenHostile, type HostileRequest } from '../helpers/hostile-requests.ts';
import { inBatches, openServer } from '../helpers/function-servers.ts';
import { SERVE_DEFAULT_ENV } from '../helpers/netlify-serve.ts';
import { signToken } from '../../functions/lib/newsletter/token.ts';
import { de } from '../../src/i18n/de.ts';

const INTERNALS = /\bat [\w.<>$]+ \(|node:internal|\/work\/|\/tmp\/|\.(?:ts|js|mjs):\d+|\b(?:Type|Syntax|Range|Reference)Error\b|ENOENT|ECONNREFUSED|undefined is not/;

const templates = Object.values(de)
  .filter((text) => text.length >= 20)
  .map((text) => new RegExp(text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^<]+?'), 's'));
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const hasCatalogueMessage = (text: string) => templates.some((template) => template.test(decode(text)));

const contactFields = { recipient: 'offers/deutschkurs-a1-mit-kinderbetreuung', name: 'Anwohnerin Test', email: 'anwohnerin@example.net', message: 'Guten Tag, ich habe eine Frage zum Kurs.', consent: 'on' };
const subscribeFields = { email: 'leserin@example.org', networks: 'netzwerk-sprache', consent: 'yes', consent_version: 'x', website: '' };
const secret = SERVE_DEFAULT_ENV.NEWSLETTER_SECRET;
const confirmToken = signToken('confirm', { email: 'leserin@example.org', networks: ['netzwerk-sprache'], expires: Math.floor(Date.now() / 1000) + 3600, issued: Math.floor(Date.now() / 1000), consentVersion: 'x' }, secret);
const unsubscribeToken = signToken('unsubscribe', { email: 'leserin@example.org', networks: ['netzwerk-sprache'], expires: 0 }, secret);

const ENDPOINTS: { path: string; requests: HostileRequest[] }[] = [
  { path: '/api/contact', requests: [...genericHostile('/api/contact', ['POST'], contactFields), ...fieldHostile('/api/contact', contactFields)] },
  { path: '/api/newsletter/subscribe', requests: [...genericHostile('/api/newsletter/subscribe', ['POST'], subscribeFields), ...fieldHostile('/api/newsletter/subscribe', subscribeFields)] },
  { path: '/api/newsletter/confirm', requests: [...genericHostile('/api/newsletter/confirm', ['GET', 'POST'], { token: confirmToken }), ...tokenHostile('/api/newsletter/confirm', confirmToken), ...fieldHostile('/api/newsletter/confirm', { token: 'x', lang: 'de' })] },
  { path: '/api/newsletter/unsubscribe', requests: [...genericHostile('/api/newsletter/unsubscribe', ['GET', 'POST'], { token: unsubscribeToken }), ...tokenHostile('/api/newsletter/unsubscribe', `${unsubscribeToken}x`), ...fieldHostile('/api/newsletter/unsubscribe', { token: 'x', scope: 'all' })] },
];

describe('hostile requests under netlify serve', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.path}: ${endpoint.requests.length} hostile requests, 0 × 5xx, no internals, every refusal a clear German message`, async () => {
      expect(endpoint.requests.length).toBeGreaterThanOrEqual(200);
      const site = await openServer();
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      await inBatches(endpoint.requests.length, 8, async (index) => {
        const request = endpoint.requests[index];
        const response = await fetch(site.url + request.path, { method: request.method, headers: request.headers, body: bodyOf(request), duplex: 'half' } as RequestInit);
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) problems.push(`${request.label}: ${response.status} ${text.slice(0, 120)}`);
        if (INTERNALS.test(text)) problems.push(`${request.label}: internals in the answer: ${INTERNALS.exec(text)?.[0]}`);
        if (response.status >= 400 && request.method !== 'HEAD' && !hasCatalogueMessage(text)) problems.push(`${request.label}: ${response.status} without a clear message: ${text.slice(0, 160)}`);
      });
      expect(problems, `status counts: ${JSON.stringify(Object.fromEntries(statuses))}`).toEqual([]);
    }, 600_000);
  }
});
