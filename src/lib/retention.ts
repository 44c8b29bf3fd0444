/**
 * How long each kind of personal record in Netlify Blobs is kept: written once, read by
 * the purge job (functions/purge.ts, which deletes what is older) and by the privacy
 * page (/datenschutz/, "Speicherfristen"), so the page can never promise something the
 * job does not do. Each period runs from the record's own time (`from`).
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How long a confirmation link is valid (the double opt-in mail says so). */
export const CONFIRM_LINK_VALID_HOURS = 48;

export type RetentionKind =
  | 'contactRate'
  | 'contactLease'
  | 'contactRecord'
  | 'newsletterRequests'
  | 'confirmMarkers'
  | 'withdrawnConsent'
  | 'newsletterBatches';

export interface Retention {
  /** Blobs store and key prefix the records live under. */
  store: string;
  prefix: string;
  /** How long after `from` the record is deleted. */
  ms: number;
  /** German, for the privacy page: what is kept ... */
  what: string;
  /** ... counted from when ... */
  from: string;
  /** ... and the period in words. */
  period: string;
}

export const RETENTION: Record<RetentionKind, Retention> = {
  contactRate: {
    store: 'contact-rate',
    // Ordered events per client (functions/lib/contact/admission.ts), which also carry the
    // checksum of the message against double posts.
    prefix: 'client/',
    ms: DAY_MS,
    what: 'Zählung der Nachrichten aus dem Kontaktformular pro Anschluss (verschlüsselte Prüfsumme der IP-Adresse, Zeitpunkte und Prüfsumme jeder Nachricht gegen doppeltes Absenden)',
    from: 'nach der letzten Nachricht',
    period: '1 Tag',
  },
  contactLease: {
    store: 'contact-messages',
    prefix: 'lease/',
    ms: DAY_MS,
    what: 'Versandvermerk einer Nachricht (welcher Versuch gerade läuft)',
    from: 'nach dem Versuch',
    period: '1 Tag',
  },
  contactRecord: {
    store: 'contact-messages',
    prefix: 'message/',
    ms: 90 * DAY_MS,
    what: 'Vermerk über eine zugestellte Nachricht, ohne Name, E-Mail-Adresse und Text (Zeitpunkt, Empfangsstelle, Ergebnis)',
    from: 'nach der Zustellung',
    period: '90 Tage',
  },
  newsletterRequests: {
    store: 'newsletter-requests',
    prefix: '',
    ms: DAY_MS,
    what: 'Zählung der Bestätigungs-E-Mails pro Adresse (verschlüsselte Prüfsumme der Adresse und Zeitpunkte)',
    from: 'nach der letzten Bestätigungs-E-Mail',
    period: '1 Tag',
  },
  confirmMarkers: {
    store: 'newsletter-tokens',
    prefix: 'confirm/',
    // The link is valid CONFIRM_LINK_VALID_HOURS from the request, which is before the
    // confirmation: after that many hours from the confirmation it can no longer be used.
    ms: CONFIRM_LINK_VALID_HOURS * HOUR_MS,
    what: 'Vermerk, dass ein Bestätigungslink benutzt wurde (verschlüsselte Prüfsumme des Links)',
    from: 'nach der Bestätigung',
    period: `${CONFIRM_LINK_VALID_HOURS} Stunden`,
  },
  withdrawnConsent: {
    store: 'newsletter-subscribers',
    prefix: '',
    // Proof of consent must outlive the regular limitation period for claims (§ 195 BGB:
    // three years), counted from the withdrawal; the Resend contact is deleted with it.
    ms: 3 * 365 * DAY_MS,
    what: 'Nachweis der Newsletter-Einwilligung nach der Abmeldung von allen Netzwerken (Adresse, Zeitpunkte, Wortlaut der Einwilligung)',
    from: 'nach der letzten Abmeldung',
    period: '3 Jahre',
  },
  newsletterBatches: {
    store: 'newsletter-sends',
    prefix: 'frozen/',
    ms: 7 * DAY_MS,
    what: 'Empfängerliste eines Newsletter-Versands (nur während des Versands; danach sofort gelöscht)',
    from: 'nach dem Beginn des Versands, falls ein Versand abbricht',
    period: '7 Tage',
  },
};

/** True if a record of `kind` whose time is `from` is past its retention at `now`. */
export function isExpired(kind: RetentionKind, from: Date | number, now: Date): boolean {
  const start = typeof from === 'number' ? from : from.getTime();
  return Number.isFinite(start) && now.getTime() - start > RETENTION[kind].ms;
}
