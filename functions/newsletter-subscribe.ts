/**
 * POST /api/newsletter/subscribe: first step of the double opt-in.
 *
 * Answers the same for every valid request, whether the address is new, waiting for
 * confirmation or already subscribed: the answer must not tell anyone who reads our
 * newsletter. It never looks the address up; it sends a confirmation mail with a signed
 * link (token.ts, 48 h) and stores nothing about the person until they confirm.
 * Accepts a plain HTML form (answers with a page) and the enhanced form script
 * (Accept: application/json, answers with JSON).
 */
import type { Config, Context } from '@netlify/functions';
import { DEFAULT_LANG, isLanguage, useTranslations, type Language } from '../src/i18n/index.ts';
import { localizePath } from '../src/i18n/routing.ts';
import { sendMail } from './lib/mail.ts';
import { NewsletterConfigError, newsletterSecret, publicOrigin } from './lib/newsletter/config.ts';
import { consentText, consentVersion, rememberConsentText } from './lib/newsletter/consent.ts';
import { newsletterData, type NewsletterData } from './lib/newsletter/data.ts';
import { list, paragraph, renderPage } from './lib/newsletter/page.ts';
import { first, newsletterSpec, readRequest, refusalAnswer, wantsJson } from './lib/newsletter/request.ts';
import { readSubscribeForm, type FieldError } from './lib/newsletter/subscribe-form.ts';
import { confirmationMail, escapeHtml } from './lib/newsletter/templates.ts';
import { allowConfirmationMail, allowSubscribeRequest } from './lib/newsletter/throttle.ts';
import { clientIp, guarded } from './lib/http/guard.ts';
import { formatWait } from './lib/http/wait.ts';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken } from './lib/newsletter/token.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

function errorAnswer(request: Request, siteTitle: string, status: number, errors: FieldError[] | string, lang: Language = DEFAULT_LANG, headers: Record<string, string> = {}): Response {
  const t = useTranslations(lang);
  const messages = typeof errors === 'string' ? [errors] : errors.map((e) => e.message);
  if (wantsJson(request)) {
    const answer = json(status, { ok: false, message: messages.join(' '), errors: typeof errors === 'string' ? [] : errors });
    for (const [name, value] of Object.entries(headers)) answer.headers.set(name, value);
    return answer;
  }
  return renderPage({
    headers,
    siteTitle,
    lang,
    status,
    tone: 'error',
    title: typeof errors === 'string' ? errors : t('newsletter.error.summary'),
    body: `${typeof errors === 'string' ? '' : list(messages)}<p><a class="button" href="${escapeHtml(localizePath('/newsletter/', lang))}">${escapeHtml(t('newsletter.link.restart'))}</a></p>`,
  });
}

function successAnswer(request: Request, siteTitle: string, email: string, lang: Language = DEFAULT_LANG): Response {
  const t = useTranslations(lang);
  const text = t('newsletter.requested.text', { email });
  if (wantsJson(request)) {
    return json(200, { ok: true, title: t('newsletter.requested.title'), message: [text, t('newsletter.requested.nothingWithout'), t('newsletter.requested.noMail')].join(' ') });
  }
  return renderPage({
    siteTitle,
    lang,
    tone: 'success',
    title: t('newsletter.requested.title'),
    body: paragraph(text) + paragraph(t('newsletter.requested.nothingWithout')) + paragraph(t('newsletter.requested.noMail'), 'hint'),
  });
}

async function subscribe(request: Request, context?: Partial<Context>): Promise<Response> {
  let data: NewsletterData;
  try {
    data = newsletterData();
  } catch (error) {
    console.error('[newsletter] generated/newsletter.json missing', error);
    return errorAnswer(request, 'Newsletter', 503, useTranslations(DEFAULT_LANG)('newsletter.error.unavailable'));
  }
  const siteTitle = data.site.title;
  if (request.method !== 'POST') return errorAnswer(request, siteTitle, 405, useTranslations(DEFAULT_LANG)('newsletter.error.method'), DEFAULT_LANG, { allow: 'POST' });
  const read = await readRequest(request, newsletterSpec(['POST']));
  if (!read.ok) return refusalAnswer(request, siteTitle, read.refusal);
  const { fields } = read;
  // The form's hidden `lang`: answers in the page's language. The consent recorded as proof
  // stays the German versioned text (consent.ts), whatever language the form was shown in.
  const requested = first(fields, 'lang');
  const lang: Language = isLanguage(requested) ? requested : DEFAULT_LANG;
  const t = useTranslations(lang);
  const input = readSubscribeForm(fields, data.networks, consentVersion(), lang);
  if (!input.ok) return errorAnswer(request, siteTitle, 422, input.errors, lang);
  if (input.honeypot) return successAnswer(request, siteTitle, input.email, lang);

  try {
    const client = await allowSubscribeRequest(clientIp(request, context));
    if (!client.allowed) {
      const seconds = Math.ceil(client.retryAfterMs / 1000);
      return errorAnswer(request, siteTitle, 429, t('newsletter.error.rateLimited', { wait: formatWait(client.retryAfterMs, lang) }), lang, { 'retry-after': String(seconds) });
    }
    const now = new Date();
    const slot = await allowConfirmationMail(input.email);
    if (slot.allowed) {
      await rememberConsentText();
      const issued = Math.floor(now.getTime() / 1000);
      const expires = issued + CONFIRM_TOKEN_TTL_SECONDS;
      const token = signToken('confirm', { email: input.email, networks: input.networks, expires, issued, consentVersion: consentVersion() }, newsletterSecret());
      const origin = publicOrigin(data.site.url, request);
      const mail = confirmationMail(data, origin, {
        networks: input.networks,
        confirmUrl: `${origin}/api/newsletter/confirm?token=${encodeURIComponent(token)}${lang === DEFAULT_LANG ? '' : `&lang=${lang}`}`,
        expiresAt: new Date(expires * 1000).toISOString(),
        consentText: consentText(),
      });
      const sent = await sendMail({ to: input.email, from: data.site.mailFrom, subject: mail.subject, text: mail.text, html: mail.html });
      if (!sent.ok) {
        console.error(`[newsletter] confirmation mail not sent: ${sent.message}`);
        // Not sent, not counted: the person may try again without losing one of the day's mails.
        await slot.release().catch(() => {});
        await client.release().catch(() => {});
        return errorAnswer(request, siteTitle, 503, t('newsletter.error.unavailable'), lang, { 'retry-after': '120' });
      }
    }
  } catch (error) {
    if (!(error instanceof NewsletterConfigError)) console.error('[newsletter] subscribe failed', error);
    else console.error(`[newsletter] ${error.message}`);
    return errorAnswer(request, siteTitle, 503, t('newsletter.error.unavailable'), lang, { 'retry-after': '120' });
  }
  return successAnswer(request, siteTitle, input.email, lang);
}

export default guarded('newsletter-subscribe', subscribe);

export const config: Config = {
  path: '/api/newsletter/subscribe',
  // No `method` here: the function answers a wrong method itself, with a German message
  // (lib/http/request.ts), instead of the platform's bare 405.
  // A form that sends mail is worth abusing: a few requests per minute per visitor.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
