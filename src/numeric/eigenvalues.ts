/**
 * Float eigenvalues of a real square matrix through ml-matrix's EigenvalueDecomposition, complex
 * pairs included, in a deterministic order (real part descending, then imaginary part ascending).
 *
 * Example: `eigenvalues([[0, -1], [1, 0]])` is [{re: 0, im: -1}, {re: 0, im: 1}].
 *
 * These are evidence beside the exact certificates, never a certificate themselves.
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';

export interface Complex {
  re: number;
  im: number;
}

export function eigenvalues(m: number[][]): Complex[] {
  if (m.length === 0) return [];
  const evd = new EigenvalueDecomposition(new Matrix(m));
  const re = evd.realEigenvalues;
  const im = evd.imaginaryEigenvalues;
  const out = re.map((r, i) => ({ re: r, im: im[i]! }));
  return out.sort((a, b) => b.re - a.re || a.im - b.im);
}

/** max |entry|: the scale against which "numerically zero" is judged. */
export function maxAbs(m: number[][]): number {
  let s = 0;
  for (const row of m) for (const x of row) s = Math.max(s, Math.abs(x));
  return s;
}

/**
 * Largest learning rate η for which the discrete step x + ηV(x) is stable at an equilibrium whose
 * non-tangent eigenvalues are `mu`: |1 + ημ| < 1 ⇔ η < −2 Re μ / |μ|² (MATH.md §6). Null when some
 * μ has Re μ ≥ 0 (no η works) or the list is empty (every η works as far as the linearisation says).
 * Example: `largestStableLearningRate([{re: -2, im: 0}])` is 1.
 */
export function largestStableLearningRate(mu: readonly Complex[]): number | null {
  let best = Infinity;
  for (const z of mu) {
    if (!(z.re < 0)) return null;
    best = Math.min(best, (-2 * z.re) / (z.re * z.re + z.im * z.im));
  }
  return Number.isFinite(best) ? best : null;
}

/** Numerical rank: singular values above tolerance · (largest singular value). */
export function numericalRank(m: number[][], tolerance = 1e-9): number {
  if (m.length === 0 || m[0]!.length === 0) return 0;
  const s = new SingularValueDecomposition(new Matrix(m), { autoTranspose: true }).diagonal;
  const top = s.length === 0 ? 0 : Math.max(...s);
  if (top === 0) return 0;
  return s.filter((x) => x > tolerance * top).length;
}

