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
 * German versioned text recorded as proof. The confirmed subscription gets one welcome mail
 * (German, like every mail) with its unsubscribe link.
 */
import type { Config } from '@netlify/functions';
import { createHash } from 'node:crypto';
import { DEFAULT_LANG, isLanguage, useTranslations, type Language } from '../src/i18n/index.ts';
import { sendMail } from './lib/mail.ts';
import { NewsletterConfigError, newsletterSecret, publicOrigin, verificationSecrets } from './lib/newsletter/config.ts';
import { consentText, consentTextOf, consentVersion } from './lib/newsletter/consent.ts';
import { subscribeContact } from './lib/newsletter/contacts.ts';
import { newsletterData, type NewsletterData } from './lib/newsletter/data.ts';
import { list, paragraph, renderPage, restartLink } from './lib/newsletter/page.ts';
import { first, newsletterSpec, readRequest, refusalAnswer } from './lib/newsletter/request.ts';
import { guarded } from './lib/http/guard.ts';
import { claimToken, finishToken, markerState, releaseToken } from './lib/newsletter/single-use.ts';
import { recordConfirmation, type Choices } from './lib/newsletter/subscribers.ts';
import { choicesFieldsets, emptyChoicesSummary, readChoices } from './lib/newsletter/choices-form.ts';
import type { Fields } from './lib/newsletter/request.ts';
import { unsubscribeUrl } from './lib/newsletter/links.ts';
import { escapeHtml, networkLabels, welcomeMail } from './lib/newsletter/templates.ts';
import { normaliseToken, verifyTokenWithAny, type TokenPayload } from './lib/newsletter/token.ts';

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

type Checked = { ok: true; token: string; signed: string; payload: TokenPayload } | { ok: false; problem: Problem };

