/**
 * `npm run audit [-- --runs N]`: Lighthouse (mobile settings, Debian's Chromium) on the home
 * page, the finder and an offer page of the built site, served on loopback as Netlify's CDN
 * would serve it (the headers of dist/_headers, text files gzip-compressed). Each page is
 * measured N times (default 3) and judged on Lighthouse's median run, because the
 * performance score of one run moves with the machine's load; the table shows that run's
 * four category scores, the load average before each page and every run's performance
 * score. Below it: the audits that cost points, and the finder's first-visit transfer
 * per language against its budget (scripts/lib/finder-transfer.ts). Exit code 1 when a
 * target or the budget is missed.
 *
 * Not part of `npm test`: Lighthouse takes about 12 s a run. Run `npm run build` first.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { computeMedianRun, filterToValidRuns } from 'lighthouse/core/lib/median-run.js';
import * as chromeLauncher from 'chrome-launcher';
import { headersFor, parseHeadersFile } from '../src/lib/headers-file.ts';
import { serveSite } from '../tests/helpers/static-server.ts';
import { FINDER_TRANSFER_BUDGET, finderTransfer, formatTransfer } from './lib/finder-transfer.ts';

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const DIST = process.env.QN_DIST ?? 'dist';
// Issue 14: 100 in all four categories on a mobile profile (the finder was 97).
const TARGETS: Record<string, number> = { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 };
const CATEGORIES = Object.keys(TARGETS);
// The metrics behind the performance score, shown for the median run.
const METRICS: [string, string][] = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];

function firstOffer(): string {
  const offer = readdirSync(join(DIST, 'angebote'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['kategorie', 'fuer'].includes(e.name) && existsSync(join(DIST, 'angebote', e.name, 'index.html')))
    .map((e) => e.name)
    .sort()[0];
  if (!offer) throw new Error(`${DIST}/angebote/ holds no offer page`);
  return `/angebote/${offer}/`;
}

const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

/** The audits that cost `category` points in `lhr`. */
function lostPoints(lhr: Result, category: string): string[] {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
    .map((ref) => `    - ${ref.id}: ${lhr.audits[ref.id].title} (${lhr.audits[ref.id].displayValue ?? `score ${lhr.audits[ref.id].score}`})`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs wants a whole number of at least 1, not "${values.runs}".`);
    return 2;
  }
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, '_headers'))) {
    console.error(`No built site in ${DIST}/ (or no _headers in it). Run \`npm run build\` first.`);
    return 2;
  }
  const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
  const server = await serveSite({ root: DIST, headers: (path) => headersFor(rules, path), compress: true });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const pages = [
    ['home', '/'],
    ['finder', '/angebote/'],
    ['offer', firstOffer()],
  ];
  let missed = 0;
  try {
    console.log(`Lighthouse mobile on ${server.url}, gzip as on Netlify, median of ${runs} run(s) per page`);
    console.log(`targets: ${CATEGORIES.map((c) => `${c} ${TARGETS[c]}`).join(', ')}\n`);
    console.log(`${'page'.padEnd(7)}${'path'.padEnd(34)}${CATEGORIES.map((c) => c.padStart(15)).join('')}  ${'load 1/5/15 min'.padEnd(16)}  performance of each run`);
    const notes: string[] = [];
    const remade: string[] = [];
    const metrics: string[] = [];
    for (const [name, path] of pages) {
      const loadBefore = load();
      const results: Result[] = [];
      // A run the page could not be measured in (Lighthouse's NO_FCP or NO_NAVSTART under
      // heavy load) is named, not counted, and made up for by one more, up to twice the runs.
      let valid: Result[] = [];
      for (let attempt = 0; valid.length < runs && attempt < runs * 2; attempt++) {
        const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
        if (!result?.lhr) throw new Error(`Lighthouse returned nothing for ${path}`);
        results.push(result.lhr);
        valid = filterToValidRuns(results) as Result[];
      }
      for (const run of results.filter((r) => !valid.includes(r))) remade.push(`${name}: one run measured nothing (${run.runtimeError?.code ?? 'no FCP or TTI'}); another one made up for it`);
      if (!valid.length) throw new Error(`Lighthouse measured no run of ${path}: ${results.map((r) => r.runtimeError?.message ?? '?').join('; ')}`);
      const median = computeMedianRun(valid) as Result;
      const scores = CATEGORIES.map((c) => score(median, c));
      const spread = results.map((r) => (valid.includes(r) ? score(r, 'performance') : '–')).join(' ');
      console.log(`${name.padEnd(7)}${path.padEnd(34)}${scores.map((s) => String(s).padStart(15)).join('')}  ${loadBefore.padEnd(16)}  ${spread}`);
      metrics.push(`${name.padEnd(7)}${METRICS.map(([id, label]) => `${label} ${median.audits[id]?.displayValue ?? '?'}`).join(', ')}`);
      CATEGORIES.forEach((category, i) => {
        if (scores[i] >= TARGETS[category]) return;
        missed++;
        notes.push(`${name} ${category} ${scores[i]} < ${TARGETS[category]}:\n${lostPoints(median, category).join('\n')}`);
      });
    }
    console.log(`\nmedian run's metrics:\n${metrics.join('\n')}`);
    if (remade.length) console.log(`\n${remade.join('\n')}`);
    if (notes.length) console.log(`\nBelow target:\n${notes.join('\n')}`);
    else console.log('\nAll pages meet every target.');
  } finally {
    chrome.kill();
    await server.close();
  }
  const transfer = finderTransfer(DIST);
  console.log(`\nfinder's first visit (gzip; search data and the service worker's precache included):\n${formatTransfer(transfer)}`);
  missed += transfer.filter((row) => row.total > FINDER_TRANSFER_BUDGET).length;
  return missed ? 1 : 0;
}

process.exitCode = await main();
