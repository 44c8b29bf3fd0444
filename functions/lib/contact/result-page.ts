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

interface PageContext {
  siteTitle: string;
  /** The page language the form was sent from; German when unknown. */
  lang?: string;
  /** Where "back" leads: the page of the recipient, from the directory (never from input). */
  back?: { path: string; topic: string };
}

const STYLE = `body{font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;margin:0;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}header{background:#0b3d5c;color:#fff;padding:.75rem 1rem}header a{color:#fff}
a{color:#0b5c8a}a:focus,input:focus,textarea:focus,button:focus{outline:3px solid #ffbf47;outline-offset:0}
.summary{border:4px solid #b10e1e;padding:1rem;margin:1rem 0}.summary h2{margin-top:0}.summary a{color:#b10e1e;font-weight:600}
.field{margin:1.25rem 0}.field label{display:block;font-weight:600}.hint{color:#505a5f;margin:.1rem 0 .3rem}
.error .message{color:#b10e1e;font-weight:600;margin:.2rem 0}.error input,.error textarea{border-color:#b10e1e;border-width:3px}
input[type=text],input[type=email],textarea{box-sizing:border-box;width:100%;font:inherit;padding:.4rem;border:2px solid #1a1a1a}
textarea{min-height:10rem}.check{display:flex;gap:.6rem;align-items:flex-start}.check label{font-weight:400}
.check input{width:1.5rem;height:1.5rem;flex:none;margin-top:.1rem}button{font:inherit;font-weight:600;background:#00703c;color:#fff;border:0;padding:.6rem 1.2rem;cursor:pointer}
.panel{border-left:6px solid #00703c;padding:.5rem 1rem;background:#f3f8f5}.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

function layout(context: PageContext, title: string, body: string): string {
  const language = getLanguage(context.lang ?? DEFAULT_LANG);
  return `<!doctype html>
<html lang="${language.code}" dir="${language.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)} – ${e(context.siteTitle)}</title><style>${STYLE}</style></head>
<body><header><a href="${e(localizePath('/', language.code))}">${e(context.siteTitle)}</a></header><main id="inhalt">
${body}
</main></body></html>`;
}

function links(context: PageContext): string {
  const t = useTranslations(context.lang);
  const home = localizePath('/', getLanguage(context.lang ?? DEFAULT_LANG).code);
  const back = context.back ? `<li><a href="${e(context.back.path)}">${e(t('contact.result.back', { topic: context.back.topic }))}</a></li>` : '';
  return `<ul>${back}<li><a href="${e(home)}">${e(t('contact.result.home'))}</a></li></ul>`;
}

export function successPage(context: PageContext, title: string, text: string): string {
  return layout(context, title, `<div class="panel"><h1>${e(title)}</h1><p>${e(text)}</p></div>${links(context)}`);
}

const FIELD_IDS: Record<string, string> = { name: 'contact-name', email: 'contact-email', message: 'contact-message', consent: 'contact-consent' };

export function errorPage(context: PageContext, errors: FieldError[], values: Record<string, unknown>): string {
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
    ? `<form method="post" action="/api/contact" novalidate>
<input type="hidden" name="recipient" value="${e(recipient)}">${lang === DEFAULT_LANG ? '' : `<input type="hidden" name="lang" value="${e(lang)}">`}
${field('name', (d) => `<input type="text" id="contact-name" name="name" autocomplete="name" maxlength="100" required value="${e(value('name'))}"${d}${errorFor('name').length ? ' aria-invalid="true"' : ''}>`, t('contact.name.label'), t('contact.name.hint'))}
${field('email', (d) => `<input type="email" id="contact-email" name="email" autocomplete="email" spellcheck="false" required value="${e(value('email'))}"${d}${errorFor('email').length ? ' aria-invalid="true"' : ''}>`, t('contact.email.label'), t('contact.email.hint'))}
${field('message', (d) => `<textarea id="contact-message" name="message" rows="8" required${d}${errorFor('message').length ? ' aria-invalid="true"' : ''}>${e(value('message'))}</textarea>`, t('contact.message.label'), t('contact.message.hint'))}
<div class="field${consentErrors.length ? ' error' : ''}">
${consentErrors.length ? `<p class="message" id="contact-consent-error"><span class="visually-hidden">${e(t('contact.errorPrefix'))} </span>${consentErrors.map((o) => e(o.message)).join(' ')}</p>` : ''}
<div class="check"><input type="checkbox" id="contact-consent" name="consent" value="on" required${value('consent') ? ' checked' : ''}${consentErrors.length ? ' aria-invalid="true" aria-describedby="contact-consent-error"' : ''}>
<label for="contact-consent">${e(t('contact.consent.label'))} <a href="${e(localizePath('/datenschutz/', lang))}">${e(t('contact.consent.privacyLink'))}</a></label></div></div>
<div class="visually-hidden" aria-hidden="true"><label for="contact-homepage">${e(t('contact.honeypot.label'))}</label><input type="text" id="contact-homepage" name="homepage" tabindex="-1" autocomplete="off"></div>
<button type="submit">${e(t('contact.submit'))}</button>
</form>`
    : '';
  return layout(
    context,
    t('contact.result.errorTitle'),
    `<h1>${e(t('contact.result.errorTitle'))}</h1>
<div class="summary" role="alert" tabindex="-1"><h2>${e(t('contact.errorSummary'))}</h2><ul>${summary}</ul></div>
${canResend ? `<p>${e(t('contact.result.again'))}</p>` : ''}
${form}
${links(context)}`,
  );
}
