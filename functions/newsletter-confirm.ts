/**
 * /api/newsletter/confirm?token=…: second step of the double opt-in.
 *
 * GET only shows a page with a button: mail scanners and link previews open every link
 * in a mail, and such a visit must not count as consent. The POST from that button
 * claims the token (single use), records the subscription in Resend (contact + topic
 * opt-in per network) and keeps the proof of consent in Blobs: request time, confirm
 * time, networks, consent text and its version. Expired, forged and reused links get
 * a page that says so and how to start again. Pages are in the language of the form the
 * person used (`lang` in the link and the button's form); the consent text quoted is the
 * German versioned text recorded as proof.
 */
import type { Config } from '@netlify/functions';
import { DEFAULT_LANG, isLanguage, useTranslations, type Language } from '../src/i18n/index.ts';
import { NewsletterConfigError, verificationSecrets } from './lib/newsletter/config.ts';
import { consentText, consentTextOf, consentVersion } from './lib/newsletter/consent.ts';
import { subscribeContact } from './lib/newsletter/contacts.ts';
import { newsletterData, type NewsletterData } from './lib/newsletter/data.ts';
import { list, paragraph, renderPage, restartLink } from './lib/newsletter/page.ts';
import { first, newsletterSpec, readRequest, refusalAnswer } from './lib/newsletter/request.ts';
import { guarded } from './lib/http/guard.ts';
import { claimToken, isTokenUsed, releaseToken } from './lib/newsletter/single-use.ts';
import { recordConfirmation } from './lib/newsletter/subscribers.ts';
import { escapeHtml, networkLabels } from './lib/newsletter/templates.ts';
import { verifyTokenWithAny, type TokenPayload } from './lib/newsletter/token.ts';

type Problem = 'invalid' | 'expired' | 'used';

function problemPage(siteTitle: string, problem: Problem, lang: Language): Response {
  const t = useTranslations(lang);
  const content = {
    invalid: { status: 400, title: t('newsletter.link.invalidTitle'), text: t('newsletter.link.invalidText') },
    expired: { status: 410, title: t('newsletter.link.expiredTitle'), text: t('newsletter.link.expiredText') },
    used: { status: 409, title: t('newsletter.link.usedTitle'), text: t('newsletter.link.usedText') },
  }[problem];
  return renderPage({ siteTitle, lang, status: content.status, tone: 'error', title: content.title, body: paragraph(content.text) + restartLink(lang) });
}

function unavailable(siteTitle: string, message: string, lang: Language): Response {
  return renderPage({ siteTitle, lang, status: 503, tone: 'error', title: message, body: restartLink(lang) });
}

/** The token's networks that still exist; a link naming none of them is of no use. */
function validNetworks(payload: TokenPayload, data: NewsletterData) {
  const wanted = new Set(payload.networks);
  return data.networks.filter((n) => wanted.has(n.slug));
}

function check(token: string, data: NewsletterData): { ok: true; payload: TokenPayload } | { ok: false; problem: Problem } {
  const result = verifyTokenWithAny('confirm', token, verificationSecrets());
  if (!result.ok) return { ok: false, problem: result.reason === 'expired' ? 'expired' : 'invalid' };
  if (validNetworks(result.payload, data).length === 0) return { ok: false, problem: 'invalid' };
  return { ok: true, payload: result.payload };
}

async function showConfirmPage(token: string, data: NewsletterData, lang: Language): Promise<Response> {
  const t = useTranslations(lang);
  const siteTitle = data.site.title;
  const checked = check(token, data);
  if (!checked.ok) return problemPage(siteTitle, checked.problem, lang);
  if (await isTokenUsed(token)) return problemPage(siteTitle, 'used', lang);
  const { payload } = checked;
  const button = t('newsletter.confirm.button');
  const body = [
    paragraph(t('newsletter.confirm.text', { email: payload.email })),
    list(validNetworks(payload, data).map((n) => n.title)),
    paragraph(t('newsletter.confirm.consentIntro', { button })),
    `<blockquote${lang === DEFAULT_LANG ? '' : ' lang="de" dir="ltr"'}>${escapeHtml(consentText())}</blockquote>`,
    `<form method="post" action="/api/newsletter/confirm"><input type="hidden" name="token" value="${escapeHtml(token)}">${lang === DEFAULT_LANG ? '' : `<input type="hidden" name="lang" value="${lang}">`}<button class="button" type="submit">${escapeHtml(button)}</button></form>`,
  ].join('\n');
  return renderPage({ siteTitle, lang, title: t('newsletter.confirm.title'), body });
}

async function confirm(token: string, data: NewsletterData, lang: Language): Promise<Response> {
  const t = useTranslations(lang);
  const siteTitle = data.site.title;
  const checked = check(token, data);
  if (!checked.ok) return problemPage(siteTitle, checked.problem, lang);
  const { payload } = checked;
  const networks = validNetworks(payload, data);
  const confirmedAt = new Date().toISOString();
  if (!(await claimToken(token, confirmedAt))) return problemPage(siteTitle, 'used', lang);
  try {
    await subscribeContact(payload.email, networks);
    // The text version comes from the token: it is what the person saw when asking.
    const version = payload.consentVersion ?? consentVersion();
    await recordConfirmation(payload.email, {
      networks: networks.map((n) => n.slug),
      requestedAt: new Date((payload.issued ?? payload.expires - 48 * 3600) * 1000).toISOString(),
      confirmedAt,
      consentVersion: version,
      consentText: (await consentTextOf(version)) ?? `(Wortlaut der Version ${version} nicht gespeichert)`,
    });
  } catch (error) {
    console.error('[newsletter] confirmation not recorded', error);
    // Nothing was lost: the same link works again once the service is back.
    await releaseToken(token).catch(() => undefined);
    return unavailable(siteTitle, t('newsletter.confirm.failed'), lang);
  }
  const body = [
    paragraph(t('newsletter.confirmed.text', { email: payload.email })),
    list(networkLabels(networks.map((n) => n.slug), data.networks)),
    paragraph(t('newsletter.confirmed.unsubscribeHint'), 'hint'),
  ].join('\n');
  return renderPage({ siteTitle, lang, tone: 'success', title: t('newsletter.confirmed.title'), body });
}

const languageOf = (code: string | null | undefined): Language => (isLanguage(code) ? code : DEFAULT_LANG);

export default guarded('newsletter-confirm', async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  let lang = languageOf(url.searchParams.get('lang'));
  const t = () => useTranslations(lang);
  let data: NewsletterData;
  try {
    data = newsletterData();
  } catch (error) {
    console.error('[newsletter] generated/newsletter.json missing', error);
    return unavailable('Newsletter', t()('newsletter.error.unavailable'), lang);
  }
  try {
    const read = await readRequest(request, newsletterSpec(['GET', 'POST']), lang);
    if (!read.ok) return refusalAnswer(request, data.site.title, read.refusal, lang);
    if (request.method === 'POST') {
      const { fields } = read;
      if (fields.has('lang')) lang = languageOf(first(fields, 'lang'));
      return await confirm(first(fields, 'token') || (url.searchParams.get('token') ?? ''), data, lang);
    }
    return await showConfirmPage(url.searchParams.get('token') ?? '', data, lang);
  } catch (error) {
    console.error(error instanceof NewsletterConfigError ? `[newsletter] ${error.message}` : error);
    return unavailable(data.site.title, t()('newsletter.error.unavailable'), lang);
  }
});

export const config: Config = {
  path: '/api/newsletter/confirm',
  // No `method` here: the function answers a wrong method itself, with a German message
  // (lib/http/request.ts), instead of the platform's bare 405.
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
