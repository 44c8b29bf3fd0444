/**
 * Builds the Decap CMS bundle for /admin/ apart from the site, once per state of its
 * sources, and copies it into dist/ (issue 17). The bundle is started when the build
 * starts, so it runs beside Astro's own bundling when it is not in the cache; the page
 * (src/pages/admin/index.astro) waits for its file names through admin-bundle-assets.ts.
 */
import type { AstroIntegration, AstroUserConfig } from 'astro';
import { fileURLToPath } from 'node:url';
import { copyAdminBundle, ensureAdminBundle, type AdminBundle, type BundleSettings } from './admin-bundle-cache.ts';
import { provideAdminBundle } from './admin-bundle-assets.ts';

/** The bundler settings the CMS shares with the site: those of astro.config.mjs. */
export function bundleSettings(config: { vite?: AstroUserConfig['vite']; build?: { assets?: string } }): BundleSettings {
  return {
    define: config.vite?.define,
    assetsInlineLimit: config.vite?.build?.assetsInlineLimit,
    assetsDir: config.build?.assets ?? '_astro',
  };
}

export function adminBundle(): AstroIntegration {
  let bundle: Promise<AdminBundle> | undefined;
  return {
    name: 'quartiersnetz:admin-bundle',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build') return;
        const root = fileURLToPath(config.root);
        const started = performance.now();
        bundle = ensureAdminBundle(root, bundleSettings(config));
        bundle.then(
          (b) => logger.info(b.reused ? `CMS-Paket aus dem Zwischenspeicher (${b.key})` : `CMS-Paket gebaut in ${((performance.now() - started) / 1000).toFixed(1)} s (${b.key})`),
          () => {}, // reported where it is awaited
        );
        provideAdminBundle(bundle);
      },
      'astro:build:done': async ({ dir }) => {
        if (bundle) copyAdminBundle(await bundle, fileURLToPath(dir));
      },
    },
  };
}
