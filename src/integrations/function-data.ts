/**
 * Writes what the functions need from content into generated/ (never dist/): the
 * recipient directory of the contact forms and the site facts for mails. Functions
 * read these files instead of parsing content, and they hold addresses the site must
 * not publish. Netlify ships them with the functions (`included_files` in netlify.toml).
 *
 * Under `astro dev` it also rewrites the files when content changes and serves
 * /dev/outbox/, the list of mails the local transport wrote (development only: this
 * hook does not exist in a build, so the listing can never be deployed).
 */
import type { AstroIntegration } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContentOnce, type LoadResult } from '../lib/load-content.ts';
import { berlinDate } from '../lib/dates.ts';
import { now } from '../lib/clock.ts';
import { buildRecipientDirectory } from '../lib/recipients.ts';
import { healthReportFor } from '../lib/health/gather.ts';
import { builtPaths } from '../lib/health/site-paths.ts';
import { recordPlannedPaths } from '../lib/health/planned-paths.ts';
import { writeNewsletterData } from '../lib/newsletter-data.ts';
import { buildPartnerDirectory } from '../lib/partner-directory.ts';
import { GENERATED_FILES, writeGenerated } from '../lib/generated-files.ts';
import { siteFactsFrom } from '../lib/site-facts.ts';
import { holdHsdsEntries, openDataExports, type OpenDataExports } from '../lib/exports/open-data.ts';
import { hsdsDetailFor, hsdsDetailPaths, writeHsdsDetailFiles } from '../lib/exports/hsds-detail-files.ts';
import { HSDS_API_PATH } from '../lib/exports/hsds-api.ts';
import { translationWork } from '../lib/translation-work.ts';

/**
 * Generates generated/recipients.json, site.json, health.json and opendata.json for the
 * project at `root` from content loaded once (the build gate loaded it already).
 */
export function writeFunctionData(
  root: string,
  outDir = join(root, 'generated'),
  siteUrl?: string,
  loaded: LoadResult = loadContentOnce(root),
  { health = true }: { health?: boolean } = {},
): { recipients: number; hsdsEntries?: OpenDataExports['hsdsEntries']; site: URL; instant: Date } {
  const { content } = loaded;
  const recipients = buildRecipientDirectory(content, berlinDate(now()));
  writeGenerated(outDir, GENERATED_FILES.recipients, recipients);
  // The health report without external link results: reminders and the link check read
  // it (issue 7). Internal links are judged once the build is done (writeBuiltHealth).
  if (health) writeGenerated(outDir, GENERATED_FILES.health, healthReportFor(root, now(), { loaded }));
  if (content.settings) writeGenerated(outDir, GENERATED_FILES.site, siteFactsFrom(content.settings, siteUrl ?? 'http://localhost:4321'));
  // The open-data lists the HSDS and OParl functions filter and page.
  const site = new URL(siteUrl ?? content.settings?.website_url ?? 'http://localhost:4321');
  const instant = now();
  const exports = openDataExports(root, content, site, instant);
  if (exports) writeGenerated(outDir, GENERATED_FILES.openData, exports.openData);
  // Each organisation's files and the references a proposal may use (partner links, issue 13).
  writeGenerated(outDir, GENERATED_FILES.partners, buildPartnerDirectory(content));
  // What the nightly translation has to do (issue 22).
  writeGenerated(outDir, GENERATED_FILES.translations, translationWork(content, berlinDate(now())));
  return { recipients: Object.keys(recipients).length, hsdsEntries: exports?.hsdsEntries, site, instant };
}

/** Rewrites generated/health.json with internal links judged against the pages in `dist`. */
export function writeBuiltHealth(root: string, dist: string, outDir = join(root, 'generated')): void {
  writeGenerated(outDir, GENERATED_FILES.health, healthReportFor(root, now(), { sitePaths: builtPaths(dist) }));
}

