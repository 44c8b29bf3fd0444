/**
 * A mailing: one thing that goes to the subscribers of some networks exactly once (a
 * news post, a meeting's invitation, its update, cancellation or minutes). The send
 * machinery (send.ts) claims, freezes, batches and records mailings without knowing
 * what they are; this module says what each kind is and whom it reaches.
 */
import { berlinDate } from '../../../src/lib/dates.ts';
import type { MailKind } from '../../../src/lib/newsletter-types.ts';
import type { MailChoice } from './subscribers.ts';
import type { RenderedMail } from './templates.ts';

export type { MailKind };

/** Which subscriber choice a kind of mail obeys: updates and cancellations follow invitations. */
export const CHOICE_OF: Record<MailKind, MailChoice> = {
  news: 'news',
  invitation: 'invitations',
  update: 'invitations',
  cancellation: 'invitations',
  minutes: 'minutes',
};

/** Why a mailing is recorded as never to be sent when first seen. */
export type SkipReason = 'too-old' | 'past';

export interface Recipient {
  email: string;
  /** The networks this person gets the mailing for. */
  networks: string[];
}

/** The signed links every mail carries for its recipient. */
export interface RecipientLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export interface Mailing {
  /** Key of its send record in the store (`posts/<slug>`, `meetings/<slug>/invitation` …). */
  key: string;
  /** Names it in logs, idempotency keys, frozen batches and run outcomes (a post: its slug). */
  name: string;
  kind: MailKind;
  /** The networks it addresses (never empty: "all networks" is spelled out). */
  networks: string[];
  /** The calendar day its age is judged by (a post's date, a meeting's day). */
  date: string;
  /** Set when it must never go out (judged on first sight only). */
  skip?: SkipReason;
  /** Facts recorded with its claim, e.g. the schedule an invitation announced and its calendar SEQUENCE. */
  facts?: MailingFacts;
  /** The title shown in the health report and digest. */
  title: string;
  render(recipient: Recipient, links: RecipientLinks, origin: string): RenderedMail;
}

/** A meeting's date, time and place as one mail announced them. */
export interface Schedule {
  startsAt: string;
  endsAt?: string;
  /** Name, street, postal code, city, online link: joined, empty parts left out. */
  place: string[];
}

export interface MailingFacts {
  schedule?: Schedule;
  /** What the mail before announced (an update shows "bisher: …"). */
  previous?: Schedule;
  /** The calendar SEQUENCE the mail's .ics carries (0 for the invitation). */
  sequence?: number;
}

/** Posts older than this when first seen are never sent; nor are minutes of meetings older than this. */
export const MAX_AGE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days between a calendar day (`YYYY-MM-DD`) and today (Europe/Berlin). */
export function ageInDays(day: string, now: Date): number {
  return Math.round((Date.parse(`${berlinDate(now)}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
}
