/**
 * "Link anfordern": the organisation's registered address gets a fresh link; the answer is
 * the same whether the address is known or not; requests are limited per IP and per
 * organisation; every mail reaches the outbox with a link that opens the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { startPartnerEnv, post, type PartnerEnv } from './env.ts';
import { handlePartner } from '../../functions/lib/partner/service.ts';
import { listOutbox } from '../../functions/lib/outbox.ts';
import { organisationAddress } from '../../functions/lib/partner/directory.ts';

let env: PartnerEnv;
const ORG = 'kinderhauser-arbeitslosen-initiative';
beforeAll(async () => {
  env = await startPartnerEnv();
});
afterAll(() => env?.stop());

const ask = (email: string, ip: string) => handlePartner(post({ action: 'request-link', email }), env.deps({ ip }));
const mails = async () => Promise.all(listOutbox(env.outboxDir).map(async (entry) => PostalMime.parse(readFileSync(entry.file))));

describe('Link anfordern', () => {
  it('shows the request form at /partner/ without a token', async () => {
    const response = await handlePartner(new Request('http://localhost:4321/partner/'), env.deps());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Link anfordern');
    expect(html).toContain('name="email"');
  });

  it('answers known and unknown addresses alike and mails only the registered address', async () => {
    const address = organisationAddress(ORG)!;
    const known = await ask(address.toUpperCase(), '203.0.113.1');
    const unknown = await ask('niemand@example.org', '203.0.113.2');
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0].to?.[0]?.address).toBe(address);
    const link = /http:\/\/localhost:4321\/partner\/\?t=[A-Za-z0-9_.-]+/.exec(sent[0].text ?? '')![0];
    const page = await handlePartner(new Request(link), env.deps());
    expect(await page.text()).toContain('Einträge von Kinderhauser Arbeitslosen Initiative');
  });

  it('limits requests per IP (429 with a German message) and mails per organisation (same answer)', async () => {
    const address = organisationAddress(ORG)!;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask('niemand@example.org', '203.0.113.9')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await ask('niemand@example.org', '203.0.113.9');
    expect(await limited.text()).toContain('Bitte versuchen Sie es in einer Stunde noch einmal');
    const before = (await mails()).length;
    const answers = new Set<string>();
    for (let i = 0; i < 4; i++) answers.add(await (await ask(address, `203.0.113.${20 + i}`)).text());
    expect(answers.size).toBe(1);
    // Three per hour per organisation, one already sent above.
    expect((await mails()).length).toBe(before + 2);
  });

  it('says clearly what is wrong with an address that is not one', async () => {
    const response = await ask('keine-adresse', '203.0.113.50');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an.');
  });
});
