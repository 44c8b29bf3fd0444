/**
 * POST /api/contact: a resident's message to an organisation, an offer's contact, a
 * network's coordination or the social office. The client names a recipient from the
 * build's directory, never an address. Bad input always gets a 4xx with German
 * messages per field; an accepted message is stored before the first send, so a
 * provider outage delays it but never loses it (functions/contact-retry.ts).
 */
import type { Config, Context } from '@netlify/functions';
import { siteFacts } from './lib/generated.ts';
import { parseRequest } from './lib/contact/request.ts';
import { validateContact } from './lib/contact/schema.ts';
import { checkSpam } from './lib/contact/spam.ts';
import { resolveRecipient } from './lib/contact/recipients.ts';
import { takeRateSlot } from './lib/contact/rate-limit.ts';
import { claimDedupe, dedupeKey, load, messages, newMessage, saveNew } from './lib/contact/messages.ts';
import { attemptDelivery } from './lib/contact/deliver.ts';
import { acceptedResponse, refusalResponse } from './lib/contact/respond.ts';
import { refuse } from './lib/contact/types.ts';
import { DEFAULT_LANG, isLanguage, useTranslations, type Language } from '../src/i18n/index.ts';
import { localizePath } from '../src/i18n/routing.ts';

function clientIp(request: Request, context: Partial<Context> | undefined): string {
  return context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown';
}

export default async function contact(request: Request, context?: Partial<Context>): Promise<Response> {
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

  const ip = clientIp(request, context);
  const nowMs = Date.now();
  let slot: Awaited<ReturnType<typeof takeRateSlot>>;
  try {
    slot = await takeRateSlot(ip, nowMs);
  } catch (error) {
    // Only a misconfigured deploy gets here (QN_RATE_LIMIT_SALT missing while mail is live).
    console.error('contact: rate limit not usable', error);
    return refusalResponse(request, kind, refuse(503, 'form', t('contact.error.unavailable'), { 'retry-after': '120' }), context_, fields);
  }
  if (!slot.allowed) {
    const minutes = Math.ceil(slot.retryAfterMs / 60_000);
    return refusalResponse(request, kind, refuse(429, 'form', t('contact.error.rateLimited', { minutes }), { 'retry-after': String(Math.ceil(slot.retryAfterMs / 1000)) }), context_, fields);
  }

  const message = newMessage(validation.input, recipient, new Date(nowMs));
  try {
    const key = dedupeKey(validation.input, ip);
    const earlierId = await claimDedupe(key, message.id, nowMs);
    const earlier = earlierId ? await load(earlierId) : undefined;
    if (earlier) {
      const state = earlier.status === 'sent' ? 'sent' : 'queued';
      return acceptedResponse(request, kind, state, recipient.name, validation.input.email, context_, earlier.id);
    }
    if (earlierId) await messages().setJSON(key, { id: message.id, at: nowMs });
    await saveNew(message);
  } catch (error) {
    console.error('contact: could not store the message', error);
    return refusalResponse(request, kind, refuse(503, 'form', t('contact.error.unavailable'), { 'retry-after': '120' }), context_, fields);
  }

  // Stored: from here on the message is safe, whatever the provider does.
  let outcome: string;
  try {
    outcome = await attemptDelivery(message, { nowMs });
  } catch (error) {
    console.error(`contact: first attempt for ${message.id} failed, the retry job takes over`, error);
    outcome = 'retry-later';
  }
  return acceptedResponse(request, kind, outcome === 'sent' ? 'sent' : 'queued', recipient.name, validation.input.email, context_, message.id);
}

export const config: Config = {
  path: '/api/contact',
  // Netlify's edge limit in production; the function counts accepted messages itself.
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
