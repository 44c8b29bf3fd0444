/**
 * The newsletter's mails: one template per mail, each rendered to German HTML and a
 * plain-text version from the same parts, so both always say the same thing.
 *
 * - issueMail: a news post as newsletter, with site name, the post, links to its
 *   attachments, the imprint and a visible unsubscribe link, plus the List-Unsubscribe
 *   headers (RFC 2369, RFC 8058 one-click) mail programs show as "Abbestellen".
 * - confirmationMail: the double opt-in request. It carries the request only, no
 *   advertising and no post (BGH I ZR 164/09: the confirmation mail itself must not
 *   advertise).
 */
import { t } from '../../../src/i18n/index.ts';
import { formatDate, formatDateTime } from '../../../src/lib/dates.ts';
import type { NewsletterData, NewsletterNetwork, NewsletterPost, NewsletterSite } from './data.ts';
import { escapeHtml } from '../../../src/lib/escape-html.ts';

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

function absolute(path: string, origin: string): string {
  return new URL(path, `${origin}/`).href;
}

const COLOURS = { brand: '#0b5c4a', text: '#1b1b1b', muted: '#555555', line: '#d5d5d5', bg: '#f6f6f3' };

function htmlShell(site: NewsletterSite, origin: string, preheader: string, main: string, footer: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(site.title)}</title>
</head>
<body style="margin:0;padding:0;background:${COLOURS.bg};color:${COLOURS.text};font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>
<div style="max-width:640px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-weight:700;color:${COLOURS.brand}"><a href="${escapeHtml(origin)}/" style="color:${COLOURS.brand};text-decoration:none">${escapeHtml(site.title)}</a></p>
<div style="background:#ffffff;border:1px solid ${COLOURS.line};border-radius:6px;padding:24px">
${main}
</div>
<div style="padding:16px 4px;color:${COLOURS.muted};font-size:14px">
${footer}
</div>
</div>
</body>
</html>`;
}

function officeLines(site: NewsletterSite): string[] {
  return [site.office.name, site.office.street, `${site.office.postalCode} ${site.office.city}`];
}

export interface IssueRecipient {
  /** Networks this person gets the post for (subscribed and addressed by the post). */
  networks: string[];
  unsubscribeUrl: string;
}

export function issueMail(post: NewsletterPost, data: NewsletterData, origin: string, recipient: IssueRecipient): RenderedMail {
  const { site } = data;
  const labels = joinGerman(networkLabels(recipient.networks, data.networks));
  const webUrl = absolute(post.path, origin);
  const imprintUrl = absolute(site.imprintPath, origin);
  const privacyUrl = absolute(site.privacyPath, origin);
  const attachments = post.attachments.map((a) => ({ title: a.title, url: absolute(a.path, origin) }));
  const subject = t('newsletter.mail.subject', { title: post.title, site: site.title });
  const preheader = t('newsletter.mail.preheader', { site: site.title, networks: labels });
  const why = t('newsletter.mail.why', { site: site.title, networks: labels });

  const attachmentsHtml = attachments.length
    ? `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(t('newsletter.mail.attachments'))}</h2>
<ul>${attachments.map((a) => `<li><a href="${escapeHtml(a.url)}" style="color:${COLOURS.brand}">${escapeHtml(a.title)}</a></li>`).join('')}</ul>`
    : '';
  const main = `<p style="margin:0;color:${COLOURS.muted};font-size:14px"><time datetime="${escapeHtml(post.date)}">${escapeHtml(formatDate(post.date))}</time></p>
<h1 style="font-size:24px;line-height:1.25;margin:4px 0 12px">${escapeHtml(post.title)}</h1>
<p style="font-size:18px;margin:0 0 16px">${escapeHtml(post.summary)}</p>
${absolutiseHtml(post.html, origin)}
${attachmentsHtml}
<p style="margin:24px 0 0"><a href="${escapeHtml(webUrl)}" style="color:${COLOURS.brand}">${escapeHtml(t('newsletter.mail.readOnline'))}</a></p>`;
  const footer = `<p style="margin:0 0 8px">${escapeHtml(why)}</p>
<p style="margin:0 0 8px"><a href="${escapeHtml(recipient.unsubscribeUrl)}" style="color:${COLOURS.brand};font-weight:700">${escapeHtml(t('newsletter.mail.unsubscribe'))}</a></p>
<p style="margin:0 0 8px">${officeLines(site).map(escapeHtml).join('<br>')}</p>
<p style="margin:0"><a href="${escapeHtml(imprintUrl)}" style="color:${COLOURS.muted}">${escapeHtml(t('newsletter.mail.imprint'))}</a> · <a href="${escapeHtml(privacyUrl)}" style="color:${COLOURS.muted}">${escapeHtml(t('newsletter.mail.privacy'))}</a></p>`;

  const text = [
    site.title,
    '',
    formatDate(post.date),
    post.title,
    '',
    post.summary,
    '',
    absolutiseMarkdown(post.text, origin),
    ...(attachments.length ? ['', `${t('newsletter.mail.attachments')}:`, ...attachments.map((a) => `- ${a.title}: ${a.url}`)] : []),
    '',
    `${t('newsletter.mail.readOnline')}: ${webUrl}`,
    '',
    '-- ',
    why,
    `${t('newsletter.mail.unsubscribe')}: ${recipient.unsubscribeUrl}`,
    '',
    ...officeLines(site),
    `${t('newsletter.mail.imprint')}: ${imprintUrl}`,
    `${t('newsletter.mail.privacy')}: ${privacyUrl}`,
    '',
  ].join('\n');

  return {
    subject,
    html: htmlShell(site, origin, preheader, main, footer),
    text,
    headers: {
      'List-Unsubscribe': `<${recipient.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
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
  const main = `<p style="margin:0 0 12px">${escapeHtml(t('newsletter.confirmMail.greeting'))}</p>
<p style="margin:0 0 8px">${escapeHtml(t('newsletter.confirmMail.request', { site: site.title }))}</p>
<ul>${labels.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<p style="margin:0 0 16px">${escapeHtml(t('newsletter.confirmMail.action', { expires }))}</p>
<p style="margin:0 0 16px"><a href="${escapeHtml(request.confirmUrl)}" style="display:inline-block;background:${COLOURS.brand};color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:700">${escapeHtml(t('newsletter.confirmMail.button'))}</a></p>
<p style="margin:0 0 16px;word-break:break-all;font-size:14px"><a href="${escapeHtml(request.confirmUrl)}" style="color:${COLOURS.brand}">${escapeHtml(request.confirmUrl)}</a></p>
<p style="margin:0 0 4px">${escapeHtml(t('newsletter.confirmMail.consentIntro'))}</p>
<blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid ${COLOURS.line}">${escapeHtml(request.consentText)}</blockquote>
<p style="margin:0">${escapeHtml(t('newsletter.confirmMail.ignore'))}</p>`;
  const footer = `<p style="margin:0">${officeLines(site).map(escapeHtml).join('<br>')}</p>`;
  const text = [
    t('newsletter.confirmMail.greeting'),
    '',
    t('newsletter.confirmMail.request', { site: site.title }),
    ...labels.map((l) => `- ${l}`),
    '',
    t('newsletter.confirmMail.action', { expires }),
    request.confirmUrl,
    '',
    t('newsletter.confirmMail.consentIntro'),
    `„${request.consentText}“`,
    '',
    t('newsletter.confirmMail.ignore'),
    '',
    '-- ',
    ...officeLines(site),
    '',
  ].join('\n');
  return { subject, html: htmlShell(site, origin, subject, main, footer), text, headers: {} };
}
