/**
 * Stability of a variant's flow limit when equilibria come in continua (docs/math.md §6), in
 * floats: the level is `numerical`, never more. A point x* on a component of equilibria of local
 * dimension k has at least k zero eigenvalues (the tangent directions lie in ker DV(x*)); it is
 * *transversally asymptotically stable* when 0 has multiplicity exactly k and every other
 * eigenvalue has negative real part.
 *
 * k is estimated, not assumed. The kernel of DV(x*) comes from its singular values; along each
 * kernel direction v the point x* + h·v is projected back onto V = 0 by the caller's Newton
 * least-squares steps (limits.ts), for each h of STEP_SIZES. A direction counts when the
 * projection reaches the Newton tolerance (or the limit's own residual) at a distance between
 * h/2 and 2h from x*: the set of equilibria extends that far along it, where along a direction in
 * which V only vanishes to second order Newton pulls back towards x*. The counted displacements
 * span candidate tangent directions, each kept when it, and its sum with those kept before,
 * project onto themselves (localDimension). k is a dimension found by search: dim ker DV(x*) bounds
 * it from above, and a piece of the set missed by the search would show as "degenerate".
 *
 * Verdicts: some Re μ > tol → unstable; the number of eigenvalues with |μ| ≤ tol above k →
 * degenerate (the linear test says nothing); equal to k and every other Re μ < −tol →
 * transversally asymptotically stable, with the margin −max Re over those others and the step
 * bound η < min(−2 Re μ/|μ|²) of the discrete loop x + ηV(x) over them; a point where the cosine
 * loss is singular (a prediction or code of norm ≈ 0) is `singular`, whatever the floats say.
 *
 * Example: SG on the scalar variant (s = 5/2, c = 2) at (a, 4/5): DV = [[0, −2a], [0, −(5/2)a²]],
 * k = 1 (the line b = 4/5), one zero eigenvalue: stable with margin (5/2)a², η < 2/((5/2)a²).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { type Complex, FloatOverflowError, eigenvalues, largestStableLearningRate, maxAbs, nullOnOverflow, scaledFinite } from '../numeric/eigenvalues.js';
import type { VariantField } from './fields.js';

/** An eigenvalue, or a singular value of DV, counts as 0 when its modulus is ≤ this times max(1, max |DV_ij|). */
export const ZERO_EIGENVALUE_TOLERANCE = 1e-6;
/** Steps h·(1 + ‖x*‖) along each kernel direction, each projected back onto V = 0. */
export const STEP_SIZES = [1e-2, 1e-3] as const;
/** The step h·(1 + ‖x*‖) at which a candidate tangent direction must project onto itself. */
export const TANGENT_STEP = 1e-4;
/** The cosine loss is singular at x* when a prediction or code has norm ≤ this times max(1, the largest such norm). */
export const SINGULAR_NORM = 1e-6;

export type TransversalVerdict = 'transversally asymptotically stable' | 'unstable' | 'degenerate' | 'singular' | 'inconclusive';

/** Cosine loss only: the norms at x* over the view pairs, p = g_ψ(f_θ(x1)) and z = f_ξ(x2). */
export interface CosineNorms {
  /** Smallest ‖p‖ and ‖z‖ (null when the predictor's value is not computed here, e.g. DirectPred). */
  prediction: number | null;
  code: number;
  /** The largest ‖p‖ or ‖z‖: the scale the smallest are judged against. */
  largest: number;
  /** Pairs whose cosine ⟨p, z⟩/(‖p‖‖z‖) is below −1/2: their loss is near its maximum 4. */
  antiAligned: number;
}

/** The cosine loss is not differentiable where a prediction or code is 0: a norm ≤ SINGULAR_NORM · max(1, the largest). */
export function lossSingular(c: CosineNorms): boolean {
  const cut = SINGULAR_NORM * Math.max(1, c.largest);
  return c.code <= cut || (c.prediction !== null && c.prediction <= cut);
}

