/**
 * Which entries the public site shows. Judged at build time in Europe/Berlin; the daily
 * rebuild moves the line forward without anyone committing.
 */
import type { Meeting, Offer } from '../schema/index.ts';
import { berlinDate } from './dates.ts';

/** Drafts are never built; an offer is gone the day after its `ends_on`. */
export function isOfferPublished(offer: Pick<Offer, 'draft' | 'ends_on'>, today: string): boolean {
  if (offer.draft) return false;
  return !(offer.ends_on && offer.ends_on < today);
}

export function isOfferExpired(offer: Pick<Offer, 'ends_on'>, today: string): boolean {
  return Boolean(offer.ends_on && offer.ends_on < today);
}

/** A meeting is upcoming until it has ended (or, without an end, until its start). */
export function isMeetingUpcoming(meeting: Pick<Meeting, 'starts_at' | 'ends_at'>, instant: Date): boolean {
  return Date.parse(meeting.ends_at ?? meeting.starts_at) >= instant.getTime();
}

export function todayIn(instant: Date): string {
  return berlinDate(instant);
}
