/**
 * A subscribe form must not become a tool for flooding someone's mailbox: each address
 * gets at most a few confirmation mails a day (store `newsletter-requests`). Past the
 * limit the form still answers exactly as usual, so it reveals nothing about addresses.
 */
import { store } from '../stores.ts';
import { addressKey } from './address.ts';
import { writeIfUnchanged } from './conditional-write.ts';

export const REQUESTS_STORE = 'newsletter-requests';
export const MAX_CONFIRMATIONS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Records a confirmation mail for `email` at `now` if the daily limit allows it. */
export async function allowConfirmationMail(email: string, now: Date): Promise<boolean> {
  const blobs = store(REQUESTS_STORE);
  const key = addressKey(email);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await blobs.getWithMetadata(key, { type: 'json' });
    const recent = ((current?.data?.sent ?? []) as string[]).filter((at) => now.getTime() - Date.parse(at) < DAY_MS);
    if (recent.length >= MAX_CONFIRMATIONS_PER_DAY) return false;
    const value = { sent: [...recent, now.toISOString()] };
    if ((await writeIfUnchanged(blobs, key, value, current)).written) return true;
  }
  return false;
}
