/**
 * The characteristic polynomial det(λI − M) of a rational matrix, exactly, by Berkowitz's
 * division-free algorithm on the integer matrix D·M (D the common denominator of M's entries).
 *
 * Example: `charpoly([[q(1), q(2)], [q(3), q(4)]])` is [1, -5, -2]: λ² − 5λ − 2.
 *
 * Division-free means the work is in BigInt products and sums only, with no gcd per step, which
 * is what keeps a 32×32 Jacobian at a rational point fast. Coefficients are returned leading
 * first: `c[0] = 1`, and `c[i]` multiplies λ^(n−i).
 */
import { Rational } from './rational.js';
import { commonDenominator, type Matrix } from './linear-algebra.js';

/** det(λI − N) for a square integer matrix N, coefficients leading first. */
export function integerCharpoly(n: bigint[][]): bigint[] {
  const size = n.length;
  if (size === 0) return [1n];
  // Work from the bottom-right 1×1 block up: p_k is the charpoly of N[k:, k:].
  let poly: bigint[] = [1n, -n[size - 1]![size - 1]!];
  for (let k = size - 2; k >= 0; k--) {
    const m = size - k; // size of the block N[k:, k:]
    // Toeplitz column t: 1, −a, −R C, −R A1 C, …, −R A1^(m−2) C with a = N[k][k],
    // R = N[k][k+1:], C = N[k+1:][k], A1 = N[k+1:][k+1:].
    const t: bigint[] = new Array<bigint>(m + 1);
    t[0] = 1n;
    t[1] = -n[k]![k]!;
    let vec: bigint[] = [];
    for (let i = k + 1; i < size; i++) vec.push(n[i]![k]!);
    for (let j = 2; j <= m; j++) {
      let dot = 0n;
      for (let i = 0; i < vec.length; i++) dot += n[k]![k + 1 + i]! * vec[i]!;
      t[j] = -dot;
      if (j === m) break;
      const next: bigint[] = new Array<bigint>(vec.length);
      for (let r = 0; r < vec.length; r++) {
        const row = n[k + 1 + r]!;
        let s = 0n;
        for (let c = 0; c < vec.length; c++) {
          const v = vec[c]!;
          if (v !== 0n) s += row[k + 1 + c]! * v;
        }
        next[r] = s;
      }
      vec = next;
    }
    // p_k = T p_{k+1}, T the (m+1)×m lower-triangular Toeplitz matrix of t.
    const out: bigint[] = new Array<bigint>(m + 1).fill(0n);
    for (let i = 0; i <= m; i++) {
      let s = 0n;
      for (let j = Math.max(0, i - m); j <= Math.min(i, m - 1); j++) s += t[i - j]! * poly[j]!;
      out[i] = s;
    }
    poly = out;
  }
  return poly;
}

/** det(λI − M) for a square rational matrix, coefficients leading first (c[0] = 1). */
export function charpoly(m: Matrix): Rational[] {
  const d = commonDenominator(m);
  const scaled = m.map((row) => row.map((x) => x.num * (d / x.den)));
  const c = integerCharpoly(scaled);
  // det(λI − D M) = D^n det((λ/D) I − M), so the coefficient of λ^(n−i) is divided by D^i.
  let power = 1n;
  return c.map((ci, i) => {
    if (i > 0) power *= d;
    return Rational.of(ci, power);
  });
}

/** The value of a polynomial given leading-first at x (Horner). Example: `evaluateAt([1, 0, -1], 2)` is 3. */
export function evaluateAt(coefficients: readonly Rational[], x: Rational): Rational {
  let v = Rational.ZERO;
  for (const c of coefficients) v = v.mul(x).add(c);
  return v;
}

/**
 * Splits c (leading first) as λ^k · r(λ) with r(0) ≠ 0: k is the multiplicity of the root 0.
 * Example: `splitZeroRoot([1, 2, 0, 0])` is { k: 2, rest: [1, 2] }.
 */
export function splitZeroRoot(coefficients: readonly Rational[]): { k: number; rest: Rational[] } {
  let end = coefficients.length;
  while (end > 1 && coefficients[end - 1]!.isZero()) end--;
  return { k: coefficients.length - end, rest: coefficients.slice(0, end) };
}