export interface LimitStability {
  verdict: TransversalVerdict;
  level: 'numerical' | 'inconclusive';
  /** The largest real part over all eigenvalues of DV(x*). */
  maxRe: number;
  /** Eigenvalues with |μ| ≤ tolerance: the multiplicity of 0, as floats see it. */
  zeroEigenvalues: number;
  /** dim ker DV(x*): singular values ≤ tolerance (an upper bound on the local dimension). */
  kernelDimension: number;
  /** k: the dimension of the piece of the equilibrium set found through x* (see above). */
  localDimension: number;
  /** The largest real part over the eigenvalues left when the k of smallest modulus are taken out (null when none are left). */
  transversalMaxRe: number | null;
  /** Stable only: the supremum of learning rates η for which x + ηV(x) is stable at x*, min(−2 Re μ/|μ|²) over those eigenvalues (null when none are left). */
  largestStableLearningRate: number | null;
  tolerance: number;
  /** Per h of STEP_SIZES, the kernel directions whose projection stayed at distance h/2..2h (the first pass of the search for k). */
  followed: number[];
}

/** Newton's projection onto V = 0 from a point: where it ended and max |V| there. */
export type Projection = (x: Float64Array) => { x: Float64Array; residual: number };

/** DV(x) as rows. */
export function jacobianRows(field: VariantField, x: Float64Array): number[][] {
  const n = field.float.dimension;
  const flat = new Float64Array(n * n);
  field.float.jacobian(x, flat);
  return Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * n, (i + 1) * n)));
}

/** Right singular vectors of DV with singular value ≤ tolerance (orthonormal columns), in ml-matrix's order. */
function kernelBasis(j: number[][], tolerance: number): number[][] {
  const { m, scale } = scaledFinite(j, 'kernel of DV');
  const svd = new SingularValueDecomposition(new Matrix(m), { computeLeftSingularVectors: false });
  const v = svd.rightSingularVectors;
  return svd.diagonal.flatMap((s, c) => (s * scale <= tolerance ? [v.getColumn(c)] : []));
}

/** The tolerance below which an eigenvalue or singular value of j counts as 0. */
const zeroTolerance = (j: number[][]) => ZERO_EIGENVALUE_TOLERANCE * Math.max(1, maxAbs(j));

/**
 * x = J⁺b with the singular values of J that count as 0 left out (a Newton step that does not
 * move along the kernel). Throws FloatOverflowError when J or b is not finite or x overflows.
 */
export function truncatedLeastSquares(j: number[][], b: readonly number[]): number[] {
  const tolerance = zeroTolerance(j);
  const { m, scale } = scaledFinite(j, 'least-squares step');
  if (!b.every(Number.isFinite)) throw new FloatOverflowError('least-squares step');
  const svd = new SingularValueDecomposition(new Matrix(m));
  const [u, v, s] = [svd.leftSingularVectors, svd.rightSingularVectors, svd.diagonal];
  const x = new Array<number>(v.rows).fill(0);
  s.forEach((sc, c) => {
    if (sc * scale <= tolerance) return;
    let d = 0;
    for (let i = 0; i < u.rows; i++) d += u.get(i, c) * b[i]!;
    for (let i = 0; i < v.rows; i++) x[i] += (d / (sc * scale)) * v.get(i, c);
  });
  if (!x.every(Number.isFinite)) throw new FloatOverflowError('least-squares step');
  return x;
}

const norm = (x: ArrayLike<number>) => Math.hypot(...Array.from(x));

/** Orthonormal basis of the span of `columns` (directions with singular value above `cut`), largest first. */
function spanBasis(columns: number[][], cut: number): number[][] {
  if (columns.length === 0) return [];
  const svd = new SingularValueDecomposition(new Matrix(columns).transpose(), { computeRightSingularVectors: false });
  return svd.diagonal.flatMap((sv, c) => (sv > cut ? [svd.leftSingularVectors.getColumn(c)] : []));
}

/**
 * k, in two passes. First every kernel direction v is stepped to x* + h·v and projected, for each
 * h of STEP_SIZES; a direction counts when every projection reaches the tolerance (max(x*'s
 * residual, Newton's) times 10) at a distance h/2..2h, and the displacements of those that count
 * (at the first h) span the candidate tangent space: a kernel basis vector that mixes a tangent
 * and a non-tangent direction still moves about h, along its tangent part. Then each candidate
 * direction w, and the sum of those kept so far with it, must project to x* + h·w up to a quarter
 * of h, for h = TANGENT_STEP·(1 + ‖x*‖): a union of lines through x* (a cross) passes the first
 * pass in two dimensions but not the second, whose diagonal step lands on one of the lines.
 */
