/**
 * POST /api/contact: a resident's message to an organisation, an offer's contact, a
 * network's coordination or the social office. The client names a recipient from the
 * build's directory, never an address. Bad input always gets a 4xx with messages per
 * field in the visitor's language; an accepted message is stored before the first send,
 * so a provider outage delays it but never loses it (functions/contact-retry.ts). A
 * message posted several times at once (double click, a retrying browser) is stored and
 * mailed once, and the per-client limit holds under any burst (lib/contact/admission.ts).
 */
import type { Config, Context } from '@netlify/functions';
import { siteFacts } from './lib/generated.ts';
import { clientIp, guarded } from './lib/http/guard.ts';
import { parseRequest } from './lib/contact/request.ts';
import { validateContact } from './lib/contact/schema.ts';
import { checkSpam } from './lib/contact/spam.ts';
import { resolveRecipient } from './lib/contact/recipients.ts';
import { admitMessage } from './lib/contact/admission.ts';
import { load, newMessage, saveNew, type StoredMessage } from './lib/contact/messages.ts';
import { attemptDelivery } from './lib/contact/deliver.ts';
import { acceptedResponse, refusalResponse } from './lib/contact/respond.ts';
import { refuse } from './lib/contact/types.ts';
import { formatWait } from './lib/http/wait.ts';
import { DEFAULT_LANG, isLanguage, useTranslations, type Language } from '../src/i18n/index.ts';
import { localizePath } from '../src/i18n/routing.ts';

/** How long a duplicate waits for its original to be stored before storing it itself. */
const ORIGINAL_WAIT_MS = 3_000;

async function waitForOriginal(id: string): Promise<StoredMessage | undefined> {
  const until = Date.now() + ORIGINAL_WAIT_MS;
  for (;;) {
    const original = await load(id).catch(() => undefined);
    if (original || Date.now() > until) return original;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function contact(request: Request, context?: Partial<Context>): Promise<Response> {
  const site = siteFacts();
  const base = { siteTitle: site.title };
  const parsed = await parseRequest(request);
  if (!parsed.ok) return refusalResponse(request, parsed.kind, parsed.refusal, base);
  const { kind, fields } = parsed;
  // The form's hidden `lang`: the visitor reads the answer in the page's language. The mail
  // to the organisation stays German (render-mail.ts).
  const lang: Language = isLanguage(fields.lang) ? fields.lang : DEFAULT_LANG;
  const t = useTranslations(lang);

  const validation = validateContact(fields, parsed.repeated, lang);
  // Only a recipient from the directory may name where "back" leads.
  const named = typeof fields.recipient === 'string' ? resolveRecipient(fields.recipient.trim()) : undefined;
  const context_ = { ...base, lang, back: named ? { path: localizePath(named.path, lang), topic: named.topic } : undefined };
  if (!validation.ok) return refusalResponse(request, kind, { status: 400, errors: validation.errors }, context_, fields);

  const spam = checkSpam(validation.form, Date.now(), lang);
  if (spam) return refusalResponse(request, kind, spam, context_, fields);

  const recipient = resolveRecipient(validation.input.recipient);
  if (!recipient) return refusalResponse(request, kind, refuse(400, 'recipient', t('contact.error.recipient.unknown')), context_, fields);

  let admission: Awaited<ReturnType<typeof admitMessage>>;
  try {
    admission = await admitMessage(clientIp(request, context), validation.input);
  } catch (error) {
    // Only a misconfigured deploy gets here (QN_RATE_LIMIT_SALT missing while mail is live).
    console.error('contact: limit not usable', error);
    return refusalResponse(request, kind, refuse(503, 'form', t('contact.error.unavailable'), { 'retry-after': '120' }), context_, fields);
  }
  if (admission.state === 'limited') {
    const headers = { 'retry-after': String(Math.ceil(admission.retryAfterMs / 1000)) };
    return refusalResponse(request, kind, refuse(429, 'form', t('contact.error.rateLimited', { wait: formatWait(admission.retryAfterMs, lang) }), headers), context_, fields);
  }
  const message = newMessage(admission.id, validation.input, recipient, new Date());
  if (admission.state === 'duplicate') {
    // The same message a moment ago: answer as for the original, store and send nothing.
    // If the original never got stored (its invocation was cut off), this request stores
    // it under the original's id; the id is the idempotency key, so it is mailed once.
    const original = await waitForOriginal(admission.id);
    if (original) return acceptedResponse(request, kind, original.status === 'sent' ? 'sent' : 'queued', recipient.name, validation.input.email, context_, admission.id);
  }
  try {
    await saveNew(message);
  } catch (error) {
    console.error('contact: could not store the message', error);
    return refusalResponse(request, kind, refuse(503, 'form', t('contact.error.unavailable'), { 'retry-after': '120' }), context_, fields);
  }

  // Stored: from here on the message is safe, whatever the provider does.
  let outcome: string;
  try {
    outcome = await attemptDelivery(message, { first: true });
  } catch (error) {
    console.error(`contact: first attempt for ${message.id} failed, the retry job takes over`, error);
    outcome = 'retry-later';
  }
  return acceptedResponse(request, kind, outcome === 'sent' ? 'sent' : 'queued', recipient.name, validation.input.email, context_, message.id);
}

export default guarded('contact', contact);

export const config: Config = {
  path: '/api/contact',
  // Netlify's edge limit in production; the function counts accepted messages itself.
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
