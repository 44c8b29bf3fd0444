/**
 * `npm run import -- organisations <file.csv>` / `offers <file.csv>` / `hsds <file.json>`:
 * brings a district's existing data into content/ through the same schemas as the CMS.
 * CSV as spreadsheets export it (UTF-8 or Windows-1252; comma, semicolon or tab; a header
 * row with German or English column names: see docs/import/). Every bad row is named with
 * its row number as the spreadsheet shows it, the column and what to do; nothing is written
 * unless every row is valid. Options: --skip-invalid writes the valid rows and lists the
 * rest; --update overwrites entries that exist (keeping what the file does not carry).
 */
import { readFileSync } from 'node:fs';
import { readCsv } from '../src/lib/import/csv.ts';
import { columnFor, COLUMNS, type ImportKind } from '../src/lib/import/columns.ts';
import { hsdsRows } from '../src/lib/import/hsds.ts';
import { runImport, slugFor, type ImportResult, type ImportRow, type RowProblem } from '../src/lib/import/run.ts';
import { berlinDate } from '../src/lib/dates.ts';
import { now } from '../src/lib/clock.ts';

const USAGE = 'Aufruf: npm run import -- organisations|offers <datei.csv> [--skip-invalid] [--update]\n       npm run import -- hsds <datei.json> [--update]';
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [kind, file] = args.filter((a) => !a.startsWith('--'));
const root = process.cwd();
const today = berlinDate(now());
const common = { root, today, skipInvalid: flags.has('--skip-invalid'), update: flags.has('--update') };

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const LABEL: Record<ImportKind, [string, string]> = { organisations: ['Organisation', 'Organisationen'], offers: ['Angebot', 'Angebote'] };

function report(kindOf: ImportKind, result: ImportResult, rowWord = 'Zeile') {
  const [one, many] = LABEL[kindOf];
  const list = (problems: RowProblem[]) => problems.map((p) => `- ${rowWord} ${p.row}, Spalte „${p.column}“: ${p.message}`).join('\n');
  if (result.refused) {
    const rows = new Set(result.problems.map((p) => p.row)).size;
    console.error(`${many}: ${rows === 1 ? 'eine Zeile ist' : `${rows} Zeilen sind`} fehlerhaft, deshalb wurde nichts geschrieben:\n${list(result.problems)}\n\nBitte in der Tabelle korrigieren und erneut importieren (oder mit --skip-invalid nur die gültigen Zeilen übernehmen).`);
    return;
  }
  const written = result.written.length + result.updated.length;
  console.log(`${many}: ${result.written.length} neu, ${result.updated.length} aktualisiert.${written ? `\n${[...result.written, ...result.updated].map((f) => `  ${f}`).join('\n')}` : ''}`);
  if (result.problems.length) console.error(`Nicht übernommen (${new Set(result.problems.map((p) => p.row)).size} Zeilen):\n${list(result.problems)}`);
  if (written === 1) console.log(`Ein ${one} ist jetzt in content/. Prüfen mit: npm run check`);
}

if (!kind || !file) fail(USAGE);
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch {
  fail(`Die Datei „${file}“ gibt es nicht oder sie ist nicht lesbar.`);
}

if (kind === 'organisations' || kind === 'offers') {
  const table = readCsv(bytes);
  const headerOf: Record<string, string> = {};
  const unknown: string[] = [];
  const keyOfHeader = new Map<string, string>();
  for (const header of table.header) {
    const column = columnFor(kind, header);
    if (!column) unknown.push(header);
    else if (!headerOf[column.key]) {
      headerOf[column.key] = header;
      keyOfHeader.set(header, column.key);
    }
  }
  if (unknown.length) {
    fail(
      `Zeile 1: ${unknown.map((h) => `Spalte „${h}“`).join(', ')} ${unknown.length === 1 ? 'ist' : 'sind'} unbekannt, deshalb wurde nichts geschrieben. Bekannte Spalten: ${COLUMNS[kind].map((c) => c.names[0]).join(', ')}. Bitte umbenennen oder löschen (Vorlage: docs/import/${kind === 'offers' ? 'angebote' : 'organisationen'}.csv).`,
    );
  }
  const rows: ImportRow[] = table.rows.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(Object.entries(cells).flatMap(([header, value]) => (keyOfHeader.has(header) ? [[keyOfHeader.get(header)!, value]] : []))),
  }));
  console.log(`${file}: ${rows.length} Zeilen (${table.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}, getrennt durch „${table.delimiter === '\t' ? 'Tab' : table.delimiter}“).`);
  const result = runImport({ ...common, kind, rows, headerOf });
  report(kind, result);
  process.exitCode = result.refused || result.problems.length ? 1 : 0;
} else if (kind === 'hsds') {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    fail(`${file} ist kein gültiges JSON (${(error as Error).message}).`);
  }
  const rows = hsdsRows(json);
  const extraOrganisations = rows.organisations.map((r) => ({ slug: slugFor(r.cells.name ?? ''), names: [r.cells.name ?? ''] }));
  const orgOptions = { ...common, kind: 'organisations' as const, rows: rows.organisations, headerOf: rows.organisationHeaders, skipExisting: true };
  const offerOptions = { ...common, kind: 'offers' as const, rows: rows.offers, headerOf: rows.offerHeaders, extraOrganisations };
  // Both checked before either is written: all or nothing across organisations and offers.
  const dryOrgs = runImport({ ...orgOptions, dryRun: true });
  const dryOffers = runImport({ ...offerOptions, dryRun: true });
  if (dryOrgs.refused || dryOffers.refused) {
    if (dryOrgs.problems.length) report('organisations', { ...dryOrgs, refused: true }, 'Eintrag');
    if (dryOffers.problems.length) report('offers', { ...dryOffers, refused: true }, 'Eintrag');
    process.exitCode = 1;
  } else {
    const orgs = runImport(orgOptions);
    report('organisations', orgs, 'Eintrag');
    const offers = runImport(offerOptions);
    report('offers', offers, 'Eintrag');
    process.exitCode = orgs.refused || offers.refused || orgs.problems.length || offers.problems.length ? 1 : 0;
  }
} else fail(USAGE);
