/**
 * Float eigenvalues of a real square matrix through ml-matrix's EigenvalueDecomposition, complex
 * pairs included, in a deterministic order (real part descending, then imaginary part ascending).
 *
 * Example: `eigenvalues([[0, -1], [1, 0]])` is [{re: 0, im: -1}, {re: 0, im: 1}].
 *
 * These are evidence beside the exact certificates, never a certificate themselves.
 *
 * Every routine here first checks that the matrix is finite and scales it by a power of two so
 * that its largest entry lies in [1/2, 1): ml-matrix's QR and SVD iterations have no iteration
 * limit and never return on a matrix with Inf or NaN (issue 9), and squares of entries near 1e200
 * overflow inside them. A power of two changes no bit of a mantissa, so the scaled eigenvalues,
 * multiplied back, are what the unscaled matrix would give in exact arithmetic. A matrix that is
 * not finite (or results that overflow when scaled back) raise `FloatOverflowError`, which the
 * analyses turn into an *inconclusive* verdict saying so (FLOAT_OVERFLOW).
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition, pseudoInverse } from 'ml-matrix';

export interface Complex {
  re: number;
  im: number;
}

/** Why a float verdict is missing: the reason an analysis gives, as data in its finding. */
export const FLOAT_OVERFLOW = 'inconclusive: floats overflow at this scale (a float matrix entry is infinite or not a number)';

/** A float computation met a value that is not finite; nothing numerical can be said. */
export class FloatOverflowError extends Error {
  override name = 'FloatOverflowError';
  constructor(what: string) {
    super(`${what}: ${FLOAT_OVERFLOW}`);
  }
}

/** `f()`, or null when floats overflow on the way (FloatOverflowError); any other error is thrown on. */
export function nullOnOverflow<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof FloatOverflowError) return null;
    throw e;
  }
}

/** Entries below this (after scaling to [1/2, 1)) are flushed to 0: subnormals only slow the iterations, and they are far below rounding. */
const FLUSH = 2 ** -900;

/**
 * The matrix divided by a power of two s with max |entry| / s in [1/2, 1), and s; a zero matrix
 * keeps s = 1. Throws FloatOverflowError when an entry is Inf or NaN.
 */
export function scaledFinite(m: readonly (readonly number[])[], what: string): { m: number[][]; scale: number } {
  let top = 0;
  for (const row of m) {
    for (const x of row) {
      if (!Number.isFinite(x)) throw new FloatOverflowError(what);
      top = Math.max(top, Math.abs(x));
    }
  }
  if (top === 0) return { m: m.map((row) => row.slice()), scale: 1 };
  // 2^e with top / 2^e in [1/2, 1): frexp by hand (Math.log2 is exact enough to land within one step).
  let e = Math.ceil(Math.log2(top));
  if (top / 2 ** e >= 1) e++;
  if (top / 2 ** e < 0.5) e--;
  // Two factors, so that neither 2^e nor 2^-e overflows or underflows for any finite top.
  const h = Math.trunc(e / 2);
  const f1 = 2 ** -h;
  const f2 = 2 ** -(e - h);
  const scaled = m.map((row) =>
    row.map((x) => {
      const y = x * f1 * f2;
      return Math.abs(y) < FLUSH ? 0 : y;
    }),
  );
  return { m: scaled, scale: 2 ** h * 2 ** (e - h) };
}

function sortSpectrum(out: Complex[]): Complex[] {
  return out.sort((a, b) => b.re - a.re || a.im - b.im);
}

/** The eigenvalues; throws FloatOverflowError when m has a non-finite entry or they overflow. */
export function eigenvalues(m: number[][]): Complex[] {
  return eigenDecomposition(m).values;
}

/**
 * Eigenvalues (sorted as `eigenvalues`) and, in ml-matrix's order, the real eigenvalues with their
 * eigenvector columns (eigenvectors are scale-free, so the scaling does not touch them).
 */
export function eigenDecomposition(m: number[][]): { values: Complex[]; real: number[]; imaginary: number[]; vectors: Matrix } {
  if (m.length === 0) return { values: [], real: [], imaginary: [], vectors: new Matrix(0, 0) };
  const { m: scaled, scale } = scaledFinite(m, 'eigenvalues');
  const evd = new EigenvalueDecomposition(new Matrix(scaled));
  const real = evd.realEigenvalues.map((x) => x * scale);
  const imaginary = evd.imaginaryEigenvalues.map((x) => x * scale);
  if (!real.every(Number.isFinite) || !imaginary.every(Number.isFinite)) throw new FloatOverflowError('eigenvalues');
  return { values: sortSpectrum(real.map((re, i) => ({ re, im: imaginary[i]! }))), real, imaginary, vectors: evd.eigenvectorMatrix };
}

/** max |entry|: the scale against which "numerically zero" is judged (Infinity or NaN when an entry is). */
export function maxAbs(m: number[][]): number {
  let s = 0;
  for (const row of m) for (const x of row) s = Number.isNaN(x) ? NaN : Math.max(s, Math.abs(x));
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
    // Math.hypot squared, not re² + im²: the squares overflow for |μ| above 1e154.
    const modulus = Math.hypot(z.re, z.im);
    best = Math.min(best, (-2 * z.re) / modulus / modulus);
  }
  return Number.isFinite(best) ? best : null;
}

/** Numerical rank: singular values above tolerance · (largest singular value). Throws FloatOverflowError on a non-finite entry. */
export function numericalRank(m: number[][], tolerance = 1e-9): number {
  if (m.length === 0 || m[0]!.length === 0) return 0;
  const { m: scaled } = scaledFinite(m, 'numerical rank');
  const s = new SingularValueDecomposition(new Matrix(scaled), { autoTranspose: true }).diagonal;
  const top = s.length === 0 ? 0 : Math.max(...s);
  if (!Number.isFinite(top)) throw new FloatOverflowError('numerical rank');
  if (top === 0) return 0;
  return s.filter((x) => x > tolerance * top).length;
}

/**
 * The least-squares solution x = J⁺b of smallest norm (Newton's step on a singular Jacobian).
 * Throws FloatOverflowError when J or b has a non-finite entry or x overflows.
 * Example: `leastSquares([[2, 0], [0, 0]], [4, 1])` is [2, 0].
 */
export function leastSquares(j: number[][], b: readonly number[]): number[] {
  const { m: scaled, scale } = scaledFinite(j, 'least-squares step');
  if (!b.every(Number.isFinite)) throw new FloatOverflowError('least-squares step');
  // J⁺ = (J/s)⁺ / s.
  const x = pseudoInverse(new Matrix(scaled)).mmul(Matrix.columnVector(b.map((v) => v / scale))).getColumn(0);
  if (!x.every(Number.isFinite)) throw new FloatOverflowError('least-squares step');
  return x;
}
