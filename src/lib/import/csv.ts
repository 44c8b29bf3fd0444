/**
 * Reads a CSV file as spreadsheets export it: UTF-8 (with or without BOM) or, when the
 * bytes are not valid UTF-8, Windows-1252 (Excel's "CSV" on German Windows); comma,
 * semicolon or tab as separator, guessed from the header row. Rows are numbered as the
 * spreadsheet shows them: the header is row 1.
 */
import { parse } from 'csv-parse/sync';

export interface CsvTable {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string;
  header: string[];
  /** Data rows with their spreadsheet row number (first data row = 2). */
  rows: { row: number; cells: Record<string, string> }[];
}

export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The separator that splits the header row into the most cells (quotes respected). */
export function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

export function readCsv(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const delimiter = guessDelimiter(text);
  const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true, bom: true }) as string[][];
  const [header = [], ...data] = records;
  const rows = data
    .map((cells, index) => ({ row: index + 2, cells: Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])) }))
    .filter(({ cells }) => Object.values(cells).some((value) => value !== ''));
  return { encoding, delimiter, header, rows };
}
