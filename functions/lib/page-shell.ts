/**
 * The one shell for every page a function answers with (contact results, newsletter
 * confirm/unsubscribe, partner pages, errors), in the visitor's language (`lang`, German
 * by default). Self-contained: inline styles in the site's palette (the --qn-* tokens of
 * src/styles/global.css), no script, nothing from other hosts, because a function cannot
 * know the hashed names of the built stylesheet and the pages must work from a link in a
 * mail without JavaScript. One CSP without 'unsafe-inline': the style block is allowed
 * by its hash, computed from exactly what is sent.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_LANG, getLanguage, useTranslations } from '../../src/i18n/index.ts';
import { localizePath } from '../../src/i18n/routing.ts';
import { escapeHtml } from './newsletter/templates.ts';

export interface PageOptions {
  siteTitle: string;
  title: string;
  /** Trusted HTML: callers escape every value they put in. */
  body: string;
  status?: number;
  /** Role of the message: 'error' pages get role="alert" on their heading block. */
  tone?: 'info' | 'success' | 'error';
  headers?: Record<string, string>;
  /** Interface language of the page; unknown codes mean German. */
  lang?: string;
  /** Extra CSS for this kind of page (e.g. form fields); hashed into the CSP like the rest. */
  style?: string;
  /** Set to false for a page whose body brings its own heading (e.g. an error summary). */
  heading?: boolean;
  /**
   * Default `no-referrer`: newsletter pages carry one-time links in their address. A page
   * whose links lead back into the site (contact results) may say `same-origin`.
   */
  referrer?: 'no-referrer' | 'same-origin';
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;line-height:1.55;color:#1b1f23;background:#fff}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
a{color:#0b4f9c}
a:focus,button:focus,input:focus{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{border-bottom:4px solid #0b5c4a;padding:1rem}
header a{color:#0b5c4a;font-weight:700;text-decoration:none;font-size:1.15rem}
main{flex:1;width:100%;max-width:42rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 1rem}
.box{border-left:6px solid #0b5c4a;padding:.25rem 0 .25rem 1rem;margin-bottom:1.5rem}
.box--error{border-color:#b3261e}
.box--success{border-color:#0b5c4a;background:#e3f1ec;padding:1rem}
.button{display:inline-block;font:inherit;font-weight:700;padding:.6rem 1.5rem;border:2px solid #0b5c4a;border-radius:6px;background:#0b5c4a;color:#fff;text-decoration:none;cursor:pointer}
.button:hover{background:#073b30}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:700;margin-bottom:.5rem}
label{display:block;margin:.35rem 0}
blockquote{margin:0 0 1rem;padding-left:1rem;border-left:3px solid #c4cbd2}
.hint{color:#474f57}
footer{background:#f3f5f7;border-top:4px solid #0b5c4a;padding:1rem;font-size:.95rem}
footer ul{list-style:none;padding:0;margin:0;display:flex;gap:1.5rem;flex-wrap:wrap}
`;

// The site's _headers do not reach function responses: these pages bring their own
// policy, allowing exactly their one style block and form posts to this site.
const cspCache = new Map<string, string>();
export function pageCsp(style: string): string {
  let csp = cspCache.get(style);
  if (!csp) {
    csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
    cspCache.set(style, csp);
  }
  return csp;
}

export function renderPage(options: PageOptions): Response {
  const tone = options.tone ?? 'info';
  const language = getLanguage(options.lang ?? DEFAULT_LANG);
  const t = useTranslations(language.code);
  const l = (path: string) => escapeHtml(localizePath(path, language.code));
  const style = STYLE + (options.style ?? '');
  const heading = options.heading === false ? '' : `<div class="box box--${tone}"${tone === 'error' ? ' role="alert"' : ''}>
<h1>${escapeHtml(options.title)}</h1>
</div>
`;
  const html = `<!doctype html>
<html lang="${language.code}" dir="${language.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} | ${escapeHtml(options.siteTitle)}</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#inhalt">${escapeHtml(t('site.skipLink'))}</a>
<header><a href="${l('/')}">${escapeHtml(options.siteTitle)}</a></header>
<main id="inhalt" tabindex="-1" data-page-tone="${tone}">
${heading}${options.body}
</main>
<footer><ul>
<li><a href="${l('/')}">${escapeHtml(t('newsletter.page.home'))}</a></li>
<li><a href="${l('/newsletter/')}">${escapeHtml(t('newsletter.page.newsletter'))}</a></li>
<li><a href="${l('/impressum/')}">${escapeHtml(t('newsletter.mail.imprint'))}</a></li>
<li><a href="${l('/datenschutz/')}">${escapeHtml(t('newsletter.mail.privacy'))}</a></li>
</ul></footer>
</body>
</html>`;
  return new Response(html, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Pages carry addresses and one-time links: never cache, never leak the URL onwards.
      'cache-control': 'no-store',
      'referrer-policy': options.referrer ?? 'no-referrer',
      'x-robots-tag': 'noindex',
      'content-security-policy': pageCsp(style),
      'x-content-type-options': 'nosniff',
      ...options.headers,
    },
  });
}

export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
}

export function list(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

