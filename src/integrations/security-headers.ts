/**
 * Writes dist/_headers after the build: a strict CSP for the public site with the hash of
 * every inline script the build produced, a separate policy for Decap CMS at /admin/,
 * HSTS and the other security headers, long caching for hashed assets.
 *
 * The build fails when a page carries an inline event handler or a `javascript:` URL:
 * the CSP would block it in the browser, so it is a bug either way. It also fails on an
 * inline script that src/lib/security-policy.ts does not list: the policy trusts only
 * scripts someone decided to trust, never whatever the HTML happens to contain.
 *
 * Netlify answers an unknown path with 404.html but with the headers of the path asked
 * for, which no rule covers; so 404.html carries the site policy itself (<meta>).
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { renderHeadersFile } from '../lib/headers-file.ts';
import { scanDirectory } from '../lib/inline-assets.ts';
import { ALLOWED_INLINE_SCRIPTS, adminPolicy, headerRules, metaPolicy, sitePolicy, tileOrigin, unlistedInlineScripts } from '../lib/security-policy.ts';
import { SETTINGS_FILE } from '../schema/index.ts';

export const HEADERS_FILE = '_headers';

/** Folders under dist/admin/ holding the site's own pages (not the CMS). */
function adminSiteFolders(dist: string): string[] {
  const admin = join(dist, 'admin');
  if (!existsSync(admin)) return [];
  return readdirSync(admin, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(admin, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Where the CMS connects besides the site: the OAuth gateway and decap-server, read from
 * the same build variables admin/config/cms-data.ts reads (PUBLIC_CMS_*).
 */
function cmsOrigins(env: NodeJS.ProcessEnv): { authOrigin: string; localBackendOrigins: string[] } {
  const auth = env.PUBLIC_CMS_AUTH_BASE_URL?.trim() || 'https://api.netlify.com';
  const local = env.PUBLIC_CMS_LOCAL_BACKEND_URL?.trim();
  return {
    authOrigin: new URL(auth).origin,
    localBackendOrigins: local ? [new URL(local).origin] : ['http://localhost:8081', 'http://127.0.0.1:8081'],
  };
}

function imageOrigins(root: string): string[] {
  const settings = parseYaml(readFileSync(join(root, SETTINGS_FILE), 'utf8')) as { map?: { tiles_url?: string } };
  return settings?.map?.tiles_url ? [tileOrigin(settings.map.tiles_url)] : [];
}

/** Files below dist/uploads/, relative to it. */
function uploadFiles(dist: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files.push(`${prefix}${entry.name}`);
    }
  };
  if (existsSync(join(dist, 'uploads'))) walk(join(dist, 'uploads'), '');
  return files.sort();
}

export const NOT_FOUND_PAGE = '404.html';

/** Puts the site policy into 404.html as the first element of its head. */
export function addPolicyToNotFoundPage(dist: string, policy: string): boolean {
  const file = join(dist, NOT_FOUND_PAGE);
  if (!existsSync(file)) return false;
  const html = readFileSync(file, 'utf8');
  if (html.includes('http-equiv="Content-Security-Policy"')) return true;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${metaPolicy(policy).replace(/"/g, '&quot;')}">`;
  // After the charset declaration if there is one (it must come first), else right after <head>.
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  const withMeta = charset.test(html) ? html.replace(charset, (tag) => `${tag}${meta}`) : html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${meta}`);
  if (withMeta === html) throw new Error(`${NOT_FOUND_PAGE} has no <head>: cannot add the Content-Security-Policy`);
  writeFileSync(file, withMeta);
  return true;
}

export function generateHeaders(root: string, dist: string, env: NodeJS.ProcessEnv = process.env): { text: string; forbidden: string[]; unlisted: string[]; sitePolicy: string } {
  const cmsIsHere = existsSync(join(dist, 'admin', 'index.html'));
  const adminFolders = adminSiteFolders(dist);
  // The CMS page (admin/index.html) runs under its own policy and is not scanned; the
  // site's own pages under /admin/<folder>/ are.
  const assets = scanDirectory(dist, (rel) => rel.startsWith('admin/') && !adminFolders.some((f) => rel.startsWith(`admin/${f}/`)));
  const images = imageOrigins(root);
  const unlisted = unlistedInlineScripts(assets.scriptFiles);
  const listed = new Set(ALLOWED_INLINE_SCRIPTS.map((a) => a.hash));
  const site = sitePolicy({
    // Only listed scripts are trusted; an unlisted one fails the build before this is used.
    scriptHashes: [...assets.scripts].filter((hash) => listed.has(hash)),
    styleHashes: assets.styles,
    styleAttributeHashes: assets.styleAttributes,
    imageOrigins: images,
  });
  const rules = headerRules({
    siteEntries: readdirSync(dist, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() })),
    cmsPaths: cmsIsHere ? ['/admin/', '/admin/index.html'] : [],
    adminSiteFolders: adminFolders,
    sitePolicy: site,
    adminPolicy: adminPolicy({ ...cmsOrigins(env), imageOrigins: images }),
    uploadFiles: uploadFiles(dist),
  });
  const comment = 'Generated by src/integrations/security-headers.ts at build time: do not edit.\nNetlify joins headers from all matching rules, so no header appears in two rules for one path.';
  return { text: renderHeadersFile(rules, comment), forbidden: assets.forbidden, unlisted, sitePolicy: site };
}

export function securityHeaders(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'quartiersnetz:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        if (existsSync(join(dist, HEADERS_FILE))) {
          // Only public/_headers can have put it there; two sources of headers drift apart.
          throw new Error(`public/${HEADERS_FILE} would be overwritten: put extra headers into netlify.toml ([[headers]]) or src/lib/security-policy.ts instead`);
        }
        const { text, forbidden, unlisted, sitePolicy: policy } = generateHeaders(root, dist);
        if (forbidden.length) {
          throw new Error(
            `Inline event handlers or javascript: URLs would be blocked by the Content-Security-Policy; move them into a script:\n${forbidden.map((f) => `- ${f}`).join('\n')}`,
          );
        }
        if (unlisted.length) {
          throw new Error(
            `Inline scripts that src/lib/security-policy.ts (ALLOWED_INLINE_SCRIPTS) does not list; the Content-Security-Policy will not trust them. Move them into a script file, or, if one is meant to be inline, list its hash there with the reason:\n${unlisted.map((u) => `- ${u}`).join('\n')}`,
          );
        }
        writeFileSync(join(dist, HEADERS_FILE), text);
        addPolicyToNotFoundPage(dist, policy);
        logger.info(`${HEADERS_FILE} written`);
      },
    },
  };
}
