/**
 * `npm run report -- <year>`: the yearly report for the city's advisory board, the year
 * asked beside the year before. `--json` prints the figures as JSON.
 * Without a year: the current year so far. Version history (git) and the newsletter's
 * Blobs stores are used when available; what they would add is otherwise named.
 */
import { now } from '../src/lib/clock.ts';
import { berlinDate } from '../src/lib/dates.ts';
import { loadContent } from '../src/lib/load-content.ts';
import { computeYearlyReport } from '../src/lib/report/yearly.ts';
import { formatYearlyText } from '../src/lib/report/format.ts';
import { yearHistory } from '../src/lib/report/git-history.ts';
import { readNewsletterRecords } from '../src/lib/report/newsletter-source.ts';
import { formatProblem } from '../src/schema/problems.ts';

const args = process.argv.slice(2);
const instant = now();
const yearArg = args.find((a) => !a.startsWith('--'));
const year = yearArg === undefined ? Number(berlinDate(instant).slice(0, 4)) : Number(yearArg);
if (!Number.isInteger(year) || year < 2000 || year > 2100) {
  console.error(`„${yearArg}“ ist kein Jahr. Aufruf: npm run report -- 2026`);
  process.exit(2);
}

const root = process.cwd();
const { content, problems } = loadContent(root);
if (problems.length) {
  console.error(`Achtung: ${problems.length} Einträge sind fehlerhaft und fehlen in den Zahlen (Details: npm run check).`);
  for (const p of problems.slice(0, 5)) console.error(`- ${formatProblem(p)}`);
}
const current = yearHistory(root, year);
const previous = yearHistory(root, year - 1);
const report = computeYearlyReport({
  content,
  year,
  now: instant,
  history: current && previous ? { [year]: current, [year - 1]: previous } : undefined,
  newsletter: await readNewsletterRecords(),
});

console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatYearlyText(report, content.settings?.title));
