/**
 * The newsletter's mails: one list of blocks per mail, rendered in the one mail layout
 * (../mail-layout) to German HTML and a plain-text version from the same blocks, so both
 * always say the same thing.
 *
 * - issueMail: a news post as newsletter, with site name, the post, links to its
 *   attachments, the imprint and a visible unsubscribe link, plus the List-Unsubscribe
 *   headers (RFC 2369, RFC 8058 one-click) mail programs show as "Abbestellen".
 * - confirmationMail: the double opt-in request. It carries the request only, no
 *   advertising and no post (BGH I ZR 164/09: the confirmation mail itself must not
 *   advertise).
 * - welcomeMail: after the confirmation, what one subscribed to and how to leave.
 * - stalledUnsubscribeMail: to the office when an unsubscribe keeps failing at Resend.
 */
import { t } from '../../../src/i18n/index.ts';
import { formatDate, formatDateTime } from '../../../src/lib/dates.ts';
import type { NewsletterData, NewsletterNetwork, NewsletterPost, NewsletterSite } from './data.ts';
import { escapeHtml } from '../../../src/lib/escape-html.ts';
import { renderLayout, type Block } from '../mail-layout/index.ts';

// Re-exported for the modules that import it from here.
export { escapeHtml };

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** "A", "A und B", "A, B und C". */
export function joinGerman(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/** Network titles in the site's order (tokens carry slugs sorted alphabetically). */
export function networkLabels(slugs: string[], networks: NewsletterNetwork[]): string[] {
  const known = networks.filter((n) => slugs.includes(n.slug)).map((n) => n.title);
  return [...known, ...slugs.filter((slug) => !networks.some((n) => n.slug === slug))];
}

/** Site-relative links (`/angebote/…`) must become absolute in a mail; `//host` stays as it is. */
export function absolutiseHtml(html: string, origin: string): string {
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${origin}/`);
}

export function absolutiseMarkdown(markdown: string, origin: string): string {
  return markdown.replace(/\]\(\/(?!\/)/g, `](${origin}/`);
}

export function absolute(path: string, origin: string): string {
  return new URL(path, `${origin}/`).href;
}

/** The site's name on top links to `origin`: a preview may run under another address. */
export function layout(site: NewsletterSite, origin: string, title: string, preheader: string, main: Block[], footer: Block[]): { html: string; text: string } {
  return renderLayout({ site: { title: site.title, url: origin }, title, preheader, main, footer });
}

function officeLines(site: NewsletterSite): string[] {
  return [site.office.name, site.office.street, `${site.office.postalCode} ${site.office.city}`];
}

function legalFooter(site: NewsletterSite, imprintUrl: string, privacyUrl: string): Block[] {
  return [
    { kind: 'paragraph', text: officeLines(site).join('\n'), small: true },
    { kind: 'links', links: [{ label: t('newsletter.mail.imprint'), url: imprintUrl }, { label: t('newsletter.mail.privacy'), url: privacyUrl }] },
  ];
}

/** RFC 2369 and RFC 8058 one-click: mail programs show their own "Abbestellen". */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export interface IssueRecipient {
  /** Networks this person gets the post for (subscribed and addressed by the post). */
  networks: string[];
  unsubscribeUrl: string;
  /** "Einstellungen ändern": what the person gets per network (links.ts). */
  preferencesUrl?: string;
}

/**
 * The footer of every mail to subscribers: why they get it, where to choose what they
 * get, how to leave, and who sends it.
 */
export function subscriberFooter(data: NewsletterData, origin: string, recipient: IssueRecipient): Block[] {
  const { site } = data;
  const labels = joinGerman(networkLabels(recipient.networks, data.networks));
  return [
    { kind: 'paragraph', text: t('newsletter.mail.why', { site: site.title, networks: labels }), small: true },
    {
      kind: 'links',
      links: [
        ...(recipient.preferencesUrl ? [{ label: 'Einstellungen ändern', url: recipient.preferencesUrl }] : []),
        { label: t('newsletter.mail.unsubscribe'), url: recipient.unsubscribeUrl },
      ],
    },
    ...legalFooter(site, absolute(site.imprintPath, origin), absolute(site.privacyPath, origin)),
  ];
}

export function issueMail(post: NewsletterPost, data: NewsletterData, origin: string, recipient: IssueRecipient): RenderedMail {
  const { site } = data;
  const labels = joinGerman(networkLabels(recipient.networks, data.networks));
  const webUrl = absolute(post.path, origin);
  const attachments = post.attachments.map((a) => ({ title: a.title, url: absolute(a.path, origin) }));
  const subject = t('newsletter.mail.subject', { title: post.title, site: site.title });
  const preheader = t('newsletter.mail.preheader', { site: site.title, networks: labels });

  const main: Block[] = [
    { kind: 'paragraph', text: formatDate(post.date), small: true },
    { kind: 'heading', level: 1, text: post.title },
    { kind: 'paragraph', text: post.summary, strong: true },
    { kind: 'html', html: absolutiseHtml(post.html, origin), text: absolutiseMarkdown(post.text, origin) },
    ...(attachments.length ? ([{ kind: 'heading', text: t('newsletter.mail.attachments') }, { kind: 'list', items: attachments.map((a) => ({ label: a.title, url: a.url })) }] satisfies Block[]) : []),
    { kind: 'link', link: { label: t('newsletter.mail.readOnline'), url: webUrl } },
  ];
  const { html, text } = layout(site, origin, subject, preheader, main, subscriberFooter(data, origin, recipient));

  return {
    subject,
    html,
    text,
    headers: unsubscribeHeaders(recipient.unsubscribeUrl),
  };
}

export interface ConfirmationRequest {
  networks: string[];
  confirmUrl: string;
  /** Expiry of the link (ISO). */
  expiresAt: string;
  consentText: string;
}

export function confirmationMail(data: NewsletterData, origin: string, request: ConfirmationRequest): RenderedMail {
  const { site } = data;
  const labels = networkLabels(request.networks, data.networks);
  const expires = formatDateTime(request.expiresAt);
  const subject = t('newsletter.confirmMail.subject', { site: site.title });
  const main: Block[] = [
    { kind: 'paragraph', text: t('newsletter.confirmMail.greeting') },
    { kind: 'paragraph', text: t('newsletter.confirmMail.request', { site: site.title }) },
    { kind: 'list', items: labels },
    { kind: 'paragraph', text: t('newsletter.confirmMail.action', { expires }) },
    { kind: 'button', link: { label: t('newsletter.confirmMail.button'), url: request.confirmUrl } },
    // The address itself too: some programs block buttons, and a reader may copy it.
    { kind: 'link', link: { label: request.confirmUrl, url: request.confirmUrl }, showUrl: true },
    { kind: 'paragraph', text: t('newsletter.confirmMail.consentIntro') },
    { kind: 'quote', text: `„${request.consentText}“` },
    { kind: 'paragraph', text: t('newsletter.confirmMail.ignore') },
  ];
  const { html, text } = layout(site, origin, subject, t('newsletter.confirmMail.button'), main, [{ kind: 'paragraph', text: officeLines(site).join('\n'), small: true }]);
  return { subject, html, text, headers: {} };
}

export interface WelcomeRequest {
  networks: string[];
  unsubscribeUrl: string;
}

/**
 * The mail after a confirmed subscription. German like every mail of the site; it states
 * what was subscribed to and carries the unsubscribe link and headers from the first mail on.
 */
export function welcomeMail(data: NewsletterData, origin: string, request: WelcomeRequest): RenderedMail {
  const { site } = data;
  const labels = networkLabels(request.networks, data.networks);
  const subject = `Willkommen beim Newsletter von ${site.title}`;
  const main: Block[] = [
    { kind: 'paragraph', text: 'Guten Tag,' },
    { kind: 'paragraph', text: `vielen Dank: Ihr Newsletter von ${site.title} ist bestätigt. Sie bekommen ab jetzt Neuigkeiten aus diesen Netzwerken:` },
    { kind: 'list', items: labels },
    { kind: 'paragraph', text: 'Wir schreiben nur, wenn es etwas Neues gibt: Einladungen, Protokolle und Meldungen aus dem Quartier.' },
    { kind: 'link', link: { label: 'Aktuelles auf der Website', url: absolute('/aktuelles/', origin) } },
  ];
  const footer: Block[] = [
    { kind: 'paragraph', text: 'Sie können den Newsletter jederzeit mit einem Klick abbestellen.', small: true },
    { kind: 'link', link: { label: t('newsletter.mail.unsubscribe'), url: request.unsubscribeUrl } },
    ...legalFooter(site, absolute(site.imprintPath, origin), absolute(site.privacyPath, origin)),
  ];
  const { html, text } = layout(site, origin, subject, `Ihr Newsletter für ${joinGerman(labels)} ist bestätigt.`, main, footer);
  return { subject, html, text, headers: unsubscribeHeaders(request.unsubscribeUrl) };
}

export interface StalledUnsubscribe {
  email: string;
  networks: string[];
  /** Unsubscribed from every network. */
  all: boolean;
  attempts: number;
  /** When the person unsubscribed (ISO). */
  since: string;
  lastError?: string;
}

/**
 * To the social office when an unsubscribe keeps failing at Resend: our own newsletters
 * no longer go to the person, but a broadcast from Resend's dashboard still could.
 */
export function stalledUnsubscribeMail(data: NewsletterData, origin: string, job: StalledUnsubscribe): RenderedMail {
  const { site } = data;
  const subject = 'Newsletter: Abmeldung hängt bei Resend';
  const main: Block[] = [
    { kind: 'paragraph', text: 'Guten Tag,' },
    { kind: 'paragraph', text: `eine Abmeldung vom Newsletter (${site.title}) konnte seit ${formatDateTime(job.since)} nach ${job.attempts} Versuchen nicht an Resend übertragen werden.` },
    {
      kind: 'facts',
      rows: [
        { label: 'Betroffene Adresse', value: job.email },
        { label: 'Netzwerke', value: job.all ? 'alle' : joinGerman(networkLabels(job.networks, data.networks)) },
        { label: 'Letzter Fehler', value: job.lastError ?? 'unbekannt' },
      ],
    },
    { kind: 'paragraph', text: 'Unsere eigenen Newsletter bekommt die Person nicht mehr; die Übertragung wird weiter versucht.' },
    { kind: 'paragraph', text: 'Bitte prüfen Sie in Resend, dass der Kontakt abgemeldet ist, und verschicken Sie bis dahin keine Broadcasts aus dem Resend-Dashboard.' },
  ];
  const { html, text } = layout(site, origin, subject, `Abmeldung von ${job.email} hängt seit ${job.attempts} Versuchen`, main, [{ kind: 'paragraph', text: officeLines(site).join('\n'), small: true }]);
  return { subject, html, text, headers: {} };
}
