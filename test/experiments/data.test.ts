/**
 * The data sources against their exact moments: the empirical moments of many sampled pairs
 * approach the rationals that the symbolic analyses receive (synthetic Gaussian views from a
 * spec's moments; augmented views of a table), the iris table is standardised, and a CSV file is
 * read or refused with one line naming the line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { type ViewData, floatMatrix, syntheticData, tableData } from '../../src/experiments/data.js';
import { csvTable, irisTable } from '../../src/experiments/tables.js';
import { seededRandom } from '../../src/numeric/random.js';
import { randomModel } from '../helpers/models.js';

/** Mean of x1 x1ᵀ, x2 x2ᵀ, x1 x2ᵀ over n sampled pairs. */
function empirical(data: ViewData, n: number) {
  const p = data.p;
  const x1 = new Float64Array(n * p);
  const x2 = new Float64Array(n * p);
  data.sample(seededRandom(2), n, x1, x2);
  const mean = (u: Float64Array, v: Float64Array) =>
    Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += u[k * p + i]! * v[k * p + j]!;
      return s / n;
    }));
  return { sigma1: mean(x1, x1), sigma2: mean(x2, x2), sigma12: mean(x1, x2) };
}

function expectClose(got: number[][], want: number[][], tolerance: number) {
  got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i]![j]!)).toBeLessThan(tolerance)));
}

describe('data for the loop', () => {
  it("synthetic views have the spec's moments, asymmetric ones too", () => {
    const model = randomModel({ p: 3, q: 2, seed: 7, asymmetric: true });
    const data = syntheticData(model);
    const got = empirical(data, 200_000);
    const scale = Math.max(...model.moments.sigma1.flat().map((r) => Math.abs(r.toNumber())));
    for (const key of ['sigma1', 'sigma2', 'sigma12'] as const) expectClose(got[key], floatMatrix(model.moments[key]), 0.03 * scale);
  });

  it('augmented views of a table (noise, mask, scale) have the exact moments given for them', () => {
    const table = irisTable();
    const data = tableData('iris', table, { noise: q(1, 4), mask: q(1, 5), scale: q(1, 2) });
    const got = empirical(data, 200_000);
    for (const key of ['sigma1', 'sigma2', 'sigma12'] as const) expectClose(got[key], floatMatrix(data.moments[key]), 0.03);
    // Σ12 = κ²X with κ = 4/5, and the diagonal of Σ1 = (1 + 1/12)(κ X_ii) + 1/4.
    const x11 = table.rows.reduce((s, r) => s + r[0]!.toNumber() ** 2, 0) / 150;
    expect(data.moments.sigma12[0]![0]!.toNumber()).toBeCloseTo((16 / 25) * x11, 12);
    expect(data.moments.sigma1[0]![0]!.toNumber()).toBeCloseTo((13 / 12) * (4 / 5) * x11 + 1 / 4, 12);
  });

  it('iris: 150 rows of 4 standardised columns, in hundredths', () => {
    const table = irisTable();
    expect(table.rows.length).toBe(150);
    expect(table.columns).toBe(4);
    for (let j = 0; j < 4; j++) {
      const col = table.rows.map((r) => r[j]!.toNumber());
      expect(Math.abs(col.reduce((s, x) => s + x, 0) / 150)).toBeLessThan(0.01);
      expect(col.reduce((s, x) => s + x * x, 0) / 150).toBeCloseTo(1, 1);
      expect(table.rows.every((r) => 100n % r[j]!.den === 0n)).toBe(true);
    }
  });

  it('CSV: a header is skipped; a ragged or non-numeric line is one line naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncssl-csv-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(csvTable(file('ok.csv', 'a,b\n1,2\n3,5\n4,4\n'), 'ok.csv').rows.length).toBe(3);
    expect(() => csvTable(file('ragged.csv', '1,2\n3\n'), 'ragged.csv')).toThrow('--data ragged.csv: line 2: expected 2 columns, got 1');
    expect(() => csvTable(file('text.csv', '1,2\n3,x\n'), 'text.csv')).toThrow('--data text.csv: line 2: expected comma-separated finite numbers');
  });
});
