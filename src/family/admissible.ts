/**
 * Admissible values of a family's symbols, found by a seeded search, and the numeric model a
 * family becomes at given values. The numeric evidence of a family (and the tests that compare a
 * symbolic result with the numeric engine) runs on these instances.
 *
 * Example: for `s: positive, c: [positive, c < s]` the first values found might be s = 3, c = 1/2;
 * `instantiate(family, values)` is then the numeric model with Σ1 = [[3]], Σ12 = [[1/2]].
 */
import { Rational } from '../exact/rational.js';
import { psdCheck } from '../exact/psd.js';
import type { Model } from '../model/model.js';
import { seededRandom } from '../numeric/random.js';
import type { Poly } from '../poly/poly.js';
import type { Family, SymbolValues } from './family.js';

/** Small rationals with small denominators: instances stay readable and exact work stays cheap. */
const NUMERATORS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const DENOMINATORS = [1, 1, 1, 2, 3, 4];
const ATTEMPTS = 2000;

function evaluate(p: Poly, values: SymbolValues): Rational {
  return p.evaluate((v) => values.get(p.ring.names[v]!)!);
}

/** Whether `values` satisfy every sign assumption and inequality of the family. */
export function satisfiesAssumptions(family: Family, values: SymbolValues): boolean {
  for (const s of family.symbols) {
    const x = values.get(s.name)!;
    if (s.sign === 'positive' && x.sign() <= 0) return false;
    if (s.sign === 'nonnegative' && x.sign() < 0) return false;
    if (s.sign === 'nonzero' && x.isZero()) return false;
  }
  return family.inequalities.every((q) => {
    const gap = evaluate(q.rhs, values).sub(evaluate(q.lhs, values)).sign();
    return q.strict ? gap > 0 : gap >= 0;
  });
}

/**
 * Up to `count` distinct admissible value sets, from a search seeded by `seed`: the same family
 * and seed give the same values. Fewer (possibly none) when the search does not find them.
 * With `validModels`, only values at which the family is a valid numeric model (rates in range,
 * joint moments PSD) are kept.
 */
export function findAdmissibleValues(family: Family, count: number, seed: number, validModels = false): Array<Map<string, Rational>> {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random.next() * xs.length)]!;
  const found: Array<Map<string, Rational>> = [];
  const seen = new Set<string>();
  for (let attempt = 0; attempt < ATTEMPTS && found.length < count; attempt++) {
    const values = new Map<string, Rational>();
    for (const s of family.symbols) {
      let x = Rational.of(pick(NUMERATORS), pick(DENOMINATORS));
      if (s.sign === 'nonnegative' && random.next() < 0.1) x = Rational.ZERO;
      if (s.sign === 'real' && random.next() < 0.5) x = x.neg();
      values.set(s.name, x);
    }
    const key = [...values.values()].join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    if (!satisfiesAssumptions(family, values)) continue;
    if (validModels && instanceProblem(family, values) !== null) continue;
    found.push(values);
  }
  return found;
}

/** The numeric model the family is at `values` (not checked: see `instanceProblem`). */
export function instantiate(family: Family, values: SymbolValues): Model {
  const at = (p: Poly) => evaluate(p, values);
  const matrix = (m: Poly[][]) => m.map((row) => row.map(at));
  const data: Model['data'] =
    family.data.kind === 'noise' ? { kind: 'noise', covariance: matrix(family.data.covariance), noise: at(family.data.noise) } : { kind: 'explicit' };
  return {
    name: family.name,
    encoder: { ...family.encoder },
    predictor: { ...family.predictor },
    moments: { sigma1: matrix(family.moments.sigma1), sigma2: matrix(family.moments.sigma2), sigma12: matrix(family.moments.sigma12) },
    data,
    weightDecay: at(family.weightDecay),
    predictorRate: at(family.predictorRate),
    emaRate: at(family.emaRate),
    procedures: [...family.procedures],
  };
}

/**
 * Why the family is not a valid numeric model at `values` (a rate out of range, moments that no
 * pair of views can have), or null when it is one.
 */
export function instanceProblem(family: Family, values: SymbolValues): string | null {
  const model = instantiate(family, values);
  if (model.weightDecay.sign() < 0) return `the weight decay is ${model.weightDecay} < 0`;
  if (model.predictorRate.sign() <= 0) return `the predictor rate is ${model.predictorRate} ≤ 0`;
  if (model.emaRate.sign() <= 0) return `the EMA rate is ${model.emaRate} ≤ 0`;
  const { sigma1, sigma2, sigma12 } = model.moments;
  const joint = [
    ...sigma1.map((row, i) => [...row, ...sigma12[i]!]),
    ...sigma2.map((row, i) => [...sigma12.map((r) => r[i]!), ...row]),
  ];
  const psd = psdCheck(joint);
  return psd.psd ? null : `the joint moment matrix is not positive semidefinite: ${psd.witness}`;
}
