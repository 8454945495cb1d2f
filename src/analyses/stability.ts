/**
 * Stability of an equilibrium lying on a component of local dimension k (MATH.md §6, issue 4,
 * item 3). At an exact (rational) point the certificate is exact:
 *   det(λI − DV(x)) computed by Berkowitz (re-checked modulo primes by Hessenberg reduction),
 *   split as λ^k0 · r(λ) with r(0) ≠ 0, compared with k, and r tested by the Routh array
 *   (re-checked by the Hurwitz minors).
 * With g = dim ker DV(x) (an upper bound on the local dimension of the equilibrium set, and at
 * most k0), the verdicts are: r with roots of positive real part (Routh sign changes) → unstable
 * (proved); k0 > g → degenerate (proved); r Hurwitz and a proved k0-dimensional manifold of
 * equilibria through x (local-manifold.ts: chart and cofactors) → transversally asymptotically
 * stable (proved); r Hurwitz without that proof → inconclusive; a zero Routh pivot proves "not
 * stable" and the float eigenvalues decide between unstable and degenerate (numerical). Float eigenvalues (ml-matrix) are computed beside, with their own
 * verdict, and give the largest stable learning rate η < min(−2 Re μ / |μ|²) over the n − k
 * non-tangent eigenvalues. At exact points the rational eigenvalues are also given exactly, each
 * verified as a root of r, and with them, when every non-tangent eigenvalue is rational, the
 * largest stable learning rate 2 / max |μ| (exact-spectrum.ts). At float points only the
 * numerical verdict exists.
 *
 * Example: SG on the scalar model at (a, c/s): charpoly λ(λ + a²s), k = 1, r = λ + a²s Hurwitz.
 */
import { Rational } from '../exact/rational.js';
import { charpoly, splitZeroRoot } from '../exact/charpoly.js';
import { recheckCharpoly } from '../exact/charpoly-check.js';
import { hurwitzByMinors, routhTest } from '../exact/hurwitz.js';
import { rank } from '../exact/linear-algebra.js';
import { monomialOfVariable } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { Ring } from '../poly/ring.js';
import { type Complex, FLOAT_OVERFLOW, eigenvalues, largestStableLearningRate, maxAbs, numericalRank, nullOnOverflow } from '../numeric/eigenvalues.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import type { EquilibriumPoint } from './equilibria.js';
import { type ExactSpectrum, exactSpectrum } from './exact-spectrum.js';
import type { Level } from './finding.js';
import { equationJacobian, exactTangentDimension, floatTangentDimension } from './local-dimension.js';
import { type GlobalCofactors, type LocalManifold, globalCofactors, localManifold } from './local-manifold.js';
import { evaluateMatrix } from './poly-tools.js';

export type StabilityVerdict = 'transversally asymptotically stable' | 'unstable' | 'degenerate' | 'inconclusive';

/** The ring of characteristic polynomials: one variable, `lambda`. */
export const LAMBDA_RING = new Ring(['lambda']);

export interface ExactStabilityCertificate {
  /** det(λI − DV(x)). */
  charpoly: Poly;
  /** Multiplicity of the root 0. */
  zeroMultiplicity: number;
  /** r(λ) = charpoly / λ^zeroMultiplicity. */
  remainder: Poly;
  /** First column of the Routh array of r (exact rationals as text). */
  routhFirstColumn: string[];
  /** Roots of r with positive real part (Routh sign changes), null after a zero pivot. */
  rightHalfPlaneRoots: number | null;
  /** The Hurwitz minors of r give the same Hurwitz verdict as the Routh array. */
  hurwitzMinorsAgree: boolean;
  /** The charpoly was recomputed modulo enough primes by Hessenberg reduction (a proof of equality). */
  charpolyRechecked: boolean;
}

export interface PointStability {
  /**
   * n − rank Dg(x): dimension of the component's tangent space at x — or, when the point was
   * proved on a manifold of equilibria drawn from another component's equations, that dimension.
   */
  componentDimension: number;
  /** n − rank DV(x). */
  kernelDimension: number;
  /** Algebraic multiplicity of the eigenvalue 0 (exact points) or count of |μ| ≈ 0 (float points). */
  zeroEigenvalues: number;
  eigenvalues: Complex[];
  verdict: StabilityVerdict;
  level: Level;
  reason: string;
  certificate: ExactStabilityCertificate | null;
  /** The verdict the float eigenvalues alone give (an independent cross-check). */
  numericalVerdict: StabilityVerdict;
  /** sup of stable learning rates of x + ηV(x) from the non-tangent float eigenvalues; null if none is stable. */
  largestStableLearningRate: number | null;
  /**
   * At exact points with a certificate: the eigenvalues exactly where they are rational, and the
   * largest stable learning rate exactly when every non-tangent eigenvalue is (null unless the
   * verdict is transversally asymptotically stable, as the float one). Null at float points and
   * where the float eigenvalues overflow (rational ones are recognised from them).
   */
  exactSpectrum: ExactSpectrum | null;
  /** The proof of a manifold of equilibria through x, behind every proved "transversally asymptotically stable". */
  manifold: LocalManifold | null;
}

