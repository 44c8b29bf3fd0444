/**
 * /api/newsletter/preferences?token=…: "Einstellungen ändern", linked from every
 * newsletter mail. Per network the subscriber chooses what they get: news, invitations
 * (with updates and cancellations), minutes. The token is signed for this purpose only
 * (an unsubscribe or confirm token is refused) and never expires, like the unsubscribe
 * link beside it. GET shows the form (plain HTML, works without script); POST saves.
 * Only networks the address currently receives can be changed: the link never
 * subscribes anyone. Leaving a network is the unsubscribe link's job, offered here too.
 */
import type { Config } from '@netlify/functions';
import { guarded } from './lib/http/guard.ts';
import { NewsletterConfigError, newsletterSecret, verificationSecrets } from './lib/newsletter/config.ts';
import { choicesFieldsets, choicesText, emptyChoicesSummary, readChoices } from './lib/newsletter/choices-form.ts';
import { newsletterData, type NewsletterData, type NewsletterNetwork } from './lib/newsletter/data.ts';
import { unsubscribeUrl } from './lib/newsletter/links.ts';
import { paragraph, renderPage } from './lib/newsletter/page.ts';
import { first, newsletterSpec, readRequest, refusalAnswer } from './lib/newsletter/request.ts';
import { activeNetworks, getSubscriber, receivesOf, recordChoices, type Choices, type SubscriberRecord } from './lib/newsletter/subscribers.ts';
import { escapeHtml } from './lib/newsletter/templates.ts';
import { normaliseToken, verifyTokenWithAny } from './lib/newsletter/token.ts';

const TITLE = 'Newsletter: Einstellungen ändern';
const UNSUBSCRIBE_HINT = 'Wenn Sie aus einem Netzwerk gar nichts mehr bekommen möchten, bestellen Sie es über den Link unten ab.';

function invalidPage(data: NewsletterData): Response {
  const office = escapeHtml(data.site.office.email);
  return renderPage({
    siteTitle: data.site.title,
    status: 400,
    tone: 'error',
    title: 'Dieser Link ist ungültig',
    body:
      paragraph('Der Link zu Ihren Newsletter-Einstellungen ist unvollständig oder verändert. Bitte öffnen Sie ihn noch einmal direkt aus einer unserer E-Mails.') +
      `<p>Klappt es nicht, schreiben Sie uns: <a href="mailto:${office}">${office}</a></p>`,
  });
}

function networksOf(record: SubscriberRecord | null, data: NewsletterData): NewsletterNetwork[] {
  const active = new Set(activeNetworks(record));
  return data.networks.filter((n) => active.has(n.slug));
}

function noSubscriptionPage(data: NewsletterData, email: string): Response {
  return renderPage({
    siteTitle: data.site.title,
    title: TITLE,
    body: paragraph(`Für ${email} ist derzeit kein Newsletter bestellt.`) + `<p><a class="button" href="/newsletter/">Newsletter bestellen</a></p>`,
  });
}

function formPage(data: NewsletterData, token: string, email: string, networks: NewsletterNetwork[], chosen: Choices, problem?: { empty: NewsletterNetwork[] }): Response {
  // Same site, so a path: the page works under any address it is served from.
  const leave = unsubscribeUrl('', email, networks.map((n) => n.slug), newsletterSecret());
  const body = [
    problem ? emptyChoicesSummary(problem.empty, UNSUBSCRIBE_HINT) : '',
    paragraph(`Wählen Sie für ${email}, was Sie aus jedem Netzwerk bekommen möchten.`),
    `<form method="post" action="/api/newsletter/preferences">`,
    `<input type="hidden" name="token" value="${escapeHtml(token)}">`,
    choicesFieldsets(networks, chosen),
    `<button class="button" type="submit">Einstellungen speichern</button>`,
    `</form>`,
    `<p class="hint">${escapeHtml(UNSUBSCRIBE_HINT)} <a href="${escapeHtml(leave)}">Newsletter abbestellen</a></p>`,
  ].join('\n');
  return renderPage({ siteTitle: data.site.title, status: problem ? 400 : 200, title: TITLE, body });
}

function savedPage(data: NewsletterData, networks: NewsletterNetwork[], record: SubscriberRecord): Response {
  const items = networks.map((n) => `<li>${escapeHtml(`${n.title}: ${choicesText(receivesOf(record.networks[n.slug]))}`)}</li>`);
  return renderPage({
    siteTitle: data.site.title,
    tone: 'success',
    title: 'Ihre Einstellungen sind gespeichert',
    body: paragraph('Ab jetzt bekommen Sie:') + `<ul>${items.join('')}</ul>` + paragraph('Sie können das jederzeit über den Link in jeder unserer E-Mails wieder ändern.', 'hint'),
  });
}

export default guarded('newsletter-preferences', async (request: Request): Promise<Response> => {
  let data: NewsletterData;
  try {
    data = newsletterData();
  } catch (error) {
    console.error('[newsletter] generated/newsletter.json missing', error);
    return renderPage({ siteTitle: 'Newsletter', status: 503, tone: 'error', title: 'Der Newsletter ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.', body: '' });
  }
  try {
    const url = new URL(request.url);
    const read = await readRequest(request, newsletterSpec(['GET', 'POST']));
    if (!read.ok) return refusalAnswer(request, data.site.title, read.refusal);
    const raw = request.method === 'POST' ? first(read.fields, 'token') || url.searchParams.get('token') : url.searchParams.get('token');
    const token = normaliseToken(raw);
    const verified = verifyTokenWithAny('preferences', token, verificationSecrets());
    if (!verified.ok || token === undefined) return invalidPage(data);
    const { email } = verified.payload;
    const record = await getSubscriber(email);
    const networks = networksOf(record, data);
    if (networks.length === 0) return noSubscriptionPage(data, email);
    const current: Choices = Object.fromEntries(networks.map((n) => [n.slug, receivesOf(record!.networks[n.slug])]));
    if (request.method !== 'POST') return formPage(data, token, email, networks, current);

    const chosen = readChoices(read.fields, networks.map((n) => n.slug));
    if (!chosen.ok) return formPage(data, token, email, networks, chosen.choices, { empty: networks.filter((n) => chosen.empty.includes(n.slug)) });
    // A post without the form's marker (not from our page) changes nothing.
    const saved = chosen.choices ? await recordChoices(email, chosen.choices, new Date().toISOString()) : record!;
    return savedPage(data, networks, saved);
  } catch (error) {
    console.error(error instanceof NewsletterConfigError ? `[newsletter] ${error.message}` : error);
    return renderPage({ siteTitle: data.site.title, status: 503, tone: 'error', title: 'Die Einstellungen konnten gerade nicht gespeichert werden. Bitte versuchen Sie es später noch einmal.', body: '' });
  }
});

export const config: Config = {
  path: '/api/newsletter/preferences',
  // No `method` here: the function answers a wrong method itself, with a German message.
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
