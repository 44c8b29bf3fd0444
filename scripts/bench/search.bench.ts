/**
 * The offer finder's budgets (issue 3): for 200, 2,000 and 20,000 offers (the sample's
 * published offers topped up with generated ones), the search data's size, the time to
 * load it, and query times over 50 fixed queries, side by side with fuse.js in its
 * default configuration and a plain substring scan. Then the finder page's transfer at
 * the sample size, built from a throwaway copy of the project.
 *
 * Targets: p95 ≤ 8 ms at 2,000 offers and ≤ 50 ms at 20,000 (Node, this machine);
 * finder page ≤ 60 KB gzip without the map.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import Fuse from 'fuse.js';
import { parse as parseYaml } from 'yaml';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished, todayIn } from '../../src/lib/publication.ts';
import { now } from '../../src/lib/clock.ts';
import { offerSchema } from '../../src/schema/index.ts';
import { buildSearchData, type SearchData, type SearchRecord } from '../../src/search/data.ts';
import { createSearchIndex } from '../../src/search/inverted-index.ts';
import { search } from '../../src/search/query.ts';
import { queryWords } from '../../src/search/units.ts';
import { generateOffers, makeScaledProject, removeProject } from '../lib/generate-offers.ts';

const projectRoot = process.cwd();

/** Typos, compounds, synonyms, other spellings, multi-word, place names, one miss, one half-typed word. */
const BENCH_QUERIES = [
  'deutsch', 'Deutschkurs', 'deutschkurs a1', 'Sprahckurs', 'Sprachkurs', 'kurs', 'Bewerbung', 'Bewerbng',
  'Bewerbungstraining', 'bewerbung lebenslauf', 'Lebenslauf schreiben', 'Anschreiben', 'Job', 'Jobbörse', 'jobboerse',
  'Arbeit finden', 'Ausbildung', 'Ausbildungsplatz', 'Azubi', 'Praktikum', 'Beratung', 'Beratung auf Türkisch',
  'Migrationsberatung arabisch', 'Schulden', 'Schuldnerbratung', 'Mietschulden', 'Kita', 'Kinderbetreuung',
  'Elterncafé mit Kinderbetreuung', 'Hausaufgabenhilfe', 'Hausaufgaben Hilfe', 'Nachhilfe', 'Computerkurs',
  'PC Kurs Internet', 'Nähwerkstatt', 'Naehen', 'Frauentreff', 'Alleinerziehende', 'Familie', 'Sprachcafe Brüningheide',
  'Sprickmannstrasse', 'Wohnungssuche', 'Gesundheit Arzt', 'Formular ausfüllen', 'Integrationskurs',
  'Flüchtlinge Beratung', 'Ukrainisch', 'Begegnung Frühstück', 'xylofon', 'de',
];

const SIZES = [200, 2_000, 20_000];

