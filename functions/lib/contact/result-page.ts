/**
 * The result page for visitors without JavaScript, in their language (`lang`, `dir`) (a plain form POST). On an
 * error it shows the GOV.UK pattern: a summary at the top linking to each field, the
 * message at the field, and the form again with everything the visitor typed, so
 * nothing has to be written twice. Self-contained (inline styles): functions do not
 * know the hashed asset names of the build.
 */
import { DEFAULT_LANG, getLanguage, useTranslations } from '../../../src/i18n/index.ts';
import { localizePath } from '../../../src/i18n/routing.ts';
import { escapeHtml as e } from './render-mail.ts';
import type { FieldError } from './types.ts';
import { renderPage } from '../page-shell.ts';
import { CONTACT_ACTION, CONTACT_FIELD_IDS, CONTACT_LIMITS } from '../../../src/forms/contact.ts';

interface PageContext {
  siteTitle: string;
  /** The page language the form was sent from; German when unknown. */
  lang?: string;
  /** Where "back" leads: the page of the recipient, from the directory (never from input). */
  back?: { path: string; topic: string };
}

// Only what the shared shell (../page-shell.ts) lacks: the form fields and the error
// summary, in the site's palette (src/styles/global.css).
const STYLE = `.summary{border:4px solid #b3261e;padding:1rem;margin:1rem 0}.summary h2{margin-top:0;font-size:1.2rem}.summary a{color:#b3261e;font-weight:700}
.field{margin:1.25rem 0}.field label{display:block;font-weight:700}.error .message{color:#b3261e;font-weight:700;margin:.2rem 0}
.error input,.error textarea{border-color:#b3261e;border-width:3px}input[type=text],input[type=email],textarea{box-sizing:border-box;width:100%;font:inherit;padding:.4rem;border:2px solid #1b1f23;border-radius:6px}
textarea{min-height:10rem}.check{display:flex;gap:.6rem;align-items:flex-start}.check label{font-weight:400;margin:0}.check input{width:1.5rem;height:1.5rem;flex:none;margin-top:.1rem}
button{font:inherit;font-weight:700;padding:.6rem 1.5rem;border:2px solid #0b5c4a;border-radius:6px;background:#0b5c4a;color:#fff;cursor:pointer}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

function page(context: PageContext, options: { status: number; tone: 'success' | 'error'; title: string; body: string; headers?: Record<string, string> }): Response {
  return renderPage({ siteTitle: context.siteTitle, lang: context.lang, style: STYLE, heading: false, referrer: 'same-origin', ...options });
}

function links(context: PageContext): string {
  const t = useTranslations(context.lang);
  const home = localizePath('/', getLanguage(context.lang ?? DEFAULT_LANG).code);
  const back = context.back ? `<li><a href="${e(context.back.path)}">${e(t('contact.result.back', { topic: context.back.topic }))}</a></li>` : '';
  return `<ul>${back}<li><a href="${e(home)}">${e(t('contact.result.home'))}</a></li></ul>`;
}

export function successPage(context: PageContext, title: string, text: string, status: number): Response {
  return page(context, { status, tone: 'success', title, body: `<div class="box box--success"><h1>${e(title)}</h1><p>${e(text)}</p></div>${links(context)}` });
}

const FIELD_IDS: Record<string, string> = CONTACT_FIELD_IDS;

export function errorPage(context: PageContext, errors: FieldError[], values: Record<string, unknown>, status: number, headers?: Record<string, string>): Response {
  const t = useTranslations(context.lang);
  const lang = getLanguage(context.lang ?? DEFAULT_LANG).code;
  const value = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
  const errorFor = (field: string) => errors.filter((error) => error.field === field);
  const summary = errors
    .map((error) => (FIELD_IDS[error.field] ? `<li><a href="#${FIELD_IDS[error.field]}">${e(error.message)}</a></li>` : `<li>${e(error.message)}</li>`))
    .join('');
  const field = (name: string, control: (describedBy: string) => string, label: string, hint?: string) => {
    const own = errorFor(name);
    const id = FIELD_IDS[name];
    const described = [hint ? `${id}-hint` : '', own.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    return `<div class="field${own.length ? ' error' : ''}"><label for="${id}">${e(label)}</label>
${hint ? `<p class="hint" id="${id}-hint">${e(hint)}</p>` : ''}
${own.length ? `<p class="message" id="${id}-error"><span class="visually-hidden">${e(t('contact.errorPrefix'))} </span>${own.map((o) => e(o.message)).join(' ')}</p>` : ''}
${control(described ? ` aria-describedby="${described}"` : '')}</div>`;
  };
  const recipient = value('recipient');
  const canResend = recipient !== '' && !errors.some((error) => error.field === 'recipient');
  const consentErrors = errorFor('consent');
  const form = canResend
    ? `<form method="post" action="${CONTACT_ACTION}" novalidate>
<input type="hidden" name="recipient" value="${e(recipient)}">${lang === DEFAULT_LANG ? '' : `<input type="hidden" name="lang" value="${e(lang)}">`}
${field('name', (d) => `<input type="text" id="${FIELD_IDS.name}" name="name" autocomplete="name" maxlength="${CONTACT_LIMITS.nameMax}" required value="${e(value('name'))}"${d}${errorFor('name').length ? ' aria-invalid="true"' : ''}>`, t('contact.name.label'), t('contact.name.hint'))}
${field('email', (d) => `<input type="email" id="${FIELD_IDS.email}" name="email" autocomplete="email" spellcheck="false" maxlength="${CONTACT_LIMITS.emailMax}" required value="${e(value('email'))}"${d}${errorFor('email').length ? ' aria-invalid="true"' : ''}>`, t('contact.email.label'), t('contact.email.hint'))}
${field('message', (d) => `<textarea id="${FIELD_IDS.message}" name="message" rows="8" required${d}${errorFor('message').length ? ' aria-invalid="true"' : ''}>${e(value('message'))}</textarea>`, t('contact.message.label'), t('contact.message.hint'))}
<div class="field${consentErrors.length ? ' error' : ''}">
${consentErrors.length ? `<p class="message" id="${FIELD_IDS.consent}-error"><span class="visually-hidden">${e(t('contact.errorPrefix'))} </span>${consentErrors.map((o) => e(o.message)).join(' ')}</p>` : ''}
<div class="check"><input type="checkbox" id="${FIELD_IDS.consent}" name="consent" value="on" required${value('consent') ? ' checked' : ''}${consentErrors.length ? ' aria-invalid="true" aria-describedby="${FIELD_IDS.consent}-error"' : ''}>
<label for="${FIELD_IDS.consent}">${e(t('contact.consent.label'))} <a href="${e(localizePath('/datenschutz/', lang))}">${e(t('contact.consent.privacyLink'))}</a></label></div></div>
<div class="visually-hidden" aria-hidden="true"><label for="${FIELD_IDS.homepage}">${e(t('contact.honeypot.label'))}</label><input type="text" id="${FIELD_IDS.homepage}" name="homepage" tabindex="-1" autocomplete="off"></div>
<button type="submit">${e(t('contact.submit'))}</button>
</form>`
    : '';
  return page(context, {
    status,
    headers,
    tone: 'error',
    title: t('contact.result.errorTitle'),
    body: `<h1>${e(t('contact.result.errorTitle'))}</h1>
<div class="summary" role="alert" tabindex="-1"><h2>${e(t('contact.errorSummary'))}</h2><ul>${summary}</ul></div>
${canResend ? `<p>${e(t('contact.result.again'))}</p>` : ''}
${form}
${links(context)}`,
  });
}
