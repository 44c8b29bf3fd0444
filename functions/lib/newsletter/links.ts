/**
 * The signed links a newsletter mail carries for its one recipient: unsubscribe (also
 * the List-Unsubscribe header) and "Einstellungen ändern". Both never expire: a mail
 * read months later must still let its reader leave or choose less. They are signed
 * under different purposes (token.ts), so neither can stand in for the other.
 */
import type { RecipientLinks } from './mailing.ts';
import { signToken } from './token.ts';

export const PREFERENCES_PATH = '/api/newsletter/preferences';
export const CALENDAR_PATH = '/api/newsletter/calendar';

export function unsubscribeUrl(origin: string, email: string, networks: string[], secret: string): string {
  const token = signToken('unsubscribe', { email, networks, expires: 0 }, secret);
  return `${origin}/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The preferences page for every network of the address: the token names no networks. */
export function preferencesUrl(origin: string, email: string, secret: string): string {
  const token = signToken('preferences', { email, networks: [], expires: 0 }, secret);
  return `${origin}${PREFERENCES_PATH}?token=${encodeURIComponent(token)}`;
}

export function recipientLinks(origin: string, email: string, networks: string[], secret: string): RecipientLinks {
  return { unsubscribeUrl: unsubscribeUrl(origin, email, networks, secret), preferencesUrl: preferencesUrl(origin, email, secret) };
}

/** The meeting's calendar file (newsletter-calendar.ts): the same for every recipient. */
export function calendarUrl(origin: string, slug: string): string {
  return `${origin}${CALENDAR_PATH}?termin=${encodeURIComponent(slug)}`;
}
