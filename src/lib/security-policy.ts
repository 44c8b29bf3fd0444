/**
 * The site's HTTP security headers, as data. The integration
 * (src/integrations/security-headers.ts) fills in what only the build knows (inline
 * script hashes, the top-level folders) and writes dist/_headers.
 */
import type { HeaderRule } from './headers-file.ts';
import { uploadTypeOf } from '../schema/uploads.ts';

/** Origin (with a `*.` wildcard for `{s}` subdomains) of a Leaflet tile URL template. */
export function tileOrigin(template: string): string {
  const match = /^(https:\/\/)([^/]+)/.exec(template);
  if (!match) throw new Error(`Kachel-Adresse ohne https-Host: ${template}`);
  const host = match[2].replace(/^\{s\}\./, '*.').replace(/\{[a-z]\}/g, '*');
  return `${match[1]}${host}`;
}

/**
 * Inline scripts the public site may carry, by CSP hash, each with the reason. The build
 * fails on any other inline script (security-headers.ts): the policy must never trust
 * a script just because it ended up in the HTML (e.g. injected through content).
 * Astro is set to emit scripts as files (astro.config.mjs), so the list is empty.
 */
export const ALLOWED_INLINE_SCRIPTS: readonly { hash: string; why: string }[] = [
  {
    // src/layouts/Base.astro: `document.documentElement.classList.add('js')`
    hash: "'sha256-Du+OJKJSbdUgz5nrHeWWINvez6XKDDU/tyj/5c2uvwo='",
    why: 'Marks <html> before the first paint, so the finder lays out its JavaScript version at once (no layout shift, issue 14).',
  },
];

/** `file: hash` for each inline script the list does not name; empty when all is well. */
export function unlistedInlineScripts(found: Map<string, string[]>, allowed = ALLOWED_INLINE_SCRIPTS): string[] {
  const listed = new Set(allowed.map((a) => a.hash));
  return [...found].filter(([hash]) => !listed.has(hash)).map(([hash, files]) => `${files[0]}${files.length > 1 ? ` (und ${files.length - 1} weitere Seiten)` : ''}: ${hash}`);
}

/** A policy for a `<meta http-equiv>`: browsers ignore (and warn about) frame-ancestors there. */
export function metaPolicy(headerPolicy: string): string {
  return headerPolicy
    .split('; ')
    .filter((directive) => !/^(frame-ancestors|sandbox|report-uri|report-to)\b/.test(directive))
    .join('; ');
}

function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

export interface SitePolicyInput {
  scriptHashes: Iterable<string>;
  styleHashes: Iterable<string>;
  styleAttributeHashes: Iterable<string>;
  /** Hosts images may come from besides the site: the map tiles (loaded only after consent). */
  imageOrigins: string[];
}

/**
 * The public site: scripts and styles only from the site itself (inline ones by hash),
 * requests only to the site's own functions, no frames, no plugins, forms only to the site.
 */
export function sitePolicy(input: SitePolicyInput): string {
  const styleAttributes = [...input.styleAttributeHashes].sort();
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'", ...[...input.scriptHashes].sort()],
    'style-src': ["'self'", ...[...input.styleHashes].sort()],
    // Style attributes in the site's own HTML are allowed one by one; content cannot add any.
    'style-src-attr': styleAttributes.length ? ["'unsafe-hashes'", ...styleAttributes] : ["'none'"],
    'img-src': ["'self'", 'data:', ...input.imageOrigins],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'"],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'"],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

export interface AdminPolicyInput {
  /** OAuth gateway the CMS logs in through (Netlify's by default). */
  authOrigin: string;
  /** decap-server, for a build served on the editor's own machine. */
  localBackendOrigins: string[];
  /** Map tiles for the CMS's location widget. */
  imageOrigins: string[];
}

/**
 * Decap CMS at /admin/: its config validation compiles schemas at run time ('unsafe-eval'),
 * its styles are injected by emotion ('unsafe-inline' styles), media previews are blob:
 * URLs. In production it talks to GitHub's API and authenticates through the OAuth gateway
 * (a popup, hence COOP allows popups). The local backend (decap-server) answers only on
 * the editor's own machine; a page on the public host never tries it.
 */
export function adminPolicy(input: AdminPolicyInput): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-eval'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https://raw.githubusercontent.com', 'https://avatars.githubusercontent.com', ...input.imageOrigins],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'https://api.github.com', input.authOrigin, ...input.localBackendOrigins],
    'media-src': ["'self'", 'blob:'],
    'frame-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/** Sent with every response, the CMS included. */
