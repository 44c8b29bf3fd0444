/**
 * The mails the contact form sends: to the recipient (reply goes to the visitor), and
 * to the social office when a message could not be delivered. Everything the visitor
 * typed is escaped in the HTML part and kept out of every header; the subject names
 * only the site and the page, both from content. Both go out in the one mail layout
 * (../mail-layout).
 */
import { t } from '../../../src/i18n/index.ts';
import type { SiteFacts } from '../generated.ts';
import type { OutgoingMail } from '../mail.ts';
import type { StoredMessage } from './messages.ts';
import { escapeHtml } from '../../../src/lib/escape-html.ts';
import { renderLayout, type Block } from '../mail-layout/index.ts';

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
  subject: string;
}

/**
 * The resident's message is a `quote` block: their paragraphs and line breaks arrive as
 * written in both parts, and nothing they typed becomes markup.
 */
function body(site: SiteFacts, parts: Parts): { text: string; html: string } {
  return renderLayout({
    site,
    title: parts.subject,
    preheader: parts.lead[0],
    main: [
      { kind: 'paragraph', text: t('contact.mail.greeting') },
      ...parts.lead.map((line): Block => ({ kind: 'paragraph', text: line })),
      {
        kind: 'facts',
        rows: [
          { label: t('contact.mail.page'), value: parts.page.title, url: parts.page.url },
          { label: t('contact.mail.from'), value: `${parts.name} <${parts.email}>` },
        ],
      },
      { kind: 'heading', text: t('contact.mail.message') },
      { kind: 'quote', text: parts.message },
      { kind: 'paragraph', text: t('contact.mail.replyHint'), small: true },
    ],
    footer: [{ kind: 'paragraph', text: t('contact.mail.footer'), small: true }],
  });
}

export function renderContactMail(message: StoredMessage, site: SiteFacts): OutgoingMail {
  const { recipient, input } = message;
  if (!input) throw new Error(`message ${message.id} has no content left to send`);
  const lead = [t('contact.mail.intro', { site: site.title })];
  if (recipient.forwarded) lead.push(t('contact.mail.forwarded', { name: recipient.topic }));
  const subject = t('contact.mail.subject', { site: site.title, topic: recipient.topic });
  return {
    to: recipient.email,
    replyTo: input.email,
    subject,
    ...body(site, { subject, lead, name: input.name, email: input.email, message: input.message, page: { title: recipient.topic, url: pageUrl(site, recipient.path) } }),
    headers: { 'X-Entity-Ref-ID': message.id },
  };
}

export function renderEscalationMail(message: StoredMessage, site: SiteFacts): OutgoingMail {
  const { recipient, input } = message;
  if (!input) throw new Error(`message ${message.id} has no content left to send`);
  const lead = [t('contact.mail.escalated.intro', { name: recipient.name, email: recipient.email, attempts: message.attempts, error: message.lastError ?? '–' })];
  const subject = t('contact.mail.escalated.subject', { site: site.title, name: recipient.name });
  return {
    to: site.office.email,
    replyTo: input.email,
    subject,
    ...body(site, { subject, lead, name: input.name, email: input.email, message: input.message, page: { title: recipient.topic, url: pageUrl(site, recipient.path) } }),
    headers: { 'X-Entity-Ref-ID': `${message.id}-office` },
  };
}
