/**
 * The kernel's own exact linear algebra over ℚ (trust argument: check.ts): rank, the
 * characteristic polynomial by Faddeev–LeVerrier, the Hurwitz determinants, and the
 * definiteness of a symmetric matrix by LDLᵀ. Plain Gaussian elimination, written for reading.
 *
 * Example: `charpoly([[q(0), q(1)], [q(-2), q(-3)]])` is [2, 3, 1]: λ² + 3λ + 2.
 */
import { Rational } from '../exact/rational.js';
import { charge } from './meter.js';

type Matrix = Rational[][];
const lcm = (x: bigint, y: bigint): bigint => {
  let [p, q] = [x, y];
  while (q !== 0n) [p, q] = [q, p % q];
  return (x / p) * y;
};
const copy = (m: Matrix): Matrix => m.map((row) => row.slice());

/** The rank, by row reduction. Example: `rank([[1, 2], [2, 4]]) === 1`. */
export function rank(matrix: Matrix): number {
  const cols = matrix[0]?.length ?? 0;
  charge(matrix.length * cols * Math.min(matrix.length, cols), `the rank of a ${matrix.length}×${cols} matrix`);
  const m = copy(matrix);
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && !row[c]!.isZero());
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i]![c]!.div(m[r]![c]!);
      if (!f.isZero()) for (let j = c; j < cols; j++) m[i]![j] = m[i]![j]!.sub(f.mul(m[r]![j]!));
    }
    r++;
  }
  return r;
}

/**
 * det(λI − A), coefficients from λ⁰ up (c[n] = 1), by the Faddeev–LeVerrier recurrence on the
 * integer matrix N = D·A (D the common denominator of A's entries), all in BigInt with no division
 * but the exact one by k (the coefficients of an integer matrix's characteristic polynomial are
 * integers):
 *   M_0 = 0, c_n = 1;  M_k = N·M_(k−1) + c_(n−k+1)·I,  c_(n−k) = −tr(N·M_k)/k  (k = 1…n).
 * Then det(λI − A) = D^(−n)·det(DλI − N), so c_i(A) = c_i(N)/D^(n−i).
 */
export function charpoly(a: Matrix): Rational[] {
  const n = a.length;
  charge(n ** 4, `the characteristic polynomial of a ${n}×${n} matrix`);
  const D = a.flat().reduce((d, x) => lcm(d, x.den), 1n);
  const N = a.map((row) => row.map((x) => x.num * (D / x.den)));
  const c: bigint[] = new Array<bigint>(n + 1).fill(0n);
  c[n] = 1n;
  let M: bigint[][] = N.map((row) => row.map(() => 0n));
  for (let k = 1; k <= n; k++) {
    const NM = N.map((row) => M[0]!.map((_, j) => row.reduce((s, x, l) => (x === 0n ? s : s + x * M[l]![j]!), 0n)));
    M = NM.map((row, i) => row.map((x, j) => (i === j ? x + c[n - k + 1]! : x)));
    const trace = N.reduce((s, row, i) => s + row.reduce((t, x, l) => (x === 0n ? t : t + x * M[l]![i]!), 0n), 0n);
    if (trace % BigInt(k) !== 0n) throw new Error('Faddeev–LeVerrier: a trace not divisible by k (internal error)');
    c[n - k] = -trace / BigInt(k);
  }
  return c.map((x, i) => Rational.of(x, D ** BigInt(n - i)));
}

/**
 * The leading principal minors Δ_1, Δ_2, … of the Hurwitz matrix of a(λ) = a_0 λ^d + a_1 λ^(d−1) + …
 * + a_d (`a` leading first), H_ij = a_(2j−i), up to a positive factor per minor: the coefficients
 * are first scaled by their (positive) common denominator L, which multiplies Δ_k by L^k and
 * keeps every sign. Fraction-free (Bareiss) elimination without row exchanges on the integer
 * matrix, where the k-th pivot is exactly Δ_k (Sylvester's identity). Stops after the first zero
 * minor (one zero already rules out "all > 0"). Example: for λ² + 3λ + 2, [3, 6].
 */
export function hurwitzMinors(a: readonly Rational[]): bigint[] {
  const d = a.length - 1;
  charge(d ** 3, `the Hurwitz determinants of a degree-${d} polynomial`);
  const L = a.reduce((l, x) => lcm(l, x.den), 1n);
  const coef = (k: number) => (k >= 0 && k <= d ? a[k]!.num * (L / a[k]!.den) : 0n);
  const m = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => coef(2 * (j + 1) - (i + 1))));
  const minors: bigint[] = [];
  let previous = 1n;
  for (let k = 0; k < d; k++) {
    const pivot = m[k]![k]!;
    minors.push(pivot);
    if (pivot === 0n) break;
    for (let i = k + 1; i < d; i++) {
      for (let j = k + 1; j < d; j++) m[i]![j] = (m[i]![j]! * pivot - m[i]![k]! * m[k]![j]!) / previous;
    }
    previous = pivot;
  }
  return minors;
}

/**
 * Definiteness of a symmetric matrix by LDLᵀ: eliminate with each diagonal pivot d in turn; d < 0
 * means indefinite; d = 0 with a nonzero entry left in its row means indefinite (a PSD matrix with
 * S_kk = 0 has row k zero, since S_kj² ≤ S_kk·S_jj); otherwise PD when every d > 0, else PSD.
 */
export function definiteness(s: Matrix): 'positive definite' | 'positive semidefinite' | 'indefinite' {
  charge(s.length ** 3, `the definiteness of a ${s.length}×${s.length} matrix`);
  const m = copy(s);
  let definite = true;
  for (let k = 0; k < m.length; k++) {
    const d = m[k]![k]!;
    if (d.sign() < 0) return 'indefinite';
    if (d.isZero()) {
      if (m[k]!.some((x, j) => j > k && !x.isZero())) return 'indefinite';
      definite = false;
      continue;
    }
    for (let i = k + 1; i < m.length; i++) {
      const f = m[i]![k]!.div(d);
      if (!f.isZero()) for (let j = k; j < m.length; j++) m[i]![j] = m[i]![j]!.sub(f.mul(m[k]![j]!));
    }
  }
  return definite ? 'positive definite' : 'positive semidefinite';
}