export const COMMON_HEADERS: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Other sites learn at most the origin; map tiles still get the Referer their usage
  // policy asks for.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()',
};

/**
 * Uploaded files come from editors, not from the code: they are served as inert data.
 * `sandbox` gives a document opened from there an opaque origin (no access to /admin/'s
 * storage), `default-src 'none'` lets it load nothing, `nosniff` (COMMON_HEADERS) keeps
 * a browser from guessing HTML. The content gate allows only PDF and images there
 * (src/schema/uploads.ts, checked by their first bytes); any other file that still gets
 * there is a download as well, never a document.
 */
export const UPLOADS_POLICY = "default-src 'none'; sandbox";

/**
 * Rules for dist/uploads/: the sandbox for the folder; `attachment` for every file not on
 * the upload list. PDFs and images may open in the browser: OParl requires a document's
 * `accessUrl` (here) not to be a download, only its `downloadUrl` (/oparl/download/).
 */
export function uploadRules(files: string[]): HeaderRule[] {
  const rules: HeaderRule[] = [{ path: '/uploads/*', headers: { 'Content-Security-Policy': UPLOADS_POLICY } }];
  for (const file of [...files].sort()) {
    if (uploadTypeOf(file)) continue;
    rules.push({ path: `/uploads/${file}`, headers: { 'Content-Disposition': 'attachment' } });
  }
  return rules;
}

export interface HeaderRulesInput {
  /** Top-level entries of dist/ (folders and files) that belong to the public site. */
  siteEntries: { name: string; isDirectory: boolean }[];
  /** Pages (request paths) that run Decap CMS. */
  cmsPaths: string[];
  /** Folders under /admin/ with the site's own (non-CMS) pages, e.g. the health report. */
  adminSiteFolders: string[];
  sitePolicy: string;
  adminPolicy: string;
  /** Files in dist/uploads/, relative to it (e.g. `protokoll.pdf`). */
  uploadFiles?: string[];
}

/**
 * Netlify applies every matching rule and joins repeated headers, so the CSP of the public
 * site cannot sit on `/*` (it would also land on /admin/ next to the CMS policy, and the
 * browser would enforce both). Each top-level entry of dist/ gets its own rule instead.
 */
export function headerRules(input: HeaderRulesInput): HeaderRule[] {
  const site = { 'Content-Security-Policy': input.sitePolicy, 'Cross-Origin-Opener-Policy': 'same-origin' };
  const cms = {
    'Content-Security-Policy': input.adminPolicy,
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
    'X-Robots-Tag': 'noindex',
  };
  const rules: HeaderRule[] = [{ path: '/*', headers: COMMON_HEADERS }, { path: '/', headers: site }];
  for (const entry of [...input.siteEntries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'admin' || entry.name.startsWith('_headers') || entry.name === '_redirects') continue;
    if (entry.name === '_astro') {
      rules.push({ path: '/_astro/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
      continue;
    }
    if (entry.name === 'uploads' && entry.isDirectory) {
      rules.push(...uploadRules(input.uploadFiles ?? []));
      continue;
    }
    rules.push({ path: entry.isDirectory ? `/${entry.name}/*` : `/${entry.name}`, headers: site });
  }
  for (const path of input.cmsPaths) rules.push({ path, headers: cms });
  for (const folder of input.adminSiteFolders) {
    rules.push({ path: `/admin/${folder}/*`, headers: { ...site, 'X-Robots-Tag': 'noindex' } });
  }
  return rules;
}
