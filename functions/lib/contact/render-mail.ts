/**
 * The mails the contact form sends: to the recipient (reply goes to the visitor), and
 * to the social office when a message could not be delivered. Everything the visitor
 * typed is escaped in the HTML part and kept out of every header; the subject names
 * only the site and the page, both from content.
 */
import { t } from '../../../src/i18n/index.ts';
import type { SiteFacts } from '../generated.ts';
import type { OutgoingMail } from '../mail.ts';
import type { StoredMessage } from './messages.ts';
import { escapeHtml } from '../../../src/lib/escape-html.ts';

// Re-exported for the modules that import it from here.
export { escapeHtml };

function pageUrl(site: SiteFacts, path: string): string {
  return `${site.url}${path}`;
}

interface Parts {
  lead: string[];
  name: string;
  email: string;
  message: string;
  page: { title: string; url: string };
}

function body(site: SiteFacts, parts: Parts): { text: string; html: string } {
  const text = [
    t('contact.mail.greeting'),
    '',
    ...parts.lead.flatMap((line) => [line, '']),
    `${t('contact.mail.page')}: ${parts.page.title}`,
    parts.page.url,
    `${t('contact.mail.from')}: ${parts.name} <${parts.email}>`,
    '',
    `${t('contact.mail.message')}:`,
    '',
    parts.message,
    '',
    '-- ',
    t('contact.mail.replyHint'),
    t('contact.mail.footer'),
    site.title,
  ].join('\n');
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(site.title)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem">
<p>${escapeHtml(t('contact.mail.greeting'))}</p>
${parts.lead.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<table role="presentation" style="border-collapse:collapse">
<tr><th style="text-align:left;padding:0 1rem 0 0;vertical-align:top">${escapeHtml(t('contact.mail.page'))}</th><td><a href="${escapeHtml(parts.page.url)}">${escapeHtml(parts.page.title)}</a></td></tr>
<tr><th style="text-align:left;padding:0 1rem 0 0;vertical-align:top">${escapeHtml(t('contact.mail.from'))}</th><td>${escapeHtml(parts.name)} &lt;${escapeHtml(parts.email)}&gt;</td></tr>
</table>
<h2 style="font-size:1.1rem">${escapeHtml(t('contact.mail.message'))}</h2>
<div style="white-space:pre-wrap;border-left:4px solid #ccc;padding-left:1rem">${escapeHtml(parts.message)}</div>
<hr>
<p style="font-size:.9rem">${escapeHtml(t('contact.mail.replyHint'))}<br>${escapeHtml(t('contact.mail.footer'))}<br>${escapeHtml(site.title)}</p>
</body></html>`;
  return { text, html };
}

export function renderContactMail(message: StoredMessage, site: SiteFacts): OutgoingMail {
  const { recipient, input } = message;
  if (!input) throw new Error(`message ${message.id} has no content left to send`);
  const lead = [t('contact.mail.intro', { site: site.title })];
  if (recipient.forwarded) lead.push(t('contact.mail.forwarded', { name: recipient.topic }));
  return {
    to: recipient.email,
    replyTo: input.email,
    subject: t('contact.mail.subject', { site: site.title, topic: recipient.topic }),
    ...body(site, { lead, name: input.name, email: input.email, message: input.message, page: { title: recipient.topic, url: pageUrl(site, recipient.path) } }),
    headers: { 'X-Entity-Ref-ID': message.id },
  };
}

export function renderEscalationMail(message: StoredMessage, site: SiteFacts): OutgoingMail {
  const { recipient, input } = message;
  if (!input) throw new Error(`message ${message.id} has no content left to send`);
  const lead = [t('contact.mail.escalated.intro', { name: recipient.name, email: recipient.email, attempts: message.attempts, error: message.lastError ?? '–' })];
  return {
    to: site.office.email,
    replyTo: input.email,
    subject: t('contact.mail.escalated.subject', { site: site.title, name: recipient.name }),
    ...body(site, { lead, name: input.name, email: input.email, message: input.message, page: { title: recipient.topic, url: pageUrl(site, recipient.path) } }),
    headers: { 'X-Entity-Ref-ID': `${message.id}-office` },
  };
}