interface Timing {
  median: number;
  p95: number;
  /** p95 of the CPU time this process spent (user + system): what the query costs, without the waits a busy shared machine adds to wall-clock time. */
  cpuP95: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Every query `rounds` times after one warm-up round (if asked); median and p95 over all runs. */
function timeQueries(run: (query: string) => unknown, rounds: number, warmUp = true): Timing {
  if (warmUp) for (const query of BENCH_QUERIES) run(query);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of BENCH_QUERIES) {
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      run(query);
      const used = process.cpuUsage(cpuStart);
      times.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { median: percentile(times, 50), p95: percentile(times, 95), cpuP95: percentile(cpu, 95) };
}

function timeOnce<T>(fn: () => T, repeat: number): { ms: number; value: T } {
  let value = fn();
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    value = fn();
    runs.push(performance.now() - started);
  }
  return { ms: percentile(runs, 50), value };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

function dataForSize(size: number): SearchData {
  const { content } = loadContent(projectRoot);
  const today = todayIn(now());
  const published = content.offers.filter((o) => isOfferPublished(o.data, today));
  const refs = {
    organisations: content.organisations.map((o) => o.id),
    networks: content.networks.map((n) => n.id),
    categories: content.categories.map((c) => c.slug),
    audiences: content.audiences.map((a) => a.slug),
  };
  const generated = generateOffers(Math.max(0, size - published.length), refs).map((offer) => {
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(offer.text);
    if (!match) throw new Error(`generated offer ${offer.id} has no front matter`);
    return { id: offer.id, data: offerSchema.parse(parseYaml(match[1])), body: match[2] };
  });
  return buildSearchData({ ...content, offers: [...published, ...generated].slice(0, size) });
}

/** The floor: every query word must occur somewhere in the offer's folded text; no ranking. */
function linearScan(records: SearchRecord[]) {
  const texts = records.map((r) => `${r.t} ${r.k.join(' ')} ${r.s} ${r.b}`);
  return (query: string) => {
    const words = queryWords(query);
    return texts.filter((text) => words.every((w) => text.includes(w)));
  };
}

const FUSE_DEFAULT_KEYS = ['t', 'k', 's', 'b'];

function benchSize(size: number) {
  const data = dataForSize(size);
  const json = JSON.stringify(data);
  const raw = Buffer.byteLength(json);
  const gzip = gzipSync(json).length;
  const load = timeOnce(() => createSearchIndex(JSON.parse(json) as SearchData), size >= 20_000 ? 3 : 7);
  const index = load.value;
  const rounds = size >= 20_000 ? 5 : 10;
  const ours = timeQueries((q) => search(index, q), rounds);

  // (a) fuse.js defaults over the same records, index built on load (no prebuilt index).
  const fuseLoad = timeOnce(() => new Fuse((JSON.parse(json) as SearchData).offers, { keys: FUSE_DEFAULT_KEYS }), size >= 20_000 ? 1 : 3);
  const fuse = fuseLoad.value;
  // At 20,000 one round takes about a minute: measured cold, once.
  const fuseTimes = timeQueries((q) => fuse.search(q), size >= 20_000 ? 1 : 2, size < 20_000);
  // For comparison: what a serialised fuse.js index of the same keys would weigh and cost to parse.
  const serialised = JSON.stringify(Fuse.createIndex(FUSE_DEFAULT_KEYS, data.offers).toJSON());
  const serialisedParse = timeOnce(() => Fuse.parseIndex(JSON.parse(serialised)), 3);

  // (b) linear substring scan.
  const scanLoad = timeOnce(() => linearScan((JSON.parse(json) as SearchData).offers), 3);
  const scan = scanLoad.value;
  const scanTimes = timeQueries(scan, rounds);

  return {
    size,
    rows: [
      ['finder (index + weighted ranking)', kb(raw), kb(gzip), ms(load.ms), ms(ours.median), ms(ours.p95), ms(ours.cpuP95)],
      ['(a) fuse.js defaults, no prebuilt index', kb(raw), kb(gzip), ms(fuseLoad.ms), ms(fuseTimes.median), ms(fuseTimes.p95), ms(fuseTimes.cpuP95)],
      ['    serialised fuse.js index (size, parse)', kb(Buffer.byteLength(serialised)), kb(gzipSync(serialised).length), ms(serialisedParse.ms), '', '', ''],
      ['(b) linear substring scan (floor)', kb(raw), kb(gzip), ms(scanLoad.ms), ms(scanTimes.median), ms(scanTimes.p95), ms(scanTimes.cpuP95)],
    ],
    p95: ours.p95,
    cpuP95: ours.cpuP95,
    hits: Object.fromEntries(['Deutschkurs', 'Bewerbng', 'Beratung auf Türkisch'].map((q) => [q, [search(index, q).hits.length, fuse.search(q).length, scan(q).length]])),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  return rows.map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ')).join('\n');
}

/** JS files a module pulls in before it runs (static imports), and those it loads on demand. */
function jsClosure(dist: string, entry: string) {
  const statics = new Set<string>();
  const dynamics = new Set<string>();
  const visit = (file: string) => {
    if (statics.has(file)) return;
    statics.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) visit(join(dirname(file), m[1]));
    for (const m of code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) dynamics.add(join(dirname(file), m[1]));
  };
  visit(join(dist, entry));
  return { statics, dynamics: [...dynamics].filter((d) => !statics.has(d)) };
}

function onDemandClosure(files: string[], loaded: Set<string>) {
  const all = new Set<string>();
  const visit = (file: string) => {
    if (all.has(file) || loaded.has(file) || !existsSync(file)) return;
    all.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) visit(join(dirname(file), m[1]));
  };
  files.forEach(visit);
  return [...all];
}

