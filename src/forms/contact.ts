/**
 * The contact form's contract, in one place: field names, element ids and limits, read
 * by the Astro component (src/components/ContactForm.astro), the browser script
 * (src/scripts/contact-form.ts) and the function (functions/lib/contact/). Plain
 * constants only: the browser bundle imports this file.
 */

/** RFC 5321: a forward path has at most 254 characters. */
export const EMAIL_MAX = 254;

export const CONTACT_LIMITS = {
  nameMax: 100,
  /** Shorter than this is rarely a message anyone can answer ("Hallo"). */
  messageMin: 10,
  /** Long enough for a real request, short enough to read, and well inside the body limit. */
  messageMax: 5_000,
  emailMax: EMAIL_MAX,
  /** 32 KB: a 5,000-character message in any script, with room for the other fields. */
  bodyBytes: 32 * 1024,
} as const;

/** Every field the form sends. Anything else is refused, so no one can smuggle in `to` or `bcc`. */
export const CONTACT_FIELDS = ['recipient', 'name', 'email', 'message', 'consent', 'homepage', 'started', 'sent', 'lang'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Element ids of the visible fields (and the honeypot): error summaries link to them. */
export const CONTACT_FIELD_IDS = {
  name: 'contact-name',
  email: 'contact-email',
  message: 'contact-message',
  consent: 'contact-consent',
  homepage: 'contact-homepage',
} as const satisfies Partial<Record<ContactField, string>>;

export const CONTACT_ACTION = '/api/contact';