export function localDimension(x: Float64Array, kernel: readonly number[][], project: Projection, residual: number, newtonResidual: number): { k: number; followed: number[] } {
  const scale = 1 + norm(x);
  const accept = 10 * Math.max(residual, newtonResidual);
  const displacement = (w: readonly number[], h: number): number[] | null => {
    const y = project(x.map((xi, i) => xi + h * w[i]!));
    return y.residual <= accept ? Array.from(y.x, (yi, i) => (yi - x[i]!) / h) : null;
  };
  // followed[s][i]: kernel direction i's displacement at STEP_SIZES[s], or null when it does not count there.
  const followed = STEP_SIZES.map((step) =>
    kernel.map((v) => {
      const d = displacement(v, step * scale);
      return d && norm(d) >= 0.5 && norm(d) <= 2 ? d : null;
    }),
  );
  const counted = kernel.flatMap((_, i) => (followed.every((atStep) => atStep[i] !== null) ? [followed[0]![i]!] : []));
  const candidates = spanBasis(counted, 0.25);
  // At a step of its own, smaller: the curvature of the set moves a projection by O(h²), a
  // direction off the set by O(h), so only the latter survives division by a small h.
  const tangent = (w: readonly number[]) => {
    const d = displacement(w, TANGENT_STEP * scale);
    return d !== null && norm(d.map((di, i) => di - w[i]!)) <= 0.25;
  };
  const kept: number[][] = [];
  for (const w of candidates) {
    const sum = [...kept, w].reduce((acc, u) => acc.map((a, i) => a + u[i]!), new Array<number>(w.length).fill(0));
    const diagonal = sum.map((a) => a / norm(sum));
    if (tangent(w) && (kept.length === 0 || tangent(diagonal))) kept.push(w);
  }
  return { k: kept.length, followed: followed.map((atStep) => atStep.filter((d) => d !== null).length) };
}

/** Eigenvalues with the k of smallest modulus removed (those are the tangent ones). */
export function nonTangent(mu: readonly Complex[], k: number): Complex[] {
  const byModulus = mu.map((z, i) => [Math.hypot(z.re, z.im), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const drop = new Set(byModulus.slice(0, k).map(([, i]) => i));
  return mu.filter((_, i) => !drop.has(i));
}

const INCONCLUSIVE = (tolerance: number): LimitStability => ({
  verdict: 'inconclusive',
  level: 'inconclusive',
  maxRe: NaN,
  zeroEigenvalues: 0,
  kernelDimension: 0,
  localDimension: 0,
  transversalMaxRe: null,
  largestStableLearningRate: null,
  tolerance,
  followed: [],
});

/**
 * The transversal verdict at a refined limit x* with residual `residual`; `singular` when the
 * caller found the cosine loss singular there (the field is not differentiable: no linear test).
 */
export function transversalStability(field: VariantField, x: Float64Array, options: { residual: number; newtonResidual: number; project: Projection; singular: boolean }): LimitStability {
  const j = jacobianRows(field, x);
  const tolerance = zeroTolerance(j);
  if (!Number.isFinite(tolerance)) return INCONCLUSIVE(tolerance);
  const mu = nullOnOverflow(() => eigenvalues(j));
  const kernel = nullOnOverflow(() => kernelBasis(j, tolerance));
  if (!mu || !kernel) return INCONCLUSIVE(tolerance);
  const maxRe = Math.max(-Infinity, ...mu.map((m) => m.re));
  const zeroEigenvalues = mu.filter((m) => Math.hypot(m.re, m.im) <= tolerance).length;
  const base = { level: 'numerical' as const, maxRe, zeroEigenvalues, kernelDimension: kernel.length, tolerance };
  if (options.singular) return { ...base, verdict: 'singular', localDimension: 0, transversalMaxRe: null, largestStableLearningRate: null, followed: [] };
  const { k, followed } = localDimension(x, kernel, options.project, options.residual, options.newtonResidual);
  const rest = nonTangent(mu, k);
  const transversalMaxRe = rest.length === 0 ? null : Math.max(...rest.map((m) => m.re));
  const verdict: TransversalVerdict =
    maxRe > tolerance
      ? 'unstable'
      : zeroEigenvalues > k
        ? 'degenerate'
        : zeroEigenvalues < k
          ? 'inconclusive'
          : transversalMaxRe === null || transversalMaxRe < -tolerance
            ? 'transversally asymptotically stable'
            : 'degenerate';
  return {
    ...base,
    ...(verdict === 'inconclusive' ? { level: 'inconclusive' as const } : {}),
    verdict,
    localDimension: k,
    transversalMaxRe,
    largestStableLearningRate: verdict === 'transversally asymptotically stable' ? largestStableLearningRate(rest) : null,
    followed,
  };
}