function pageTransfer() {
  const root = makeScaledProject(projectRoot, 0);
  try {
    // This Node (24), not whatever `node` the astro launcher would find on PATH.
    const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}\n${result.stdout}`);
    const dist = join(root, 'dist');
    const html = readFileSync(join(dist, 'angebote/index.html'), 'utf8');
    const gz = (file: string) => gzipSync(readFileSync(file)).length;
    const rows: string[][] = [['file', 'raw', 'gzip']];
    let total = 0;
    const add = (label: string, file: string) => {
      const size = gz(file);
      total += size;
      rows.push([label, kb(readFileSync(file).length), kb(size)]);
    };
    add('angebote/index.html', join(dist, 'angebote/index.html'));
    for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) add(m[1], join(dist, m[1]));
    const loaded = new Set<string>();
    const onDemand: string[] = [];
    for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
      const { statics, dynamics } = jsClosure(dist, m[1]);
      for (const file of statics) {
        if (loaded.has(file)) continue;
        loaded.add(file);
        add(file.slice(dist.length), file);
      }
      onDemand.push(...dynamics);
    }
    add('angebote/suche.json (fetched when the finder is used)', join(dist, 'angebote/suche.json'));
    rows.push(['total without map', '', kb(total)]);
    const lazy = onDemandClosure(onDemand, loaded);
    const cssOnDemand = lazy.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/["'`]([^"'`]*_astro\/[^"'`]+\.css)["'`]/g)].map((m) => join(dist, m[1].replace(/^\//, ''))));
    let lazyTotal = 0;
    for (const file of [...lazy, ...new Set(cssOnDemand)].filter(existsSync)) {
      const size = gz(file);
      lazyTotal += size;
      rows.push([`on demand: ${file.slice(dist.length)}`, kb(readFileSync(file).length), kb(size)]);
    }
    rows.push(['on demand total (map, print)', '', kb(lazyTotal)]);
    return { rows, total };
  } finally {
    removeProject(root);
  }
}

const header = ['variant', 'data raw', 'data gzip', 'load+parse', 'median', 'p95', 'p95 cpu'];
for (const size of SIZES) {
  const result = benchSize(size);
  console.log(`\n${size.toLocaleString('en')} offers (${BENCH_QUERIES.length} queries)`);
  console.log(table([header, ...result.rows]));
  console.log(`hits (finder / fuse defaults / scan): ${Object.entries(result.hits).map(([q, h]) => `${q}: ${h.join('/')}`).join('; ')}`);
  const target = size === 2_000 ? 8 : size === 20_000 ? 50 : undefined;
  if (target) console.log(`target p95 ≤ ${target} ms: ${result.p95 <= target ? 'met' : 'MISSED'} (wall ${ms(result.p95)}, cpu ${ms(result.cpuP95)}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
}

if (process.env.QN_BENCH_SKIP_PAGE) process.exit(0);
console.log('\nfinder page transfer at the sample size (gzip, each file as sent):');
const transfer = pageTransfer();
console.log(table(transfer.rows));
console.log(`target ≤ 60 KB without the map: ${transfer.total <= 60 * 1024 ? 'met' : 'MISSED'} (${kb(transfer.total)})`);
