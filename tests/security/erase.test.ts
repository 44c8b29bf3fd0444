/**
 * Issue 15, finding 3: `npm run erase -- <email>` removes one person from Blobs and from
 * Resend's contacts, prints what it removed, and exits 1 if anything failed. Runs the
 * real script in a child process against the local Blobs server and the Resend fake.
 */
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import confirm from '../../functions/newsletter-confirm.ts';
import { messages, newMessage, saveNew } from '../../functions/lib/contact/messages.ts';
import { consentVersion } from '../../functions/lib/newsletter/consent.ts';
import { getSubscriber } from '../../functions/lib/newsletter/subscribers.ts';
import { allowConfirmationMail, REQUESTS_STORE } from '../../functions/lib/newsletter/throttle.ts';
import { addressKey } from '../../functions/lib/newsletter/address.ts';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken } from '../../functions/lib/newsletter/token.ts';
import { store } from '../../functions/lib/stores.ts';
import { form, startNewsletterEnv, TEST_SECRET, type NewsletterEnv } from '../newsletter/env.ts';

const run = promisify(execFile);
const NODE = resolve('node_modules/.bin/node');
let env: NewsletterEnv;
beforeAll(async () => {
  env = await startNewsletterEnv({ resendFake: true });
});
afterAll(async () => {
  await env.stop();
});

async function erase(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(NODE, ['scripts/erase.ts', ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function storePerson(email: string) {
  const issued = Math.floor(Date.now() / 1000);
  const token = signToken('confirm', { email, networks: ['netzwerk-sprache'], issued, expires: issued + CONFIRM_TOKEN_TTL_SECONDS, consentVersion: consentVersion() }, TEST_SECRET);
  expect((await confirm(form('http://localhost:8888/api/newsletter/confirm', { token }))).status).toBe(200);
  await allowConfirmationMail(email);
  const message = newMessage(randomUUID(), { recipient: 'org:sozialbuero', name: 'Anwohnerin', email, message: 'Bitte rufen Sie zurück.' }, { key: 'org:sozialbuero' } as never, new Date());
  await saveNew(message);
  return message.id;
}

describe('npm run erase -- <email>', () => {
  it('removes the person from Blobs and Resend and says what it removed', async () => {
    const id = await storePerson('loeschen@example.org');
    const other = await storePerson('bleibt@example.org');
    expect([...env.fake!.state.contacts.values()].map((c) => c.email)).toContain('loeschen@example.org');

    const result = await erase(' Loeschen@Example.org ');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Löschung für loeschen@example.org:');
    expect(result.stdout).toContain('- Newsletter: Anmeldung und Nachweis der Einwilligung: gelöscht');
    expect(result.stdout).toContain('- Newsletter: Zählung der Bestätigungs-E-Mails: gelöscht');
    expect(result.stdout).toContain('- Kontaktformular: noch nicht zugestellte Nachrichten: gelöscht (1 Nachricht(en))');
    expect(result.stdout).toContain('- E-Mail-Dienst Resend: Kontakt: gelöscht');

    expect(await getSubscriber('loeschen@example.org')).toBeNull();
    expect(await store(REQUESTS_STORE).get(addressKey('loeschen@example.org'))).toBeNull();
    expect(await messages().get(`message/${id}`)).toBeNull();
    expect(await messages().get(`pending/${id}`)).toBeNull();
    expect([...env.fake!.state.contacts.values()].map((c) => c.email)).not.toContain('loeschen@example.org');
    // Nobody else is touched.
    expect(await getSubscriber('bleibt@example.org')).not.toBeNull();
    expect(await messages().get(`message/${other}`)).not.toBeNull();
    expect([...env.fake!.state.contacts.values()].map((c) => c.email)).toContain('bleibt@example.org');

    // Again: nothing left, still exit 0.
    const again = await erase('loeschen@example.org');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('- Newsletter: Anmeldung und Nachweis der Einwilligung: nichts gespeichert');
  });

  it('exits 1 and says which step failed when Resend is down, after doing the rest', async () => {
    await storePerson('ausfall@example.org');
    env.fake!.setPolicy((r) => (r.method === 'DELETE' ? { status: 500 } : undefined));
    try {
      const result = await erase('ausfall@example.org');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('- E-Mail-Dienst Resend: Kontakt: FEHLGESCHLAGEN');
      expect(result.stdout).toContain('- Newsletter: Anmeldung und Nachweis der Einwilligung: gelöscht');
      expect(result.stderr).toContain('Bitte später erneut ausführen: npm run erase -- ausfall@example.org');
    } finally {
      env.fake!.setPolicy(undefined);
    }
    expect(await getSubscriber('ausfall@example.org')).toBeNull();
  });

  it('refuses anything but one valid address', async () => {
    for (const args of [[], ['keine-adresse'], ['a@example.org', 'b@example.org']]) {
      const result = await erase(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Aufruf: npm run erase -- <E-Mail-Adresse>');
    }
  });
});