export function functionData(): AstroIntegration {
  let root = '';
  let siteUrl: string | undefined;
  // The HSDS entries behind generated/opendata.json: their detail answers are written into
  // dist/ after the pages (and served from here under `astro dev`).
  let hsdsEntries: OpenDataExports['hsdsEntries'] | undefined;
  let isDevServer = false;
  return {
    name: 'quartiersnetz:function-data',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        root = fileURLToPath(config.root);
        siteUrl = config.site;
        isDevServer = command === 'dev';
        const loaded = loadContentOnce(root);
        // A build writes health.json once it is done, with its internal links judged
        // (writeBuiltHealth): a report made here would be overwritten unread.
        const written = writeFunctionData(root, undefined, siteUrl, loaded, { health: command !== 'build' });
        const { recipients } = written;
        hsdsEntries = written.hsdsEntries;
        // The pages' static HSDS lists reuse these entries (source.ts getHsdsEntries).
        if (command === 'build' && hsdsEntries) holdHsdsEntries(root, { site: written.site, instant: written.instant, entries: hsdsEntries });
        // generated/newsletter.json: networks and newsletter posts for the newsletter functions.
        await writeNewsletterData(root, undefined, siteUrl, loaded.content);
        logger.info(`generated/: ${recipients} Empfänger für Kontaktformulare`);
      },
      'astro:build:start': ({ setPrerenderer }) => {
        // Astro lists every path it will write before rendering the first page: recorded
        // for the health report that /admin/zustand/ renders in this same build.
        setPrerenderer((prerenderer) => ({
          ...prerenderer,
          async getStaticPaths() {
            const paths = await prerenderer.getStaticPaths();
            const details = hsdsEntries ? hsdsDetailPaths(hsdsEntries).map((pathname) => ({ pathname, route: { type: 'endpoint' } })) : [];
            recordPlannedPaths([...paths, ...details]);
            return paths;
          },
        }));
      },
      'astro:build:done': ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        holdHsdsEntries(root);
        if (hsdsEntries) logger.info(`${writeHsdsDetailFiles(dist, hsdsEntries)} HSDS-Einzelantworten geschrieben`);
        writeBuiltHealth(root, dist);
      },
      'astro:server:setup': async ({ server, logger }) => {
        // `astro build` runs this hook too, on the short-lived server it syncs content with,
        // when NODE_ENV is not "production" (vitest sets "test"): that server closes while
        // the imports below load, which failed the build. The dev features are for `astro dev`.
        if (!isDevServer) return;
        const contentDir = resolve(root, 'content') + sep;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const regenerate = (file: string) => {
          if (!resolve(file).startsWith(contentDir)) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            try {
              const loaded = loadContentOnce(root);
              hsdsEntries = writeFunctionData(root, undefined, siteUrl, loaded).hsdsEntries;
              writeNewsletterData(root, undefined, siteUrl, loaded.content).catch((error) => logger.warn(`generated/newsletter.json: ${String(error)}`));
            } catch (error) {
              logger.warn(`generated/ konnte nicht aktualisiert werden: ${String(error)}`);
            }
          }, 200);
        };
        server.watcher.on('change', regenerate);
        server.watcher.on('add', regenerate);
        server.watcher.on('unlink', regenerate);
        // On Netlify, function paths (/api/contact) win over pages; under `astro dev` the
        // trailingSlash check answers 404 before the adapter's function emulation sees the
        // request. Adding the slash lets it through, and the functions match either form.
        // Files under /api/ (the HSDS .json endpoints) keep their exact path. It must run
        // first, and Astro puts its checks at the front of the stack after this hook, so it
        // goes in once the server listens.
        const addSlash = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
          const [path, query] = (req.url ?? '').split(/\?(.*)/s, 2);
          if (/^\/(?:api\/(?:[^/]+\/)*[^/.]+|dev\/outbox)$/.test(path)) req.url = `${path}/${query ? `?${query}` : ''}`;
          next();
        };
        server.httpServer?.once('listening', () => server.middlewares.stack.unshift({ route: '', handle: addSlash }));
        // Multipart posts (PDFs for /partner/) past the emulation's text-only body handling.
        const { binaryBodyMiddleware } = await import('./dev-binary-bodies.ts');
        server.httpServer?.once('listening', () => server.middlewares.stack.unshift({ route: '', handle: binaryBodyMiddleware() }));
        // Imported here so a build never loads the dev-only mail parser.
        const { devOutboxMiddleware } = await import('./dev-outbox.ts');
        server.middlewares.use('/dev/outbox', devOutboxMiddleware());
        // The HSDS detail answers a build writes as files, from the current content.
        server.middlewares.use(HSDS_API_PATH, (req, res, next) => {
          const body = hsdsEntries && hsdsDetailFor(hsdsEntries, req.url ?? '');
          if (body === undefined) return next();
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.end(body);
        });
      },
    },
  };
}