/** What the stability of a component's points needs of its equations; `global` is computed once, on demand. */
export interface ComponentGeometry {
  equations: readonly Poly[];
  /** Dg, as polynomials. */
  jacobian: readonly Poly[][];
  global: () => GlobalCofactors;
}

export function componentGeometry(d: ProcedureDerivation, equations: readonly Poly[]): ComponentGeometry {
  let global: GlobalCofactors | null = null;
  return { equations, jacobian: equationJacobian(equations, d.state), global: () => (global ??= globalCofactors(d, equations)) };
}

/** Largest state dimension for exact certificates (Berkowitz is O(n⁴) BigInt operations); above it, floats only. */
export const MAX_EXACT_STABILITY_DIMENSION = 120;

export interface StabilityOptions {
  /** Re-check every characteristic polynomial by the modular Hessenberg algorithm (default true). */
  recheck?: boolean;
  /**
   * The other components of the same field: a point where several meet (the origin, on A = 0 and
   * on the non-collapsed family) may sit on a manifold of equilibria of another one's dimension.
   */
  others?: readonly ComponentGeometry[];
}

/** A k0-dimensional manifold of equilibria through the point, from its own component's equations or another's that vanish there. */
function manifoldThrough(d: ProcedureDerivation, own: ComponentGeometry, others: readonly ComponentGeometry[], values: readonly Rational[], k0: number): LocalManifold | null {
  const slot = new Map(d.state.map((v, k) => [v, k]));
  for (const g of [own, ...others.filter((o) => o !== own)]) {
    if (!g.equations.every((e) => e.evaluate((v) => values[slot.get(v)!]!).isZero())) continue;
    if (exactTangentDimension(g.jacobian, d.state, values) !== k0) continue;
    const found = localManifold(d, g.equations, values, g.global());
    if (found) return found;
  }
  return null;
}

function polyInLambda(coefficients: readonly Rational[]): Poly {
  const n = coefficients.length - 1;
  return Poly.fromTerms(LAMBDA_RING, coefficients.map((c, i) => [monomialOfVariable(0, n - i), c]));
}

