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
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../lib/load-content.ts';
import { berlinDate } from '../lib/dates.ts';
import { now } from '../lib/clock.ts';
import { buildRecipientDirectory } from '../lib/recipients.ts';
import { healthReportFor } from '../lib/health/gather.ts';
import { writeNewsletterData } from '../lib/newsletter-data.ts';
import { buildOpenData } from '../lib/exports/open-data.ts';
import { OPEN_DATA_FILE } from '../../functions/lib/opendata/data.ts';

function writeJson(file: string, value: unknown) {
  // Write-then-rename: a function reading at the same moment never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Generates generated/recipients.json and generated/site.json for the project at `root`. */
export function writeFunctionData(root: string, outDir = join(root, 'generated'), siteUrl?: string): { recipients: number } {
  const { content } = loadContent(root);
  const recipients = buildRecipientDirectory(content, berlinDate(now()));
  mkdirSync(outDir, { recursive: true });
  writeJson(join(outDir, 'recipients.json'), recipients);
  // The health report without link results: reminders and the link check read it (issue 7).
  writeJson(join(outDir, 'health.json'), healthReportFor(root, now()));
  const settings = content.settings;
  if (settings) {
    writeJson(join(outDir, 'site.json'), {
      title: settings.title,
      url: (settings.website_url ?? siteUrl ?? '').replace(/\/$/, ''),
      mailFrom: `${settings.newsletter.from_name} <${settings.newsletter.from_email}>`,
      office: { name: settings.office.name, email: settings.office.email },
    });
  }
  // The open-data lists the HSDS and OParl functions filter and page (one more hand-over).
  const openData = buildOpenData(root, content, new URL(siteUrl ?? settings?.website_url ?? 'http://localhost:4321'), now());
  if (openData) writeJson(join(outDir, OPEN_DATA_FILE), openData);
  return { recipients: Object.keys(recipients).length };
}

export function functionData(): AstroIntegration {
  let root = '';
  let siteUrl: string | undefined;
  return {
    name: 'quartiersnetz:function-data',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        root = fileURLToPath(config.root);
        siteUrl = config.site;
        const { recipients } = writeFunctionData(root, undefined, siteUrl);
        // generated/newsletter.json: networks and newsletter posts for the newsletter functions.
        await writeNewsletterData(root, undefined, siteUrl);
        logger.info(`generated/: ${recipients} Empfänger für Kontaktformulare`);
      },
      'astro:server:setup': async ({ server, logger }) => {
        const contentDir = resolve(root, 'content') + sep;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const regenerate = (file: string) => {
          if (!resolve(file).startsWith(contentDir)) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            try {
              writeFunctionData(root, undefined, siteUrl);
              writeNewsletterData(root, undefined, siteUrl).catch((error) => logger.warn(`generated/newsletter.json: ${String(error)}`));
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
        // Imported here so a build never loads the dev-only mail parser.
        const { devOutboxMiddleware } = await import('./dev-outbox.ts');
        server.middlewares.use('/dev/outbox', devOutboxMiddleware());
      },
    },
  };
}
