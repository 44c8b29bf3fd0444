/**
 * The facts about the site that functions and mails need (title, address, sender, the
 * social office), derived from content/settings/site.yml in one place. Written to
 * generated/site.json and repeated inside generated/newsletter.json, always by this
 * function, so the two can never disagree.
 */
import type { Settings } from '../schema/index.ts';

export interface SiteFacts {
  title: string;
  /** Public origin of the site without a trailing slash, e.g. https://quartiersnetz-kinderhaus.de */
  url: string;
  /** `Name <address>` used when a mail names no sender (the newsletter sender in site.yml). */
  mailFrom: string;
  office: { name: string; street: string; postalCode: string; city: string; email: string; phone: string };
  imprintPath: string;
  privacyPath: string;
}

/** `siteUrl` is Astro's `site`, used when site.yml names no `website_url`. */
export function siteFactsFrom(settings: Settings, siteUrl: string): SiteFacts {
  const o = settings.office;
  return {
    title: settings.title,
    url: new URL(settings.website_url ?? siteUrl).origin,
    mailFrom: `${settings.newsletter.from_name} <${settings.newsletter.from_email}>`,
    office: { name: o.name, street: o.street, postalCode: o.postal_code, city: o.city, email: o.email, phone: o.phone },
    imprintPath: '/impressum/',
    privacyPath: '/datenschutz/',
  };
}
