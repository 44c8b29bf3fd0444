/**
 * The recipient directory behind the contact forms: which address a form on a page
 * writes to. Built from content at build time and shipped privately with the functions
 * (generated/recipients.json, never in dist/), so the site publishes no address and a
 * visitor can only name a recipient, never an address.
 */
import type { ContentSet } from './load-content.ts';
import { isOfferPublished } from './publication.ts';
import { t } from '../i18n/index.ts';

export interface Recipient {
  /** Where the message goes. */
  email: string;
  /** Who receives it, as the mail names them. */
  name: string;
  /** What the visitor wrote about: the page's title. */
  topic: string;
  /** The page the form sits on (site-relative), named in the mail. */
  path: string;
  /**
   * True when the entry has no address of its own and the social office receives the
   * message to pass it on: every page gets a form, and the office never misses one.
   */
  forwarded: boolean;
}

/** `organisations/<slug>` | `offers/<slug>` | `networks/<slug>` | `office`. */
export type RecipientKey = string;
export type RecipientDirectory = Record<RecipientKey, Recipient>;

export function recipientKey(kind: 'organisations' | 'offers' | 'networks', slug: string): RecipientKey {
  return `${kind}/${slug}`;
}

export const OFFICE_KEY = 'office';

/**
 * Offers that are not published (drafts, past `ends_on` on `today`) get no entry:
 * their page does not exist, so nobody can write to them.
 */
export function buildRecipientDirectory(content: ContentSet, today: string): RecipientDirectory {
  const directory: RecipientDirectory = {};
  const office = content.settings?.office;
  const organisations = new Map(content.organisations.map((o) => [o.id, o.data]));

  const entry = (email: string | undefined, name: string, topic: string, path: string): Recipient | undefined => {
    if (email) return { email, name, topic, path, forwarded: false };
    if (office) return { email: office.email, name: office.name, topic, path, forwarded: true };
    return undefined;
  };
  const add = (key: RecipientKey, recipient: Recipient | undefined) => {
    if (recipient) directory[key] = recipient;
  };

  if (office) directory[OFFICE_KEY] = { email: office.email, name: office.name, topic: office.name, path: '/kontakt/', forwarded: false };

  for (const { id, data } of content.organisations) {
    add(recipientKey('organisations', id), entry(data.email, data.name, data.name, `/organisationen/${id}/`));
  }

  for (const { id, data } of content.offers) {
    if (!isOfferPublished(data, today)) continue;
    const provider = organisations.get(data.provider);
    const email = data.contact?.email ?? provider?.email;
    const name = data.contact?.email && data.contact.role ? `${data.contact.role} (${provider?.name ?? data.provider})` : (provider?.name ?? data.title);
    add(recipientKey('offers', id), entry(email, name, data.title, `/angebote/${id}/`));
  }

  for (const { id, data } of content.networks) {
    const coordinator = data.coordinator ? organisations.get(data.coordinator) : undefined;
    const network = data.short_title ?? data.title;
    const name = coordinator ? t('contact.recipient.coordinationBy', { network, organisation: coordinator.name }) : t('contact.recipient.coordination', { network });
    add(recipientKey('networks', id), entry(coordinator?.email, name, data.title, `/netzwerke/${id}/`));
  }

  return directory;
}
