/**
 * Erasure for the office (`npm run erase -- <email>`, GDPR Art. 17): removes everything
 * stored about one address, in Blobs and at Resend, and says what it removed. Each step
 * runs even if an earlier one failed, so one outage never hides the rest; the caller
 * exits 1 if any step failed, and running it again is safe.
 *
 * What cannot be found by address holds none: used-link markers and double-click
 * checksums are keyed HMACs of a whole link or message and expire on their own
 * (src/lib/retention.ts).
 */
import { normaliseEmail } from '../newsletter/address.ts';
import { addressKey, legacyAddressKey } from '../newsletter/address.ts';
import { removeContact } from '../newsletter/contacts.ts';
import { usesResend } from '../newsletter/config.ts';
import { REQUESTS_STORE } from '../newsletter/throttle.ts';
import { SUBSCRIBERS_STORE } from '../newsletter/subscribers.ts';
import { STORE_NAME as CONTACT_STORE, type StoredMessage } from '../contact/messages.ts';
import { store } from '../stores.ts';

export interface ErasureStep {
  /** German, for the office. */
  what: string;
  outcome: 'removed' | 'none' | 'skipped' | 'failed';
  detail?: string;
}

async function deleteKeys(name: string, keys: string[]): Promise<number> {
  const blobs = store(name);
  let removed = 0;
  for (const key of keys) {
    if ((await blobs.get(key)) === null) continue;
    await blobs.delete(key);
    removed++;
  }
  return removed;
}

async function contactMessagesOf(email: string): Promise<string[]> {
  const blobs = store(CONTACT_STORE);
  const ids: string[] = [];
  for await (const page of blobs.list({ prefix: 'message/', paginate: true })) {
    for (const { key } of page.blobs) {
      const message = (await blobs.get(key, { type: 'json' })) as StoredMessage | null;
      if (message?.input && normaliseEmail(message.input.email) === email) ids.push(message.id);
    }
  }
  return ids;
}

async function step(what: string, run: () => Promise<Omit<ErasureStep, 'what'>>): Promise<ErasureStep> {
  try {
    return { what, ...(await run()) };
  } catch (error) {
    return { what, outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

export async function erasePerson(rawEmail: string): Promise<ErasureStep[]> {
  const email = normaliseEmail(rawEmail);
  const keys = [addressKey(email), legacyAddressKey(email)];
  return [
    await step('Newsletter: Anmeldung und Nachweis der Einwilligung', async () => {
      const removed = await deleteKeys(SUBSCRIBERS_STORE, keys);
      return { outcome: removed ? 'removed' : 'none' };
    }),
    await step('Newsletter: Zählung der Bestätigungs-E-Mails', async () => {
      // Ordered events below the address's key (throttle.ts), and flat records from before.
      const events: string[] = [];
      for await (const page of store(REQUESTS_STORE).list({ prefix: `address/${addressKey(email)}/`, paginate: true })) events.push(...page.blobs.map((b) => b.key));
      const removed = await deleteKeys(REQUESTS_STORE, [...keys, ...events]);
      return { outcome: removed ? 'removed' : 'none' };
    }),
    await step('Kontaktformular: noch nicht zugestellte Nachrichten', async () => {
      const ids = await contactMessagesOf(email);
      for (const id of ids) await deleteKeys(CONTACT_STORE, [`pending/${id}`, `lease/${id}`, `message/${id}`]);
      return { outcome: ids.length ? 'removed' : 'none', detail: ids.length ? `${ids.length} Nachricht(en)` : undefined };
    }),
    await step('E-Mail-Dienst Resend: Kontakt', async () => {
      if (!usesResend()) return { outcome: 'skipped', detail: 'RESEND_API_KEY ist nicht gesetzt' };
      return { outcome: (await removeContact(email)) ? 'removed' : 'none' };
    }),
  ];
}
