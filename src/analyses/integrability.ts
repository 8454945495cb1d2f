/**
 * Is a procedure's field a gradient field (MATH.md §3, claim C1)? Decided exactly:
 * - `DV − DVᵀ ≡ 0` as a polynomial identity ⇒ gradient; the potential Φ is built and ∇Φ = −V
 *   verified exactly;
 * - otherwise a rational point where one curl entry is nonzero, a certificate that no C²
 *   potential exists, re-checked by `checkCurlCertificate`, which differentiates nothing.
 * With rates α, τ ≠ 1 the same question is asked of the rate-adjusted field P⁻¹V.
 */
import { Rational } from '../exact/rational.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import type { Poly } from '../poly/poly.js';
import { seededRandom } from '../numeric/random.js';
import { checkCurlCertificate, type CurlCertificate } from './curl-certificate.js';
import { isPotentialOf, radialPotential } from './potential.js';
import { type SampledCurl, sampleCurl } from './curl-sampling.js';

export interface SymmetryVerdict {
  /** True when V = −∇Φ for a polynomial Φ (then `potential` is set), else `certificate` is set. */
  integrable: boolean;
  level: 'proved';
  potential?: Poly;
  certificate?: CurlCertificate;
  /** The float cross-check at seeded random points. */
  sampled: SampledCurl;
}

export interface IntegrabilityFinding {
  stateDimension: number;
  /** The field V itself. */
  euclidean: SymmetryVerdict;
  /** The rate-adjusted field P⁻¹V; null when every rate is 1 (then it is V). */
  rateAdjusted: SymmetryVerdict | null;
}

export interface IntegrabilityOptions {
  samples: number;
  seed: number;
}

/** First pair (i < j), in state order, whose Jacobian entries differ as polynomials. */
function firstAsymmetry(jacobian: readonly Poly[][]): [number, number] | null {
  for (let i = 0; i < jacobian.length; i++) {
    for (let j = i + 1; j < jacobian.length; j++) {
      if (!jacobian[i]![j]!.equals(jacobian[j]![i]!)) return [i, j];
    }
  }
  return null;
}

/**
 * A rational point where the nonzero polynomial `curl` does not vanish. Small random integers
 * suffice: by Schwartz–Zippel a nonzero polynomial of degree d vanishes at a uniform point of
 * S^n with probability at most d/|S|, and the range widens at every try.
 */
function nonvanishingPoint(curl: Poly, state: readonly number[], seed: number): Map<number, Rational> {
  const rng = seededRandom(seed);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const range = 2 + attempt;
    const point = new Map<number, Rational>();
    for (const v of state) point.set(v, Rational.fromBigInt(BigInt(attempt === 0 ? 1 : rng.int(-range, range))));
    if (!curl.evaluate((v) => point.get(v)!).isZero()) return point;
  }
  throw new Error('no point found where a nonzero polynomial is nonzero: internal error');
}

function decide(field: Poly[], jacobian: Poly[][], d: ProcedureDerivation, sampled: SampledCurl, seed: number): SymmetryVerdict {
  const pair = firstAsymmetry(jacobian);
  if (pair === null) {
    const potential = radialPotential(field, d.state);
    if (!isPotentialOf(potential, field, d.state)) throw new Error('potential check failed: internal error');
    return { integrable: true, level: 'proved', potential, sampled };
  }
  const [i, j] = pair;
  const point = nonvanishingPoint(jacobian[i]![j]!.sub(jacobian[j]![i]!), d.state, seed);
  const at = (v: number): Rational => point.get(v)!;
  const certificate: CurlCertificate = {
    point: Object.fromEntries(d.state.map((v, k) => [d.stateNames[k]!, point.get(v)!.toString()])),
    i: d.stateNames[i]!,
    j: d.stateNames[j]!,
    dVi_dxj: jacobian[i]![j]!.evaluate(at).toString(),
    dVj_dxi: jacobian[j]![i]!.evaluate(at).toString(),
  };
  const check = checkCurlCertificate(field, d.stateNames, certificate);
  if (!check.ok) throw new Error(`curl certificate failed its re-check: ${check.reason}`);
  return { integrable: false, level: 'proved', certificate, sampled };
}

export function analyseIntegrability(d: ProcedureDerivation, options: IntegrabilityOptions): IntegrabilityFinding {
  const allOne = d.rates.every((r) => r.isOne());
  const sampled = sampleCurl(d.jacobian, d.state, allOne ? null : d.rates, options);
  const euclidean = decide(d.field, d.jacobian, d, sampled.euclidean, options.seed);
  let rateAdjusted: SymmetryVerdict | null = null;
  if (!allOne) {
    const inverse = d.rates.map((r) => r.inv());
    const field = d.field.map((v, k) => v.scale(inverse[k]!));
    const jacobian = d.jacobian.map((row, k) => row.map((e) => e.scale(inverse[k]!)));
    rateAdjusted = decide(field, jacobian, d, sampled.rateAdjusted!, options.seed);
  }
  return { stateDimension: d.state.length, euclidean, rateAdjusted };
}
