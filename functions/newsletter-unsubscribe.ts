/**
 * /api/newsletter/unsubscribe?token=…: the link in every newsletter mail.
 *
 * GET shows a page to choose "only these networks" or "everything" and never
 * unsubscribes by itself (mail scanners follow links). POST unsubscribes, idempotently:
 * a second POST leaves the same state and the same page. A POST whose body is
 * `List-Unsubscribe=One-Click` is the RFC 8058 one-click request a mail program sends
 * from its own "Abbestellen" button: it unsubscribes the networks the mail was sent for.
 *
 * The Blobs record (which the sending function reads) is changed first, then a job is
 * stored that brings the change to Resend, now and, if Resend fails, by the retry job
 * until it succeeds (lib/newsletter/unsubscribe-jobs.ts). So the page may say
 * "abgemeldet" as soon as both are stored: no newsletter follows.
 */
import type { Config } from '@netlify/functions';
import { t } from '../src/i18n/index.ts';
import { NewsletterConfigError, verificationSecrets } from './lib/newsletter/config.ts';
import { newsletterData, type NewsletterData } from './lib/newsletter/data.ts';
import { paragraph, renderPage } from './lib/newsletter/page.ts';
import { first, newsletterSpec, readRequest, refusalAnswer } from './lib/newsletter/request.ts';
import { applyJob, queueUnsubscribe } from './lib/newsletter/unsubscribe-jobs.ts';
import { guarded } from './lib/http/guard.ts';
import { recordUnsubscribe } from './lib/newsletter/subscribers.ts';
import { escapeHtml, joinGerman, networkLabels } from './lib/newsletter/templates.ts';
import { verifyTokenWithAny, type TokenPayload } from './lib/newsletter/token.ts';

function invalidPage(data: NewsletterData): Response {
  return renderPage({
    siteTitle: data.site.title,
    status: 400,
    tone: 'error',
    title: t('newsletter.link.invalidTitle'),
    body: `<p>${escapeHtml(t('newsletter.unsubscribe.invalidText', { email: '\u0000' })).replace('\u0000', `<a href="mailto:${escapeHtml(data.site.office.email)}">${escapeHtml(data.site.office.email)}</a>`)}</p>`,
  });
}

function check(token: string): TokenPayload | undefined {
  const result = verifyTokenWithAny('unsubscribe', token, verificationSecrets());
  return result.ok ? result.payload : undefined;
}

function choicePage(token: string, payload: TokenPayload, data: NewsletterData): Response {
  const labels = joinGerman(networkLabels(payload.networks, data.networks));
  const options = [
    ...(payload.networks.length > 0 ? [{ value: 'networks', label: t('newsletter.unsubscribe.these', { networks: labels }) }] : []),
    { value: 'all', label: t('newsletter.unsubscribe.all', { site: data.site.title }) },
  ];
  const body = [
    paragraph(t('newsletter.unsubscribe.text', { email: payload.email })),
    `<form method="post" action="/api/newsletter/unsubscribe">`,
    `<input type="hidden" name="token" value="${escapeHtml(token)}">`,
    `<fieldset><legend>${escapeHtml(t('newsletter.unsubscribe.choice'))}</legend>`,
    ...options.map((o, i) => `<label><input type="radio" name="scope" value="${o.value}"${i === 0 ? ' checked' : ''}> ${escapeHtml(o.label)}</label>`),
    `</fieldset>`,
    `<button class="button" type="submit">${escapeHtml(t('newsletter.unsubscribe.button'))}</button>`,
    `</form>`,
  ].join('\n');
  return renderPage({ siteTitle: data.site.title, title: t('newsletter.unsubscribe.title'), body });
}

async function unsubscribe(payload: TokenPayload, scope: 'networks' | 'all', via: 'form' | 'one-click', data: NewsletterData): Promise<Response> {
  const all = scope === 'all' || payload.networks.length === 0;
  await recordUnsubscribe(payload.email, all ? 'all' : payload.networks, new Date().toISOString(), via);
  const job = await queueUnsubscribe(payload.email, all ? [] : payload.networks, all);
  // Failures are kept in the job and retried; the person is unsubscribed either way.
  await applyJob(job, data, { first: true });
  const text = all
    ? t('newsletter.unsubscribed.allText', { site: data.site.title })
    : t('newsletter.unsubscribed.text', { networks: joinGerman(networkLabels(payload.networks, data.networks)) });
  return renderPage({
    siteTitle: data.site.title,
    tone: 'success',
    title: t('newsletter.unsubscribed.title'),
    body: paragraph(text) + `<p class="hint">${escapeHtml(t('newsletter.unsubscribed.again'))} <a href="/newsletter/">${escapeHtml(t('newsletter.subscribeLink'))}</a></p>`,
  });
}

export default guarded('newsletter-unsubscribe', async (request: Request): Promise<Response> => {
  let data: NewsletterData;
  try {
    data = newsletterData();
  } catch (error) {
    console.error('[newsletter] generated/newsletter.json missing', error);
    return renderPage({ siteTitle: 'Newsletter', status: 503, tone: 'error', title: t('newsletter.error.unavailable'), body: '' });
  }
  try {
    const url = new URL(request.url);
    const read = await readRequest(request, newsletterSpec(['GET', 'POST']));
    if (!read.ok) return refusalAnswer(request, data.site.title, read.refusal);
    if (request.method === 'POST') {
      const { fields } = read;
      const oneClick = first(fields, 'List-Unsubscribe') === 'One-Click';
      const token = first(fields, 'token') || (url.searchParams.get('token') ?? '');
      const payload = check(token);
      if (!payload) return invalidPage(data);
      return await unsubscribe(payload, oneClick || first(fields, 'scope') !== 'all' ? 'networks' : 'all', oneClick ? 'one-click' : 'form', data);
    }
    const token = url.searchParams.get('token') ?? '';
    const payload = check(token);
    if (!payload) return invalidPage(data);
    return choicePage(token, payload, data);
  } catch (error) {
    console.error(error instanceof NewsletterConfigError ? `[newsletter] ${error.message}` : error);
    return renderPage({ siteTitle: data.site.title, status: 503, tone: 'error', title: t('newsletter.unsubscribe.failed'), body: '' });
  }
});

export const config: Config = {
  path: '/api/newsletter/unsubscribe',
  // No `method` here: the function answers a wrong method itself, with a German message
  // (lib/http/request.ts), instead of the platform's bare 405.
};
