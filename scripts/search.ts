/**
 * `npm run search -- "<query>" [--lang <code>] [--kategorie <slug>] [--fuer <slug>] [--sprache <code>] [--json]`
 *
 * Searches the current content with exactly the code the finder page runs in the
 * browser: the same search data (published offers only, judged today in Europe/Berlin),
 * the same index and ranking. Prints slug, title and score per hit. `--lang tr` searches
 * the Turkish finder's data (translated texts first, German as well); German is the default.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { now as clockNow } from '../src/lib/clock.ts';
import { DEFAULT_LANG, isLanguage, LANGUAGES, type Language } from '../src/i18n/index.ts';
import { loadContent } from '../src/lib/load-content.ts';
import { isOfferPublished, todayIn } from '../src/lib/publication.ts';
import { buildSearchData, type SearchData } from '../src/search/data.ts';
import { URL_DAYS, validateFilters, type Filters } from '../src/search/filters.ts';
import { createSearchIndex } from '../src/search/inverted-index.ts';
import { search, type SearchResult } from '../src/search/query.ts';

const USAGE = `Aufruf: npm run search -- "<Suchwörter>" [Optionen]

Optionen:
  --lang <code>           so suchen wie der Finder in dieser Sprache der Website, z. B. tr
                          (Standard: de)
  --kategorie <kennung>   nur Angebote zu diesem Thema, z. B. sprache
  --fuer <kennung>        nur Angebote für diese Zielgruppe, z. B. eltern
  --sprache <code>        nur Angebote in dieser Sprache, z. B. tr
  --netzwerk <kennung>    nur Angebote aus diesem Netzwerk
  --anbieter <kennung>    nur Angebote dieser Organisation
  --tag <mo|di|mi|do|fr|sa|so>   nur Angebote an diesem Wochentag
  --kostenlos, --rollstuhl, --kinderbetreuung, --jetzt   nur kostenlose, rollstuhlgerechte,
                          mit Kinderbetreuung, jetzt geöffnete Angebote
  --limit <zahl>          höchstens so viele Treffer zeigen (Standard: 20, 0 = alle)
  --json                  Ergebnis als JSON ausgeben`;

const VALUE_OPTIONS = ['kategorie', 'fuer', 'sprache', 'netzwerk', 'anbieter', 'tag', 'limit'] as const;
const SWITCH_OPTIONS = ['kostenlos', 'rollstuhl', 'kinderbetreuung', 'jetzt'] as const;

export interface SearchArgs {
  query: string;
  /** The interface language whose finder data is searched. */
  lang: Language;
  filters: Filters;
  json: boolean;
  limit: number;
}

export class UsageError extends Error {}