/** Eigenvalues with the k of smallest modulus removed (those are the tangent ones). */
function nonTangent(ev: readonly Complex[], k: number): Complex[] {
  const byModulus = ev.map((z, i) => [Math.hypot(z.re, z.im), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const drop = new Set(byModulus.slice(0, k).map(([, i]) => i));
  return ev.filter((_, i) => !drop.has(i));
}

/** The k eigenvalues of smallest modulus set to exactly 0 (0 is a root of multiplicity k, proved). */
function withExactZeros(ev: readonly Complex[], k: number): Complex[] {
  const byModulus = ev.map((z, i) => [Math.hypot(z.re, z.im), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const zero = new Set(byModulus.slice(0, k).map(([, i]) => i));
  return ev.map((z, i) => (zero.has(i) ? { re: 0, im: 0 } : z));
}

function numericalVerdict(ev: readonly Complex[], k: number, scale: number): { verdict: StabilityVerdict; zeros: number } {
  const tol = 1e-7 * (1 + scale);
  const zeros = ev.filter((z) => Math.hypot(z.re, z.im) <= tol).length;
  // An eigenvalue with positive real part makes the point unstable, whatever the zero count (as in the exact path).
  if (ev.some((z) => z.re > tol)) return { verdict: 'unstable', zeros };
  if (zeros < k) return { verdict: 'inconclusive', zeros };
  if (zeros > k) return { verdict: 'degenerate', zeros };
  const rest = nonTangent(ev, k);
  const maxRe = Math.max(-Infinity, ...rest.map((z) => z.re));
  if (maxRe < -tol) return { verdict: 'transversally asymptotically stable', zeros };
  if (maxRe > tol) return { verdict: 'unstable', zeros };
  return { verdict: 'degenerate', zeros };
}


/** The float-only verdict when floats overflow at the point: inconclusive, with the reason as data. */
function overflowStability(point: EquilibriumPoint): PointStability {
  return {
    componentDimension: 0,
    kernelDimension: 0,
    zeroEigenvalues: 0,
    eigenvalues: [],
    verdict: 'inconclusive',
    level: 'inconclusive',
    reason: `${point.exact ? 'floats only' : 'float point'}: ${FLOAT_OVERFLOW}`,
    certificate: null,
    numericalVerdict: 'inconclusive',
    largestStableLearningRate: null,
    exactSpectrum: null,
    manifold: null,
  };
}

export function analysePointStability(
  d: ProcedureDerivation,
  component: ComponentGeometry,
  point: EquilibriumPoint,
  options: StabilityOptions = {},
): PointStability {
  const n = d.state.length;
  if (!point.exact || n > MAX_EXACT_STABILITY_DIMENSION) {
    return nullOnOverflow(() => floatStability(d, component, point, n)) ?? overflowStability(point);
  }
  return exactStability(d, component, point, n, options);
}

/** At a float point (or above MAX_EXACT_STABILITY_DIMENSION): the numerical verdict only. */
function floatStability(d: ProcedureDerivation, component: ComponentGeometry, point: EquilibriumPoint, n: number): PointStability {
  const values = point.exact ? point.values.map((x) => x.toNumber()) : point.values;
  const out = new Float64Array(n * n);
  d.float.jacobian(Float64Array.from(values), out);
  const J = Array.from({ length: n }, (_, i) => Array.from(out.subarray(i * n, (i + 1) * n)));
  const k = floatTangentDimension(component.jacobian, d.state, values);
  const ev = eigenvalues(J);
  const scale = maxAbs(J);
  const num = numericalVerdict(ev, k, scale);
  return {
    componentDimension: k,
    kernelDimension: n - numericalRank(J, 1e-8),
    zeroEigenvalues: num.zeros,
    eigenvalues: ev,
    verdict: num.verdict,
    level: num.verdict === 'inconclusive' ? 'inconclusive' : 'numerical',
    reason:
      (point.exact ? `state dimension ${n} above ${MAX_EXACT_STABILITY_DIMENSION}: floats only` : `float point (residual ${point.residual.toExponential(2)})`) +
      `: ${num.zeros} eigenvalues within 1e-7·(1 + max|DV|) of 0, component dimension ${k} (numerical rank)`,
    certificate: null,
    numericalVerdict: num.verdict,
    largestStableLearningRate: num.verdict === 'transversally asymptotically stable' ? largestStableLearningRate(nonTangent(ev, k)) : null,
    exactSpectrum: null,
    manifold: null,
  };
}

/** At an exact point: the exact certificate, with the float eigenvalues beside it when floats can represent them. */
function exactStability(d: ProcedureDerivation, component: ComponentGeometry, point: EquilibriumPoint & { exact: true }, n: number, options: StabilityOptions): PointStability {
  const slot = new Map(d.state.map((v, k) => [v, k]));
  const at = (v: number) => point.values[slot.get(v)!]!;
  const J = evaluateMatrix(d.jacobian, at);
  const k = exactTangentDimension(component.jacobian, d.state, point.values);
  const kernelDimension = n - rank(J);
  const c = charpoly(J);
  const recheck = options.recheck ?? true;
  const charpolyRechecked = recheck ? recheckCharpoly(J, c) : false;
  if (recheck && !charpolyRechecked) throw new Error('characteristic polynomial failed its modular Hessenberg re-check: internal error');
  const { k: k0, rest } = splitZeroRoot(c);
  const routh = routhTest(rest);
  const hurwitzMinorsAgree = hurwitzByMinors(rest) === routh.hurwitz;
  if (!hurwitzMinorsAgree) throw new Error('Routh array and Hurwitz minors disagree: internal error');
  const floatJ = J.map((row) => row.map((x) => x.toNumber()));
  // Null when floats overflow at this point's scale: the exact verdict stands, the float one is inconclusive.
  const floatEigenvalues = nullOnOverflow(() => eigenvalues(floatJ));
  // The float verdict reads the raw eigenvalues (an independent cross-check); the reported ones
  // show the k0 proved zeros as 0, not as float noise (2.8e-16).
  const floatVerdict = (dimension: number) =>
    floatEigenvalues ? numericalVerdict(floatEigenvalues, dimension, maxAbs(floatJ)) : { verdict: 'inconclusive' as const, zeros: 0 };
  let num = floatVerdict(k);
  const ev = floatEigenvalues ? withExactZeros(floatEigenvalues, k0) : [];
  const certificate: ExactStabilityCertificate = {
    charpoly: polyInLambda(c),
    zeroMultiplicity: k0,
    remainder: polyInLambda(rest),
    routhFirstColumn: routh.firstColumn.map(String),
    rightHalfPlaneRoots: routh.rightHalfPlaneRoots,
    hurwitzMinorsAgree,
    charpolyRechecked,
  };
  let verdict: StabilityVerdict;
  let level: Level;
  let reason: string;
  let manifold: LocalManifold | null = null;
  // The local dimension of the equilibrium set at x is at most kernelDimension = dim ker DV(x)
  // (its tangent cone lies in the kernel), which is at most k0 (geometric ≤ algebraic
  // multiplicity). A lower bound needs a proved manifold of equilibria through x.
  if (routh.rightHalfPlaneRoots !== null && routh.rightHalfPlaneRoots > 0) {
    verdict = 'unstable';
    level = 'proved';
    reason = `r(λ) has ${routh.rightHalfPlaneRoots} root(s) with positive real part (sign changes in the Routh array), so DV(x) has an eigenvalue with positive real part`;
  } else if (k0 > kernelDimension) {
    verdict = 'degenerate';
    level = 'proved';
    reason =
      `0 is an eigenvalue of algebraic multiplicity ${k0} > ${kernelDimension} = dim ker DV(x), and the equilibria through x form a set of dimension ` +
      `at most dim ker DV(x): more zero eigenvalues than tangent directions, so the linearisation does not decide`;
  } else if (routh.hurwitz) {
    manifold = manifoldThrough(d, component, options.others ?? [], point.values, k0);
    if (manifold) {
      verdict = 'transversally asymptotically stable';
      level = 'proved';
      reason =
        `det(λI − DV) = λ^${k0}·r(λ) with r(0) ≠ 0 and every entry of the Routh array's first column of r > 0 (Hurwitz minors agree); ` +
        `the equilibria near x form a ${k0}-dimensional manifold (chart of ${n - k0} ${manifold.equations === component.equations ? "of the component's" : "of another component's"} equations with independent gradients, cofactors u_i·V_i = Σ h_ij·g_j), ` +
        `so exactly its ${k0} tangent directions have eigenvalue 0`;
    } else {
      verdict = 'inconclusive';
      level = 'inconclusive';
      reason =
        `r(λ) is Hurwitz and 0 has multiplicity ${k0} = dim ker DV(x), but no ${k0}-dimensional manifold of equilibria through x was proved ` +
        `(the component's equations have a ${k}-dimensional tangent space there, and no component's equations gave a chart with cofactors): ` +
        `stable if the equilibria near x have dimension ${k0}, degenerate if less`;
    }
  } else {
    const floatUnstable = num.verdict === 'unstable';
    verdict = floatEigenvalues === null ? 'inconclusive' : floatUnstable ? 'unstable' : 'degenerate';
    level = floatEigenvalues === null ? 'inconclusive' : 'numerical';
    reason =
      'the Routh array of r has a zero pivot, which proves r is not Hurwitz (so not asymptotically stable); ' +
      (floatEigenvalues === null
        ? `unstable or degenerate: ${FLOAT_OVERFLOW}`
        : floatUnstable
          ? 'the float eigenvalues show one with positive real part'
          : 'the float eigenvalues put the offending roots on the imaginary axis');
  }
  // With a proved manifold the float cross-check reads its dimension, not the component's own.
  if (manifold && manifold.dimension !== k) num = floatVerdict(manifold.dimension);
  const stable = verdict === 'transversally asymptotically stable';
  // Rational eigenvalues are recognised from float ones: none when floats overflowed here.
  const spectrum = floatEigenvalues ? exactSpectrum(certificate, ev) : null;
  return {
    componentDimension: manifold?.dimension ?? k,
    kernelDimension,
    zeroEigenvalues: k0,
    eigenvalues: ev,
    verdict,
    level,
    reason,
    certificate,
    numericalVerdict: num.verdict,
    largestStableLearningRate: stable ? largestStableLearningRate(nonTangent(ev, k0)) : null,
    // A step size is only meaningful where the loop converges, as for the float rate.
    exactSpectrum: spectrum && !stable ? { ...spectrum, learningRate: null } : spectrum,
    manifold,
  };
}
