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
import { firstVariablePotential, isPotentialOf } from './potential.js';
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

/** True when w_i·J_ij = w_j·J_ji as polynomials, i.e. J_ij = (w_j/w_i)·J_ji, compared term by term. */
function scaledEqual(Jij: Poly, wi: Rational, Jji: Poly, wj: Rational): boolean {
  return Jij.equalsScaled(Jji, wi.equals(wj) ? Rational.ONE : wj.div(wi));
}

/**
 * First pair (i < j), in state order, where the entries of W·DV differ as polynomials
 * (W = diag(weights): the identity for V itself, P⁻¹ for the rate-adjusted field).
 */
function firstAsymmetry(jacobian: readonly Poly[][], weights: readonly Rational[]): [number, number] | null {
  for (let i = 0; i < jacobian.length; i++) {
    for (let j = i + 1; j < jacobian.length; j++) {
      if (!scaledEqual(jacobian[i]![j]!, weights[i]!, jacobian[j]![i]!, weights[j]!)) return [i, j];
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

/**
 * The verdict for the field W·V, W = diag(weights). W·V itself is never built: the potential
 * takes the weights term by term, and a certificate needs two weighted Jacobian entries and the
 * two weighted components its re-check reads.
 */
function decide(d: ProcedureDerivation, weights: readonly Rational[], sampled: SampledCurl, seed: number): SymmetryVerdict {
  const pair = firstAsymmetry(d.jacobian, weights);
  if (pair === null) {
    const potential = firstVariablePotential(d.field, d.state, weights);
    if (!isPotentialOf(potential, d.field, d.state, weights)) throw new Error('potential check failed: internal error');
    return { integrable: true, level: 'proved', potential, sampled };
  }
  // The re-check reads only the two components the certificate names: scale those alone.
  const scaled = new Map<number, Poly>();
  const field = (k: number): Poly => scaled.get(k) ?? scaled.set(k, d.field[k]!.scale(weights[k]!)).get(k)!;
  const [i, j] = pair;
  const Jij = d.jacobian[i]![j]!.scale(weights[i]!);
  const Jji = d.jacobian[j]![i]!.scale(weights[j]!);
  const point = nonvanishingPoint(Jij.sub(Jji), d.state, seed);
  const at = (v: number): Rational => point.get(v)!;
  const certificate: CurlCertificate = {
    point: Object.fromEntries(d.state.map((v, k) => [d.stateNames[k]!, point.get(v)!.toString()])),
    i: d.stateNames[i]!,
    j: d.stateNames[j]!,
    dVi_dxj: Jij.evaluate(at).toString(),
    dVj_dxi: Jji.evaluate(at).toString(),
  };
  const check = checkCurlCertificate(field, d.stateNames, certificate);
  if (!check.ok) throw new Error(`curl certificate failed its re-check: ${check.reason}`);
  return { integrable: false, level: 'proved', certificate, sampled };
}

export function analyseIntegrability(d: ProcedureDerivation, options: IntegrabilityOptions): IntegrabilityFinding {
  const allOne = d.rates.every((r) => r.isOne());
  const sampled = sampleCurl(d.jacobian, d.state, allOne ? null : d.rates, options);
  const euclidean = decide(d, d.rates.map(() => Rational.ONE), sampled.euclidean, options.seed);
  const rateAdjusted = allOne ? null : decide(d, d.rates.map((r) => r.inv()), sampled.rateAdjusted!, options.seed);
  return { stateDimension: d.state.length, euclidean, rateAdjusted };
}
