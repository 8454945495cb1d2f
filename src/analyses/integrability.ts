/**
 * Is a procedure's field a gradient field (docs/math.md §3, claim C1)? Decided exactly:
 * - a polynomial Φ with ∇Φ = −V, verified as a polynomial identity ⇒ gradient (then
 *   `DV − DVᵀ ≡ 0` follows);
 * - otherwise a rational point where one entry of `DV − DVᵀ` is nonzero, a certificate that no C²
 *   potential exists, re-checked by `checkCurlCertificate`, which differentiates nothing.
 * With rates α, τ ≠ 1 the same question is asked of the rate-adjusted field P⁻¹V.
 *
 * Order of work: the symmetry of DV is scanned pair by pair, which finds an asymmetric pair of a
 * non-gradient field within the first few pairs; after SCAN_BUDGET·n equal pairs the candidate
 * potential is built and checked instead (linear in the field's size, where the full scan is
 * quadratic in n), and only if that check fails does the scan resume. Either way the verdict and
 * the certificate (the first asymmetric pair in state order) are the ones a full scan gives.
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

/** Equal pairs scanned, per state coordinate, before the potential is tried. */
const SCAN_BUDGET = 4;

/**
 * Pairs (i < j) of W·DV in state order (W = diag(weights): the identity for V itself, P⁻¹ for
 * the rate-adjusted field), from a resumable position: `next(limit)` returns the first pair whose
 * entries differ as polynomials among at most `limit` more pairs, 'none' when all pairs are equal,
 * or 'budget' when it stopped early.
 */
function asymmetryScan(jacobian: readonly Poly[][], weights: readonly Rational[]) {
  let i = 0;
  let j = 1;
  return (limit: number): [number, number] | 'none' | 'budget' => {
    for (let scanned = 0; i < jacobian.length; i++, j = i + 1) {
      for (; j < jacobian.length; j++) {
        if (scanned++ >= limit) return 'budget';
        if (!scaledEqual(jacobian[i]![j]!, weights[i]!, jacobian[j]![i]!, weights[j]!)) return [i, j];
      }
    }
    return 'none';
  };
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
  const scan = asymmetryScan(d.jacobian, weights);
  let pair = scan(SCAN_BUDGET * d.state.length);
  if (pair === 'budget') {
    const potential = firstVariablePotential(d.field, d.state, weights);
    if (isPotentialOf(potential, d.field, d.state, weights)) return { integrable: true, level: 'proved', potential, sampled };
    pair = scan(Infinity);
  }
  if (pair === 'none' || pair === 'budget') {
    const potential = firstVariablePotential(d.field, d.state, weights);
    if (!isPotentialOf(potential, d.field, d.state, weights)) throw new Error('potential check failed on a symmetric Jacobian: internal error');
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
