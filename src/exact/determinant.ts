/**
 * Exact determinants by Bareiss's fraction-free elimination. Kept apart from charpoly.ts on
 * purpose: it is the second, independent exact path that re-checks a characteristic polynomial
 * (a polynomial of degree n is fixed by its values at n + 1 points).
 *
 * Example: `determinant([[q(1), q(2)], [q(3), q(4)]])` is -2.
 */
import { Rational } from './rational.js';
import { commonDenominator, type Matrix } from './linear-algebra.js';

/** det(N) for a square integer matrix, with row swaps when a pivot vanishes. */
export function integerDeterminant(n: bigint[][]): bigint {
  const size = n.length;
  if (size === 0) return 1n;
  const a = n.map((r) => r.slice());
  let sign = 1n;
  let previous = 1n;
  for (let k = 0; k < size - 1; k++) {
    if (a[k]![k] === 0n) {
      let p = k + 1;
      while (p < size && a[p]![k] === 0n) p++;
      if (p === size) return 0n;
      [a[k], a[p]] = [a[p]!, a[k]!];
      sign = -sign;
    }
    const pivot = a[k]![k]!;
    for (let i = k + 1; i < size; i++) {
      const rowI = a[i]!;
      const f = rowI[k]!;
      for (let j = k + 1; j < size; j++) rowI[j] = (pivot * rowI[j]! - f * a[k]![j]!) / previous;
      rowI[k] = 0n;
    }
    previous = pivot;
  }
  return sign * a[size - 1]![size - 1]!;
}

/** det(M) for a square rational matrix (each row scaled to integers by its own denominator). */
export function determinant(m: Matrix): Rational {
  let scale = 1n;
  const scaled = m.map((row) => {
    const d = commonDenominator([row]);
    scale *= d;
    return row.map((x) => x.num * (d / x.den));
  });
  return Rational.of(integerDeterminant(scaled), scale);
}

/**
 * Re-checks claimed coefficients (leading first) of det(λI − M) by computing det(μI − M) by
 * Bareiss at μ = 0, 1, …, n and comparing with the claimed polynomial's values: agreement at
 * n + 1 points proves equality of two polynomials of degree ≤ n.
 * Example: `checkCharpoly(m, charpoly(m))` is true.
 */
export function checkCharpoly(m: Matrix, claimed: readonly Rational[]): boolean {
  const n = m.length;
  if (claimed.length !== n + 1 || !claimed[0]!.isOne()) return false;
  for (let mu = 0; mu <= n; mu++) {
    const x = Rational.fromBigInt(BigInt(mu));
    const shifted = m.map((row, i) => row.map((e, j) => (i === j ? x.sub(e) : e.neg())));
    let value = Rational.ZERO;
    for (const c of claimed) value = value.mul(x).add(c);
    if (!determinant(shifted).equals(value)) return false;
  }
  return true;
}
