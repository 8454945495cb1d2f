/** Random exact models for tests, built directly (not through the spec parser). */
import { Rational } from '../../src/exact/rational.js';
import type { EncoderKind, Model, PredictorKind, ProcedureName, RationalMatrix } from '../../src/model/model.js';
import { seededRandom, type SeededRandom } from '../../src/numeric/random.js';
import { allProcedures } from '../../src/procedures/index.js';

export function ratMatrix(rows: number, cols: number, entry: (i: number, j: number) => Rational): RationalMatrix {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => entry(i, j)));
}

export function mul(a: RationalMatrix, b: RationalMatrix): RationalMatrix {
  return ratMatrix(a.length, b[0]!.length, (i, j) => a[i]!.reduce((s, x, k) => s.add(x.mul(b[k]![j]!)), Rational.ZERO));
}
export function add(a: RationalMatrix, b: RationalMatrix): RationalMatrix {
  return a.map((row, i) => row.map((x, j) => x.add(b[i]![j]!)));
}
export function sub(a: RationalMatrix, b: RationalMatrix): RationalMatrix {
  return a.map((row, i) => row.map((x, j) => x.sub(b[i]![j]!)));
}
export function scale(a: RationalMatrix, c: Rational): RationalMatrix {
  return a.map((row) => row.map((x) => x.mul(c)));
}
export function transpose(a: RationalMatrix): RationalMatrix {
  return ratMatrix(a[0]!.length, a.length, (i, j) => a[j]![i]!);
}

export function randomRational(rng: SeededRandom, range = 4): Rational {
  return Rational.of(rng.int(-range, range), rng.int(1, 3));
}

export interface ModelOptions {
  p: number;
  q: number;
  encoder?: EncoderKind;
  predictor?: PredictorKind;
  weightDecay?: Rational;
  predictorRate?: Rational;
  emaRate?: Rational;
  procedures?: ProcedureName[];
  /** Use Σ1 ≠ Σ2 and an asymmetric Σ12 (tests only need the algebra, not PSD moments). */
  asymmetric?: boolean;
  seed?: number;
}

/** A model with random rational moments: Σ = GᵀG + I, Σ12 = G'ᵀG' (or asymmetric). */
export function randomModel(o: ModelOptions): Model {
  const rng = seededRandom(o.seed ?? 1);
  const rnd = (r: number, c: number) => ratMatrix(r, c, () => randomRational(rng));
  const psd = () => {
    const g = rnd(o.p, o.p);
    return add(mul(transpose(g), g), ratMatrix(o.p, o.p, (i, j) => (i === j ? Rational.ONE : Rational.ZERO)));
  };
  const sigma1 = psd();
  const sigma2 = o.asymmetric ? psd() : sigma1;
  const sigma12 = o.asymmetric ? rnd(o.p, o.p) : psd();
  return {
    name: `random-${o.p}x${o.q}`,
    encoder: { kind: o.encoder ?? 'linear', in: o.p, out: o.q },
    predictor: { kind: o.predictor ?? 'linear' },
    moments: { sigma1, sigma2, sigma12 },
    data: { kind: 'explicit' },
    weightDecay: o.weightDecay ?? Rational.ZERO,
    predictorRate: o.predictorRate ?? Rational.ONE,
    emaRate: o.emaRate ?? Rational.ONE,
    procedures: o.procedures ?? allProcedures().map((p) => p.name),
  };
}

/** The scalar model of MATH.md §5: Σ = s, Σ12 = c. */
export function scalarModel(s: Rational, c: Rational, extra: Partial<Model> = {}): Model {
  return {
    name: 'scalar',
    encoder: { kind: 'linear', in: 1, out: 1 },
    predictor: { kind: 'linear' },
    moments: { sigma1: [[s]], sigma2: [[s]], sigma12: [[c]] },
    data: { kind: 'explicit' },
    weightDecay: Rational.ZERO,
    predictorRate: Rational.ONE,
    emaRate: Rational.ONE,
    procedures: allProcedures().map((p) => p.name),
    ...extra,
  };
}
