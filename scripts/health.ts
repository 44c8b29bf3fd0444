/**
 * `npm run health`: what needs a hand on the site, each finding with the entry, why and
 * what to do, in German. Exit 1 only for what stops the build (invalid content, missing
 * required pages); everything else is a warning and exits 0.
 *
 *   npm run health                 text report
 *   npm run health -- --json       the report as JSON (same as /admin/health.json)
 *   npm run health -- --markdown   Markdown (for CI summaries)
 *   npm run health -- --links f.json   judge external links by this link-check result
 *
 * Internal links are judged against the pages of the last build in dist/ (`npm run build`);
 * without a build the report says they were not checked.
 *
 * Without --links the last result of the weekly link check is read from Netlify Blobs
 * when the environment provides them (Netlify build, `netlify dev`); otherwise the
 * report says that external links were not judged. The same goes for the newsletter:
 * what went out in the last seven days and what waits to be sent.
 */
import { readFileSync } from 'node:fs';
import { now } from '../src/lib/clock.ts';
import { gatherHealthInput, lastBuildPaths } from '../src/lib/health/gather.ts';
import { computeHealth, exitCode } from '../src/lib/health/index.ts';
import { formatMarkdown, formatText } from '../src/lib/health/format.ts';
import { readLinkReportFromEnvironment } from '../src/lib/health/link-source.ts';
import type { LinkReport } from '../src/lib/health/types.ts';
import { withWaitingProposals } from '../src/lib/health/waiting-proposals.ts';
import { gitWriter } from '../functions/lib/git/index.ts';
import { withNewsletterActivity } from '../src/lib/health/newsletter-activity.ts';
import { buildNewsletterData } from '../src/lib/newsletter-data.ts';
import { readNewsletterActivity } from '../functions/lib/newsletter/activity.ts';

const args = process.argv.slice(2);
const linksFile = args.includes('--links') ? args[args.indexOf('--links') + 1] : undefined;

let links: LinkReport | undefined;
if (linksFile) {
  try {
    links = JSON.parse(readFileSync(linksFile, 'utf8')) as LinkReport;
  } catch (error) {
    console.error(`Die Datei mit den Prüfergebnissen der Links ist nicht lesbar (${linksFile}): ${String(error)}`);
    process.exit(2);
  }
} else {
  links = await readLinkReportFromEnvironment();
}

const root = process.cwd();
// Internal links are judged against the last build (dist/); without one the report says they were not checked.
const input = gatherHealthInput(root, now(), { links, sitePaths: lastBuildPaths(root) });
// Entries waiting in Decap's workflow (GitHub with GITHUB_TOKEN, else the local cms/ branches).
const waiting = await gitWriter()
  .waiting()
  .catch(() => undefined);
const siteUrl = (input.content.settings?.website_url ?? '').replace(/\/$/, '');
// The newsletter's send records live in Blobs: read only where the environment provides them.
const newsletter =
  process.env.NETLIFY_BLOBS_CONTEXT && input.content.settings
    ? await buildNewsletterData(input.content, siteUrl || 'http://localhost:4321', root)
        .then((data) => readNewsletterActivity(data, now()))
        .catch(() => undefined)
    : undefined;
const report = withNewsletterActivity(withWaitingProposals(computeHealth(input), waiting, now()), newsletter, now());

if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
else if (args.includes('--markdown')) console.log(formatMarkdown(report, siteUrl));
else console.log(formatText(report, siteUrl));
process.exitCode = exitCode(report);
