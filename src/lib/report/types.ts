/** The yearly report's figures: what the city's advisory board sees, year beside year. */

export interface Count {
  key: string;
  label: string;
  count: number;
}

export interface MeetingFigures {
  key: string;
  label: string;
  /** Meetings that took place (past, not cancelled). */
  held: number;
  /** Of those, with minutes in the text or a protokoll document. */
  documented: number;
  cancelled: number;
  /** Later in the year (only for the running year). */
  planned: number;
}

/** Organisation slug → network slugs, at one moment. */
export type Memberships = Record<string, string[]>;

export interface PartnerFigures {
  /** Members per network at the end of the year (or today in the running year); undefined when not derivable. */
  members?: Count[];
  /** Organisations in the directory at that moment. */
  organisations?: number;
  joined?: { network: string; label: string; organisations: string[] }[];
  left?: { network: string; label: string; organisations: string[] }[];
  /** German: what could not be derived and why. */
  note?: string;
}

export interface OfferFigures {
  /** Offers running at some point of the year (not drafts). */
  active: number;
  byCategory: Count[];
  /** `alle` counts offers open to everyone (no audience set). */
  byAudience: Count[];
  /** `starts_on` in the year. */
  started: number;
  /** `ends_on` in the year and already past. */
  ended: number;
  /** `reviewed_at` in the year: confirmed or updated by the provider. */
  reviewed: number;
  /** From the version history, when it covers the year. */
  files?: { added: number; modified: number; deleted: number };
}

export interface NewsletterFigures {
  /** Posts marked for the newsletter with their date in the year, per network (from content). */
  planned: Count[];
  /** Issues actually sent in the year, per network (from the newsletter's Blobs store). */
  sent?: Count[];
  /** Confirmed subscribers at the end of the year, per network. */
  subscribers?: Count[];
  note?: string;
}

export interface YearFigures {
  year: number;
  meetings: MeetingFigures[];
  meetingsTotal: MeetingFigures;
  partners: PartnerFigures;
  offers: OfferFigures;
  newsletter: NewsletterFigures;
}

export interface YearlyReport {
  year: number;
  generatedAt: string;
  today: string;
  current: YearFigures;
  previous: YearFigures;
  /** German notes on what the figures rest on and what they cannot say. */
  notes: string[];
}

/** What the version history says about one year (see git-history.ts). */
export interface YearHistory {
  /** ISO instant of the first commit: nothing before it is known. */
  firstCommitAt?: string;
  membersAtStart?: Memberships;
  membersAtEnd?: Memberships;
  offerFiles?: { added: number; modified: number; deleted: number };
}

/** What the newsletter's stores say (see newsletter-source.ts). */
export interface NewsletterRecords {
  /** Sent posts: slug and when. */
  sends: { slug: string; sentAt: string }[];
  /** Per subscriber: consent events in order. */
  subscribers: { events: ({ type: 'confirmed'; networks: string[]; confirmedAt: string } | { type: 'unsubscribed'; networks: string[]; at: string })[] }[];
}
