/**
 * The relevance suite's arithmetic: a district of real content files, queries judged
 * beforehand (tests/fixtures/relevance-district/queries.yml), and the figures a search
 * earns on them. Shared by the suite (tests/search/relevance-district.test.ts), which
 * fails below thresholds, and `npm run bench relevance`, which puts today's search,
 * the search before issue 20 and MiniSearch side by side.
 *
 * - pass@3: a query passes when an offer judged 2 ("exactly what was asked") is among
 *   the first three hits.
 * - nDCG@5: graded gain (2 or 1) of the first five hits, discounted by log2(rank + 1),
 *   divided by the best order the judgements allow.
 * - noise@5: share of the first five hits that nobody judged relevant, averaged over
 *   the queries that found anything.
 * - zero results: queries answered with nothing although every query has a fitting offer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Filters } from '../../../src/search/filters.ts';

export const DISTRICT_ROOT = join(import.meta.dirname, '../../../tests/fixtures/relevance-district');

/** The day the district is searched on: its summer course has ended by then, and stays out. */
export const DISTRICT_NOW = '2026-11-21T10:00:00+01:00';

export interface Judgement {
  q: string;
  class: string;
  filters?: Filters;
  /** slug → 2 (exact) or 1 (acceptable). */
  relevant: Record<string, 1 | 2>;
}

export function loadJudgements(root = DISTRICT_ROOT): Judgement[] {
  const raw = parseYaml(readFileSync(join(root, 'queries.yml'), 'utf8')) as Judgement[];
  return raw.map((j) => ({ ...j, q: String(j.q ?? ''), filters: j.filters ?? {} }));
}

/** Ranked offer slugs for a query and filters: what every compared search must provide. */
export type Searcher = (query: string, filters: Filters) => string[];

export interface QueryOutcome {
  judgement: Judgement;
  top: string[];
  total: number;
  pass: boolean;
  ndcg: number;
  noise: number | undefined;
}

export interface Figures {
  queries: number;
  passed: number;
  ndcg: number;
  noise: number;
  zero: number;
  outcomes: QueryOutcome[];
}

function dcg(gains: number[]): number {
  return gains.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
}

export function judge(judgement: Judgement, ranked: string[]): QueryOutcome {
  const top = ranked.slice(0, 5);
  const grade = (slug: string): number => judgement.relevant[slug] ?? 0;
  const ideal = Object.values(judgement.relevant)
    .sort((a, b) => b - a)
    .slice(0, 5);
  return {
    judgement,
    top,
    total: ranked.length,
    pass: ranked.slice(0, 3).some((slug) => judgement.relevant[slug] === 2),
    ndcg: dcg(top.map(grade)) / dcg(ideal),
    noise: top.length ? top.filter((slug) => grade(slug) === 0).length / top.length : undefined,
  };
}

export function evaluate(searcher: Searcher, judgements: Judgement[]): Figures {
  const outcomes = judgements.map((j) => judge(j, searcher(j.q, j.filters ?? {})));
  const withHits = outcomes.filter((o) => o.noise !== undefined);
  return {
    queries: outcomes.length,
    passed: outcomes.filter((o) => o.pass).length,
    ndcg: outcomes.reduce((sum, o) => sum + o.ndcg, 0) / outcomes.length,
    noise: withHits.reduce((sum, o) => sum + (o.noise ?? 0), 0) / Math.max(1, withHits.length),
    zero: outcomes.filter((o) => o.total === 0).length,
    outcomes,
  };
}

export function formatFigures(label: string, f: Figures): string {
  return `${label}: pass@3 ${f.passed}/${f.queries}, nDCG@5 ${f.ndcg.toFixed(3)}, noise@5 ${(f.noise * 100).toFixed(1)} %, zero results ${f.zero}`;
}

/** One line per query that missed: what was asked, what came first. */
export function formatMisses(f: Figures): string[] {
  return f.outcomes
    .filter((o) => !o.pass)
    .map((o) => {
      const filters = Object.entries(o.judgement.filters ?? {}).map(([k, v]) => (v === true ? k : `${k}=${v}`));
      const shown = o.top.slice(0, 3).map((slug) => `${slug}(${o.judgement.relevant[slug] ?? 0})`);
      return `  [${o.judgement.class}] „${o.judgement.q}“${filters.length ? ` +${filters.join(',')}` : ''} → ${o.total ? shown.join(', ') : 'nichts'}`;
    });
}
