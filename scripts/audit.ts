/**
 * `npm run audit`: Lighthouse (mobile settings, Debian's Chromium) on the home page, the
 * finder and an offer page of the built site, served on loopback with the headers Netlify
 * would send (dist/_headers). Prints the four category scores per page and, for any score
 * under its target, the audits that cost points. Exit code 1 when a target is missed.
 *
 * Not part of `npm test`: Lighthouse takes about 12 s a page and its performance score
 * depends on the machine's load. Run `npm run build` first (the script says so).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { headersFor, parseHeadersFile } from '../src/lib/headers-file.ts';
import { serveSite } from '../tests/helpers/static-server.ts';

const DIST = process.env.QN_DIST ?? 'dist';
// Issue 14: 100 in all four categories on a mobile profile (the finder was 97).
const TARGETS: Record<string, number> = { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 };
const CATEGORIES = Object.keys(TARGETS);

function firstOffer(): string {
  const offer = readdirSync(join(DIST, 'angebote'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['kategorie', 'fuer'].includes(e.name) && existsSync(join(DIST, 'angebote', e.name, 'index.html')))
    .map((e) => e.name)
    .sort()[0];
  if (!offer) throw new Error(`${DIST}/angebote/ holds no offer page`);
  return `/angebote/${offer}/`;
}

async function main(): Promise<number> {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, '_headers'))) {
    console.error(`No built site in ${DIST}/ (or no _headers in it). Run \`npm run build\` first.`);
    return 2;
  }
  const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
  const server = await serveSite({ root: DIST, headers: (path) => headersFor(rules, path) });
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
    console.log(`Lighthouse ${'mobile'} on ${server.url} (targets: ${CATEGORIES.map((c) => `${c} ${TARGETS[c]}`).join(', ')})\n`);
    console.log(`${'page'.padEnd(8)} ${'path'.padEnd(34)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
    const notes: string[] = [];
    for (const [name, path] of pages) {
      const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${path}`);
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
      console.log(`${name.padEnd(8)} ${path.padEnd(34)} ${scores.map((s) => String(s).padStart(15)).join('')}`);
      CATEGORIES.forEach((category, i) => {
        if (scores[i] >= TARGETS[category]) return;
        missed++;
        const lost = lhr.categories[category].auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
          .map((ref) => `    - ${ref.id}: ${lhr.audits[ref.id].title} (${lhr.audits[ref.id].displayValue ?? `score ${lhr.audits[ref.id].score}`})`);
        notes.push(`${name} ${category} ${scores[i]} < ${TARGETS[category]}:\n${lost.join('\n')}`);
      });
    }
    if (notes.length) console.log(`\nBelow target:\n${notes.join('\n')}`);
    else console.log('\nAll pages meet every target.');
  } finally {
    chrome.kill();
    await server.close();
  }
  return missed ? 1 : 0;
}

process.exitCode = await main();
