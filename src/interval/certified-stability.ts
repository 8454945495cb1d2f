/**
 * Certified asymptotic stability of an isolated equilibrium (issue 12, item 3), in two steps over a
 * small box X around a float equilibrium x̃:
 *
 *  1. Existence (Krawczyk). With C ≈ DV(x̃)⁻¹ and [J] an enclosure of DV over X,
 *     K = x̃ − C·V(x̃) + (I − C·[J])·(X − x̃). If K lies in the interior of X, V has exactly one
 *     zero x* in X (Krawczyk 1969; Moore's form of the interval Newton theorem).
 *  2. Stability (Lyapunov). P solves DV(x̃)ᵀP + P·DV(x̃) = −I in floats. If P and
 *     M = −([J]ᵀP + P[J]) pass the interval Cholesky method with every pivot's lower end > 0,
 *     then P ≻ 0 and Jᵀ P + P J ≺ 0 for every J in [J] (Alefeld and Mayer, "The Cholesky method
 *     for interval data", 1993: a feasible interval Cholesky makes every symmetric member
 *     positive definite), in particular for J = DV(x*) ∈ [J]; so every eigenvalue of DV(x*) has
 *     negative real part and x* is asymptotically stable.
 *
 * Every interval operation rounds outward (interval.ts), so a pass is a proof (level "certified").
 * It applies only where the equilibrium is isolated: with an eigenvalue 0 (a continuum of
 * equilibria, a symmetry) no P exists and Krawczyk cannot contract, which is said as the reason.
 *
 * Example: `certifyStabilityAt(dag, field.field, xStar).verdict` is 'stable' or 'inconclusive'.
 */
import { Matrix, solve } from 'ml-matrix';
import type { Dag, Node } from '../expr/dag.js';
import { Program } from '../expr/evaluate.js';
import { boxAround, kinksOf } from './certified-curl.js';
import { type Interval, intervalArithmetic as I, point, signOf } from './interval.js';

/** Above this state the Lyapunov solve (n² unknowns, dense) is refused rather than slow. */
export const MAX_CERTIFIED_STABILITY_STATE = 24;

/** Box half-widths tried, relative to 1 + |x̃_k|: the smallest that contracts is kept. */
const RADII = [2 ** -40, 2 ** -30, 2 ** -20];

export type StabilityCertificate =
  | {
      verdict: 'stable';
      level: 'certified';
      /** The float equilibrium x̃ and the box X = x̃ ± radius·(1 + |x̃|) holding the unique zero. */
      point: number[];
      radius: number;
      /** K ⊂ interior of X. */
      krawczyk: Interval[];
      /** P, row-major, and the smallest lower end of the pivots of M's interval Cholesky. */
      lyapunov: number[];
      minPivot: number;
    }
  | { verdict: 'inconclusive'; level: 'inconclusive'; reason: string };

const inconclusive = (reason: string): StabilityCertificate => ({ verdict: 'inconclusive', level: 'inconclusive', reason });

export function certifyStabilityAt(dag: Dag, field: readonly Node[], x: Float64Array): StabilityCertificate {
  const n = field.length;
  if (n > MAX_CERTIFIED_STABILITY_STATE) return inconclusive(`state ${n} is above ${MAX_CERTIFIED_STABILITY_STATE}, where the Lyapunov solve is not attempted`);
  const program = new Program(dag, field);
  const a = Matrix.from1DArray(n, n, Array.from(program.floatJacobian(x, n)));
  if (!finite(a)) return inconclusive('DV is not finite at the point');
  let c: Matrix;
  let p: Matrix;
  try {
    c = solve(a, Matrix.eye(n));
    p = lyapunov(a);
  } catch {
    return inconclusive('DV is singular at the point: an eigenvalue 0, so the equilibrium is not isolated (a continuum or a symmetry)');
  }
  if (!finite(c) || !finite(p)) {
    return inconclusive('DV is singular at the point: an eigenvalue 0, so the equilibrium is not isolated (a continuum or a symmetry)');
  }
  const lyapunovMatrix = intervalMatrix(n, (i, j) => point(p.get(i, j)));
  if (choleskyMinPivot(lyapunovMatrix, n) <= 0) return inconclusive('the Lyapunov matrix P is not positive definite: DV has an eigenvalue with Re λ ≥ 0 (or close to it)');
  const centre = Array.from(x, point);
  const value = program.runWithTangents(I, centre, []).map((r) => r[0]!);
  let lastReason = '';
  // A ReLU (or its step) whose argument may vanish on the box: V is not C¹ there and DV(x*) may not exist.
  const kinks = kinksOf(dag, field);
  for (const radius of RADII) {
    const box = boxAround(x, radius);
    if (kinks && !kinks.run(I, box).every((v) => signOf(v) !== 0)) {
      lastReason = 'a ReLU argument may be 0 on the box: the field is not differentiable there';
      continue;
    }
    const unit = Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, k) => (k === j ? point(1) : null)));
    const rows = program.runWithTangents(I, box, unit);
    const j = intervalMatrix(n, (r, k) => rows[r]![k + 1]!);
    const krawczyk = krawczykImage(x, c, value, j, box);
    if (!krawczyk.every((k, i) => k.lo > box[i]!.lo && k.hi < box[i]!.hi)) {
      lastReason = `Krawczyk's operator does not map the box x̃ ± ${radius}·(1 + |x̃|) into itself`;
      continue;
    }
    // M = −(JᵀP + PJ), entry by entry over the interval J.
    const m = intervalMatrix(n, (r, k) => {
      let s = point(0);
      for (let t = 0; t < n; t++) s = I.add(s, I.add(I.mul(j[t]![r]!, lyapunovMatrix[t]![k]!), I.mul(lyapunovMatrix[r]![t]!, j[t]![k]!)));
      return I.neg(s);
    });
    const minPivot = choleskyMinPivot(m, n);
    if (minPivot <= 0) {
      lastReason = 'the interval Cholesky of −(JᵀP + PJ) over the box has a pivot that may be ≤ 0';
      continue;
    }
    return { verdict: 'stable', level: 'certified', point: Array.from(x), radius, krawczyk, lyapunov: p.to1DArray(), minPivot };
  }
  return inconclusive(lastReason);
}

