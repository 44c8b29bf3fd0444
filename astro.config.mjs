// @ts-check
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { adminBundle } from './src/integrations/admin-bundle.ts';
import { contentGate } from './src/integrations/content-gate.ts';
import { functionData } from './src/integrations/function-data.ts';
import { MARKDOWN_PIPELINE } from './src/lib/markdown-pipeline.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { setupGate } from './src/integrations/setup-gate.ts';

// The site is fully static. The Netlify adapter is loaded only for `astro dev`, where it
// emulates Netlify Functions (from functions/) and Blobs, so `npm start` runs the forms
// locally. In `astro build` it would add an SSR function and image-CDN settings that a
// static site does not need; Netlify deploys dist/ and functions/ as they are. Imported
// only then: loading it (Netlify's function bundler and its parsers) took over a second
// of every build (issue 17).
const isDevServer = process.argv.includes('dev');
const netlify = isDevServer ? (await import('@astrojs/netlify')).default : undefined;

export default defineConfig({
  site: process.env.URL ?? 'https://quartiersnetz-kinderhaus.example.org',
  output: 'static',
  // Astro keeps its content store in cacheDir (default node_modules/.astro). Worktrees,
  // benches and scale tests link one shared node_modules, so the default would let
  // concurrent builds of different content overwrite each other's store.
  cacheDir: './.astro/cache/',
  trailingSlash: 'always',
  // Stylesheets stay files: the CSP allows styles from the site itself only.
  build: { format: 'directory', inlineStylesheets: 'never' },
  adapter: netlify
    ? netlify({ imageCDN: false, devFeatures: { images: false, edgeFunctions: false, environmentVariables: false } })
    : undefined,
  // The service worker is written before the headers, so dist/sw.js gets its header rule;
  // the CMS bundle is copied into dist/ before either looks at it.
  integrations: [setupGate(), contentGate(), functionData(), adminBundle(), serviceWorker(), securityHeaders()],
  markdown: {
    // Partner content is untrusted: raw HTML is reduced to a safe subset (the same
    // pipeline renders translated bodies and the newsletter mails).
    processor: unified(MARKDOWN_PIPELINE),
  },
  vite: {
    // decap-cms-app expects Node's `global` (stack notes). The CMS bundle of a build is made
    // apart from the site with the same settings (src/integrations/admin-bundle.ts).
    define: { global: 'globalThis' },
    // Scripts stay files too: the CSP trusts no inline script the build happens to make,
    // only those listed in src/lib/security-policy.ts (ALLOWED_INLINE_SCRIPTS).
    build: { assetsInlineLimit: (file) => (/\.[cm]?js$/.test(file) ? false : undefined) },
  },
  devToolbar: { enabled: false },
});