/** `raw` as it arrived; everything after this works on the one normalised spelling. */
function check(raw: unknown, data: NewsletterData): Checked {
  const token = normaliseToken(raw);
  const result = verifyTokenWithAny('confirm', token, verificationSecrets());
  if (!result.ok || token === undefined) return { ok: false, problem: !result.ok && result.reason === 'expired' ? 'expired' : 'invalid' };
  if (validNetworks(result.payload, data).length === 0) return { ok: false, problem: 'invalid' };
  return { ok: true, token, signed: result.signed, payload: result.payload };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another click is confirming this very link right now (double click): wait briefly for it. */
async function waitForOtherRun(signed: string, token: string): Promise<boolean> {
  for (let i = 0; i < 8; i++) {
    await sleep(250);
    const state = await markerState(signed, token);
    if (state === 'used' || state === 'legacy-used') return true;
  }
  return false;
}

function confirmedPage(siteTitle: string, payload: TokenPayload, networks: NewsletterData['networks'], data: NewsletterData, lang: Language): Response {
  const t = useTranslations(lang);
  const body = [
    paragraph(t('newsletter.confirmed.text', { email: payload.email })),
    list(networkLabels(networks.map((n) => n.slug), data.networks)),
    paragraph(t('newsletter.confirmed.unsubscribeHint'), 'hint'),
  ].join('\n');
  return renderPage({ siteTitle, lang, tone: 'success', title: t('newsletter.confirmed.title'), body });
}

/**
 * The page behind the link in the confirmation mail: what will be subscribed, the
 * consent text, and per network what the person wants (news, invitations, minutes;
 * all ticked). `problem`: networks with nothing ticked, after a POST (status 400).
 */
async function showConfirmPage(raw: unknown, data: NewsletterData, lang: Language, problem?: { choices: Choices; empty: string[] }): Promise<Response> {
  const t = useTranslations(lang);
  const siteTitle = data.site.title;
  const checked = check(raw, data);
  if (!checked.ok) return problemPage(siteTitle, checked.problem, lang);
  const { payload, token, signed } = checked;
  const state = await markerState(signed, token);
  if (state === 'used' || state === 'legacy-used') return problemPage(siteTitle, 'used', lang);
  const button = t('newsletter.confirm.button');
  const networks = validNetworks(payload, data);
  const body = [
    problem ? emptyChoicesSummary(networks.filter((n) => problem.empty.includes(n.slug)), 'Möchten Sie aus einem Netzwerk nichts bekommen, lassen Sie es weg: fordern Sie dann einfach eine neue Bestätigung nur für die anderen an.', lang) : '',
    paragraph(t('newsletter.confirm.text', { email: payload.email })),
    list(networks.map((n) => n.title)),
    paragraph(t('newsletter.confirm.consentIntro', { button })),
    `<blockquote${lang === DEFAULT_LANG ? '' : ' lang="de" dir="ltr"'}>${escapeHtml(consentText())}</blockquote>`,
    `<form method="post" action="/api/newsletter/confirm"><input type="hidden" name="token" value="${escapeHtml(token)}">${lang === DEFAULT_LANG ? '' : `<input type="hidden" name="lang" value="${lang}">`}`,
    choicesFieldsets(networks, problem?.choices ?? {}, lang),
    `<button class="button" type="submit">${escapeHtml(button)}</button></form>`,
  ].join('\n');
  return renderPage({ siteTitle, lang, status: problem ? 400 : 200, title: t('newsletter.confirm.title'), body });
}

/**
 * The welcome mail of a confirmed link. Sent only by the run that recorded the
 * confirmation, after it did: a run that failed earlier sends nothing and the link can be
 * used again. Keyed by the link at Resend, so the same link never welcomes twice. A
 * courtesy, not part of the consent: when it cannot be sent, the subscription stands.
 */
async function sendWelcome(email: string, networks: string[], data: NewsletterData, origin: string, signed: string): Promise<void> {
  const mail = welcomeMail(data, origin, { networks, unsubscribeUrl: unsubscribeUrl(origin, email, networks, newsletterSecret()) });
  const key = `newsletter-welcome/${createHash('sha256').update(signed).digest('base64url').slice(0, 32)}`;
  const sent = await sendMail({ to: email, from: data.site.mailFrom, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers }, { idempotencyKey: key });
  if (!sent.ok) console.error(`[newsletter] welcome mail not sent: ${sent.message}`);
}

async function confirm(raw: unknown, data: NewsletterData, lang: Language, fields: Fields, origin: string): Promise<Response> {
  const t = useTranslations(lang);
  const siteTitle = data.site.title;
  const checked = check(raw, data);
  if (!checked.ok) return problemPage(siteTitle, checked.problem, lang);
  const { payload, token, signed } = checked;
  const networks = validNetworks(payload, data);
  // Nothing ticked for a network: asked again before the link is used, nothing lost.
  const choices = readChoices(fields, networks.map((n) => n.slug));
  if (!choices.ok) return showConfirmPage(token, data, lang, choices);
  const claim = await claimToken(signed, token);
  if (claim.kind === 'used') return problemPage(siteTitle, 'used', lang);
  if (claim.kind === 'busy') {
    return (await waitForOtherRun(signed, token)) ? confirmedPage(siteTitle, payload, networks, data, lang) : unavailable(siteTitle, t('newsletter.confirm.failed'), lang);
  }
  // Every step below may run twice (a run that died, then the same link again): Resend
  // updates are idempotent and the proof record skips a confirmation it already holds.
  try {
    await subscribeContact(payload.email, networks);
    // The text version comes from the token: it is what the person saw when asking.
    const version = payload.consentVersion ?? consentVersion();
    await recordConfirmation(payload.email, {
      networks: networks.map((n) => n.slug),
      requestedAt: new Date((payload.issued ?? payload.expires - 48 * 3600) * 1000).toISOString(),
      confirmedAt: claim.confirmedAt,
      consentVersion: version,
      consentText: (await consentTextOf(version)) ?? `(Wortlaut der Version ${version} nicht gespeichert)`,
    }, choices.choices);
    await finishToken(signed, claim.confirmedAt);
  } catch (error) {
    console.error('[newsletter] confirmation not recorded', error);
    // Nothing was lost: the same link works again once the service is back.
    await releaseToken(signed, claim.owner).catch(() => undefined);
    return unavailable(siteTitle, t('newsletter.confirm.failed'), lang);
  }
  await sendWelcome(payload.email, networks.map((n) => n.slug), data, origin, signed).catch((error) => console.error('[newsletter] welcome mail not sent', error));
  return confirmedPage(siteTitle, payload, networks, data, lang);
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
      // The button sends the token in the body; a bare POST to the link carries it in the query.
      const fromBody = fields.get('token')?.[0];
      return await confirm(fromBody?.trim() ? fromBody : url.searchParams.get('token'), data, lang, fields, publicOrigin(data.site.url, request));
    }
    return await showConfirmPage(url.searchParams.get('token'), data, lang);
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