const finite = (m: Matrix): boolean => m.to1DArray().every(Number.isFinite);

function intervalMatrix(n: number, entry: (i: number, j: number) => Interval): Interval[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => entry(i, j)));
}

/** P with AᵀP + PA = −I, as a dense solve of its n² entries (Kronecker form), symmetrised. */
function lyapunov(a: Matrix): Matrix {
  const n = a.rows;
  const system = new Matrix(n * n, n * n);
  // Row (i, j) of the equation: Σ_k A_ki P_kj + Σ_k P_ik A_kj = −δ_ij.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const row = i * n + j;
      for (let k = 0; k < n; k++) {
        system.set(row, k * n + j, system.get(row, k * n + j) + a.get(k, i));
        system.set(row, i * n + k, system.get(row, i * n + k) + a.get(k, j));
      }
    }
  }
  const rhs = Matrix.columnVector(Array.from({ length: n * n }, (_, r) => (Math.floor(r / n) === r % n ? -1 : 0)));
  const vec = solve(system, rhs).to1DArray();
  return Matrix.from1DArray(n, n, vec).add(Matrix.from1DArray(n, n, vec).transpose()).div(2);
}

/** K = x̃ − C·v + (I − C·J)·(X − x̃), with C and x̃ as exact points. */
function krawczykImage(x: Float64Array, c: Matrix, v: Interval[], j: Interval[][], box: Interval[]): Interval[] {
  const n = x.length;
  const offset = box.map((b, i) => I.add(b, point(-x[i]!)));
  return Array.from({ length: n }, (_, r) => {
    let k = point(x[r]!);
    for (let t = 0; t < n; t++) k = I.add(k, I.neg(I.mul(point(c.get(r, t)), v[t]!)));
    for (let s = 0; s < n; s++) {
      // (I − C·J)_rs over the box.
      let e = point(r === s ? 1 : 0);
      for (let t = 0; t < n; t++) e = I.add(e, I.neg(I.mul(point(c.get(r, t)), j[t]![s]!)));
      k = I.add(k, I.mul(e, offset[s]!));
    }
    return k;
  });
}

/**
 * The interval Cholesky method on the lower triangle: the smallest lower end of the pivots
 * d_k = M_kk − Σ L_km², or −∞ as soon as one may be ≤ 0 (then nothing is concluded).
 */
function choleskyMinPivot(m: Interval[][], n: number): number {
  const l: Interval[][] = intervalMatrix(n, () => point(0));
  let smallest = Infinity;
  for (let k = 0; k < n; k++) {
    let d = m[k]![k]!;
    for (let t = 0; t < k; t++) d = I.add(d, I.neg(I.sqr(l[k]![t]!)));
    if (!(d.lo > 0)) return -Infinity;
    smallest = Math.min(smallest, d.lo);
    const root = I.sqrt(d);
    l[k]![k] = root;
    for (let i = k + 1; i < n; i++) {
      let s = m[i]![k]!;
      for (let t = 0; t < k; t++) s = I.add(s, I.neg(I.mul(l[i]![t]!, l[k]![t]!)));
      l[i]![k] = I.div(s, root);
    }
  }
  return smallest;
}
