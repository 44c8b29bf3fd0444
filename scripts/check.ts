/**
 * `npm run check`: validates all content without building and prints every problem,
 * each with file, field, what is wrong and what to do. Exit 1 on any problem.
 * `--json` prints the problems as JSON (for the pull-request check); `--markdown` prints
 * them for a GitHub check summary (.github/workflows/content-check.yml).
 */
import { loadContent } from '../src/lib/load-content.ts';
import { formatProblem } from '../src/schema/problems.ts';
import { formatProblemsMarkdown } from '../src/lib/health/problems-markdown.ts';

const started = performance.now();
const { content, problems } = loadContent(process.cwd());
const elapsed = Math.round(performance.now() - started);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ok: problems.length === 0, problems }, null, 2));
} else if (process.argv.includes('--markdown')) {
  const entries = content.offers.length + content.organisations.length + content.networks.length + content.meetings.length + content.news.length + content.pages.length;
  console.log(formatProblemsMarkdown(problems, entries));
} else if (problems.length === 0) {
  const count =
    content.offers.length + content.organisations.length + content.networks.length + content.meetings.length + content.news.length + content.pages.length;
  console.log(`Alles in Ordnung: ${count} Einträge geprüft, keine Probleme (${elapsed} ms).`);
} else {
  console.error(`${problems.length} ${problems.length === 1 ? 'Problem' : 'Probleme'} gefunden:\n`);
  for (const problem of problems) console.error(`- ${formatProblem(problem)}`);
  console.error('\nBitte beheben Sie diese Punkte. Danach erneut prüfen mit: npm run check');
}
process.exitCode = problems.length === 0 ? 0 : 1;
