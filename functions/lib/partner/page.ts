/**
 * The partner pages: self-contained HTML (inline style under a hash in the CSP, no script,
 * nothing from other hosts), always with `Referrer-Policy: no-referrer` (the link's token
 * must never leave in a Referer header) and `Cache-Control: no-store` (no copy of a
 * partner's page in any cache). Kept in one module so the shared page shell can replace it.
 */
import { createHash } from 'node:crypto';
import { escapeHtml as e } from './html.ts';

const STYLE = `*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.55;color:#1b1f23;background:#fff}
body{margin:0}header{border-bottom:4px solid #0b5c4a;padding:1rem}header p{margin:0;color:#0b5c4a;font-weight:700;font-size:1.15rem}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
a{color:#0b4f9c}a:focus,button:focus,input:focus,textarea:focus,select:focus{outline:3px solid #ffbf47;outline-offset:2px}
.box{border-left:6px solid #0b5c4a;padding:.5rem 1rem;margin:1rem 0;background:#e3f1ec}.box--error{border-color:#b3261e;background:#fbeceb}
.summary{border:4px solid #b3261e;padding:1rem;margin:1rem 0}.summary h2{margin-top:0}.summary a{color:#b3261e;font-weight:600}
.entries{list-style:none;padding:0}.entry{border:1px solid #c4cbd2;border-radius:6px;padding:1rem;margin:0 0 1rem}
.entry h3{margin:0 0 .25rem;font-size:1.1rem}.state{display:inline-block;font-weight:600;padding:0 .4rem;border-radius:4px}
.state--ok{background:#e3f1ec;color:#0b5c4a}.state--due{background:#fff4ce;color:#5c4400}.meta{color:#474f57;margin:.25rem 0 .75rem}
.actions{display:flex;gap:.75rem;flex-wrap:wrap}form.inline{display:inline}
button{font:inherit;font-weight:700;padding:.5rem 1.2rem;border:2px solid #0b5c4a;border-radius:6px;background:#0b5c4a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5c4a}
.field{margin:1rem 0}.field label,legend{display:block;font-weight:600}.hint{color:#474f57;margin:.1rem 0 .3rem}
.error .message,.message{color:#b3261e;font-weight:600;margin:.2rem 0}.error input,.error textarea,.error select{border-color:#b3261e;border-width:3px}
input[type=text],input[type=email],input[type=url],input[type=tel],input[type=date],input[type=time],input[type=number],textarea,select{width:100%;font:inherit;padding:.4rem;border:2px solid #1b1f23;border-radius:4px}
textarea{min-height:6rem}fieldset{border:0;padding:0;margin:1rem 0}fieldset.group{border-left:3px solid #c4cbd2;padding-left:1rem}
fieldset.item{border:1px dashed #c4cbd2;padding:.5rem 1rem}.check{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.check input{width:1.3rem;height:1.3rem;flex:none;margin-top:.15rem}.check label{font-weight:400}.required{font-weight:400;color:#474f57}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${hash(STYLE)}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy': CSP,
};

/**
 * `script`: an inline script for this one page (a page works without it), allowed by its
 * hash in the CSP: still nothing from anywhere else.
 */
export function page(siteTitle: string, title: string, body: string, status = 200, headers: Record<string, string> = {}, script?: string): Response {
  const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${e(title)} – ${e(siteTitle)}</title><style>${STYLE}</style></head>
<body><header><p>${e(siteTitle)}</p></header><main id="inhalt">
${body}
</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
  const csp = script ? { 'content-security-policy': `${CSP}; script-src ${hash(script)}` } : {};
  return new Response(html, { status, headers: { ...PAGE_HEADERS, ...csp, ...headers } });
}