export function parseSearchArgs(argv: readonly string[]): SearchArgs {
  const words: string[] = [];
  const filters: Filters = {};
  let json = false;
  let limit = 20;
  let lang: Language = DEFAULT_LANG;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (name === 'json') json = true;
    else if (name === 'help' || name === 'hilfe') throw new UsageError('');
    else if ((SWITCH_OPTIONS as readonly string[]).includes(name)) filters[name as (typeof SWITCH_OPTIONS)[number]] = true;
    else if (name === 'lang') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError('Nach --lang fehlt ein Wert.');
      if (!isLanguage(value)) throw new UsageError(`Die Sprache „${value}“ gibt es auf der Website nicht. Möglich sind: ${LANGUAGES.map((l) => l.code).join(', ')}.`);
      lang = value;
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`Nach --${name} fehlt ein Wert.`);
      if (name === 'limit') {
        limit = Number(value);
        if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit braucht eine ganze Zahl ab 0, nicht „${value}“.`);
      } else if (name === 'tag') {
        const day = URL_DAYS[value.toLowerCase()];
        if (!day) throw new UsageError(`Den Wochentag „${value}“ gibt es nicht. Möglich sind: ${Object.keys(URL_DAYS).join(', ')}.`);
        filters.tag = day;
      } else filters[name as 'kategorie'] = value;
    } else throw new UsageError(`Die Option „${arg}“ gibt es nicht.`);
  }
  return { query: words.join(' '), filters, json, limit, lang };
}

/**
 * The search data for the content under `root` as the build would write it on the day of
 * `now` for the finder in `lang` (`/angebote/suche.json`, `/tr/angebote/suche.json` …).
 */
export function searchDataFor(root: string, now: Date, lang: Language = DEFAULT_LANG): { data: SearchData; titles: Map<string, string>; problems: number } {
  const { content, problems } = loadContent(root);
  const today = todayIn(now);
  const offers = content.offers.filter((o) => isOfferPublished(o.data, today));
  const data = buildSearchData({ ...content, offers }, lang);
  const titleIn = (o: (typeof offers)[number]) => (lang === DEFAULT_LANG ? undefined : (o.data.translations as Record<string, { title?: string } | undefined> | undefined)?.[lang]?.title) ?? o.data.title;
  return { data, titles: new Map(offers.map((o) => [o.id, titleIn(o)])), problems: problems.length };
}

export interface SearchRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The whole command, without touching the process: what `main` prints and returns. */
export function runSearch(argv: readonly string[], options: { root?: string; now?: Date } = {}): SearchRun {
  let args: SearchArgs;
  try {
    args = parseSearchArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: error.message ? 2 : 0, stdout: error.message ? '' : `${USAGE}\n`, stderr: error.message ? `${error.message}\n\n${USAGE}\n` : '' };
    throw error;
  }
  const now = options.now ?? clockNow();
  const { data, titles, problems } = searchDataFor(options.root ?? process.cwd(), now, args.lang);
  const checked = validateFilters(data, args.filters);
  if (checked.problems.length) return { exitCode: 2, stdout: '', stderr: `${checked.problems.join('\n')}\n` };
  const warning = problems ? `Hinweis: ${problems} Problem(e) im Inhalt; betroffene Einträge fehlen in der Suche. Details: npm run check\n` : '';

  const result: SearchResult = search(createSearchIndex(data), args.query, args.filters, { now });
  const shown = args.limit === 0 ? result.hits : result.hits.slice(0, args.limit);
  if (args.json) {
    const payload = {
      query: args.query,
      lang: args.lang,
      filters: args.filters,
      words: result.words,
      ignored: result.ignored,
      total: result.hits.length,
      hits: shown.map((hit, i) => ({ rank: i + 1, slug: hit.id, title: titles.get(hit.id) ?? hit.id, score: hit.score, prescore: Number(hit.prescore.toFixed(3)) })),
    };
    return { exitCode: 0, stdout: `${JSON.stringify(payload, null, 2)}\n`, stderr: warning };
  }
  const lines: string[] = [];
  const what = args.query ? `„${args.query}“` : 'alle Angebote';
  lines.push(`${result.hits.length} Treffer für ${what}${Object.keys(args.filters).length ? ` (Filter: ${Object.entries(args.filters).map(([k, v]) => (v === true ? k : `${k}=${v}`)).join(', ')})` : ''}`);
  if (result.ignored.length) lines.push(`Nicht gefunden und übergangen: ${result.ignored.join(', ')}`);
  const width = Math.max(4, ...shown.map((h) => h.id.length));
  shown.forEach((hit, i) => {
    const score = hit.score === null ? '     –' : hit.score.toFixed(4);
    lines.push(`${String(i + 1).padStart(3)}. ${score}  ${hit.id.padEnd(width)}  ${titles.get(hit.id) ?? ''}`);
  });
  if (shown.length < result.hits.length) lines.push(`… und ${result.hits.length - shown.length} weitere (--limit 0 zeigt alle)`);
  if (result.hits.length === 0) lines.push('Keine Treffer. Versuchen Sie ein anderes Wort oder weniger Filter.');
  return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: warning };
}

function isMain(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const run = runSearch(process.argv.slice(2));
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  process.exitCode = run.exitCode;
}
