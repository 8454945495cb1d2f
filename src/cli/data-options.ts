/**
 * The data flags `ncssl simulate` and `ncssl export` share: `--data synthetic|iris|FILE.csv` and,
 * for table data, the augmentation `--noise`, `--mask`, `--scale` as exact rationals (the data's
 * moments are derived from them exactly, src/experiments/data.ts).
 *
 * Example: `dataChoice({ data: 'iris', noise: '1/10' }, io).augmentation.noise === '1/10'`.
 */
import { Rational } from '../exact/rational.js';
import type { Job } from '../experiments/job.js';
import { type CommandValues, type FileAccess, UsageError, filePath } from './command.js';

function rationalOption(value: string | boolean | undefined, flag: string, fallback: string, ok: (r: Rational) => boolean, expected: string): string {
  if (value === undefined) return fallback;
  const r = typeof value === 'string' ? Rational.parse(value.trim()) : null;
  if (r === null || !ok(r)) throw new UsageError(`--${flag}: expected ${expected}, got ${JSON.stringify(value)}`);
  return String(r);
}

/** Where a job's view pairs come from, as the flags say. */
export type DataChoice = Pick<Job, 'data' | 'dataShownAs' | 'augmentation'> & { isTable: boolean };

export function dataChoice(values: CommandValues, at: FileAccess): DataChoice {
  const dataName = typeof values.data === 'string' ? values.data : values.data === undefined ? 'synthetic' : '';
  if (dataName === '') throw new UsageError('--data: expected synthetic, iris or a CSV file');
  const isTable = dataName !== 'synthetic';
  for (const flag of ['noise', 'mask', 'scale'] as const) {
    if (!isTable && values[flag] !== undefined) throw new UsageError(`--${flag}: only applies to table data (--data iris or FILE.csv); synthetic views have the spec's moments`);
  }
  return {
    data: isTable && dataName !== 'iris' ? filePath(at, dataName) : dataName,
    dataShownAs: dataName,
    isTable,
    augmentation: {
      noise: rationalOption(values.noise, 'noise', '1/4', (r) => r.sign() >= 0, 'a number >= 0 (a decimal or a fraction)'),
      mask: rationalOption(values.mask, 'mask', '0', (r) => r.sign() >= 0 && r.compare(Rational.ONE) < 0, 'a number in [0, 1)'),
      scale: rationalOption(values.scale, 'scale', '0', (r) => r.sign() >= 0 && r.compare(Rational.ONE) <= 0, 'a number in [0, 1]'),
    },
  };
}
