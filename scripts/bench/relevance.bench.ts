/**
 * `npm run bench relevance`: the relevance suite's figures (pass@3, nDCG@5, noise@5,
 * zero-result queries) on the Lindenhöhe district for three searches in one run:
 *
 * 1. the finder's search as it is now (src/search),
 * 2. the finder's search before issue 20 (src/search at QN_SEARCH_BASELINE, default the
 *    commit this work started from), read from git into a temporary folder,
 * 3. MiniSearch 7.2 with the same German folding and number spelling, fuzzy (0.2) and
 *    prefix search, field boosts in the finder's order, and the same filters.
 *
 * Same data, same filters, same judgements. Prints the misses of each, so a regression
 * shows which query broke.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadContent } from '../../src/lib/load-content.ts';
import { isOfferPublished, todayIn } from '../../src/lib/publication.ts';
import { buildSearchData, type SearchData } from '../../src/search/data.ts';
import { compileFilters, type Filters } from '../../src/search/filters.ts';
import { createSearchIndex } from '../../src/search/inverted-index.ts';
import { STOPWORDS, words } from '../../src/search/normalize.ts';
import { search } from '../../src/search/query.ts';
import { DISTRICT_NOW, DISTRICT_ROOT, evaluate, formatFigures, formatMisses, loadJudgements, type Searcher } from './relevance/evaluate.ts';

const projectRoot = process.cwd();
const BASELINE = process.env.QN_SEARCH_BASELINE ?? '43975a1';
const now = new Date(DISTRICT_NOW);

const { content, problems } = loadContent(DISTRICT_ROOT);
if (problems.length) throw new Error(`district content has problems: ${JSON.stringify(problems, null, 2)}`);
const source = { ...content, offers: content.offers.filter((o) => isOfferPublished(o.data, todayIn(now))) };
const judgements = loadJudgements();

function current(): Searcher {
  const index = createSearchIndex(buildSearchData(source));
  return (q, filters) => search(index, q, filters, { now }).hits.map((h) => h.id);
}

/** The search module as it was at `ref`, copied out of git so it runs beside today's. */
async function baseline(ref: string): Promise<Searcher> {
  const root = mkdtempSync(join(tmpdir(), 'qn-search-baseline-'));
  try {
    const list = spawnSync('git', ['ls-tree', '-r', '--name-only', ref, 'src/search', 'src/lib/dates.ts'], { cwd: projectRoot, encoding: 'utf8' });
    if (list.status !== 0) throw new Error(`git ls-tree ${ref}: ${list.stderr}`);
    for (const file of list.stdout.split('\n').filter(Boolean)) {
      const shown = spawnSync('git', ['show', `${ref}:${file}`], { cwd: projectRoot, encoding: 'utf8' });
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), shown.stdout);
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'));
    const data = await import(join(root, 'src/search/data.ts'));
    const indexModule = await import(join(root, 'src/search/inverted-index.ts'));
    const query = await import(join(root, 'src/search/query.ts'));
    const index = indexModule.createSearchIndex(data.buildSearchData(source));
    return (q, filters) => query.search(index, q, filters, { now }).hits.map((h: { id: string }) => h.id);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** MiniSearch over the same records: folded texts, taxonomy phrases, language names; filters from the finder. */
function minisearch(data: SearchData): Searcher {
  const facetText = (table: SearchData['categories'], positions: number[]) => positions.flatMap((p) => [table[p].label, ...table[p].terms]).join(' ');
  const docs = data.offers.map((r, id) => ({
    id,
    t: r.t,
    k: r.k.join(' '),
    x: `${facetText(data.categories, r.c)} ${facetText(data.audiences, r.a)} ${facetText(data.languages, r.l)}`,
    s: r.s,
    b: r.b,
    o: r.p >= 0 ? facetText(data.providers, [r.p]) : '',
  }));
  const mini = new MiniSearch({
    fields: ['t', 'k', 'x', 's', 'b', 'o'],
    // The finder's own folding and number spelling, so that only matching and ranking differ.
    processTerm: (term) => (STOPWORDS.has(term) ? null : term),
    tokenize: (text) => words(text),
    searchOptions: { boost: { t: 10, k: 6, x: 4, s: 3, b: 1, o: 1 }, fuzzy: 0.2, prefix: true },
  });
  mini.addAll(docs);
  return (q, filters: Filters) => {
    const passes = compileFilters(data, filters, now);
    const filter = passes ? (result: { id: number }) => passes(data.offers[result.id]) : undefined;
    if (!q.trim()) return data.offers.filter((r) => !passes || passes(r)).map((r) => r.id);
    return mini.search(q, { filter }).map((result) => data.offers[result.id].id);
  };
}

const runs: [string, Searcher][] = [
  ['finder search now', current()],
  [`finder search before (${BASELINE})`, await baseline(BASELINE)],
  ['MiniSearch 7.2 (folding, fuzzy 0.2, prefix)', minisearch(buildSearchData(source))],
];

console.log(`Lindenhöhe district: ${source.offers.length} published offers from ${content.organisations.length} organisations, ${judgements.length} judged queries\n`);
const results = runs.map(([label, searcher]) => [label, evaluate(searcher, judgements)] as const);
// noise@5 leaves out empty answers; compared on the queries every search answers, it is like for like.
const answeredByAll = judgements.filter((_, i) => results.every(([, f]) => f.outcomes[i].total > 0));
for (const [label, figures] of results) {
  console.log(formatFigures(label, figures));
  const shared = figures.outcomes.filter((o) => answeredByAll.includes(o.judgement));
  console.log(`  noise@5 on the ${shared.length} queries all three answer: ${((shared.reduce((sum, o) => sum + (o.noise ?? 0), 0) / shared.length) * 100).toFixed(1)} %`);
  const classes = [...new Set(judgements.map((j) => j.class))];
  console.log(
    `  by class: ${classes
      .map((c) => {
        const of = figures.outcomes.filter((o) => o.judgement.class === c);
        return `${c} ${of.filter((o) => o.pass).length}/${of.length}`;
      })
      .join(', ')}`,
  );
  const misses = formatMisses(figures);
  if (misses.length) console.log(`  misses (first three hits, grade in brackets):\n${misses.join('\n')}`);
  console.log('');
}
