/**
 * Routh–Hurwitz in exact arithmetic: does a real polynomial have all its roots in the open left
 * half plane? Two independent implementations, so one can re-check the other:
 * - `routhTest`: the Routh array over the rationals. All first-column entries > 0 ⇔ Hurwitz.
 *   Without zeros in the first column, its sign changes count the roots with positive real part
 *   exactly; a zero entry proves "not Hurwitz" but leaves that count open (reported as null —
 *   never guessed).
 * - `hurwitzMinors`: the leading principal minors Δ₁…Δ_d of the Hurwitz matrix by fraction-free
 *   elimination; with a₀ > 0, Hurwitz ⇔ every Δ_k > 0.
 *
 * Example: `routhTest([q(1), q(3), q(2)])` (λ² + 3λ + 2 = (λ+1)(λ+2)) is
 * { hurwitz: true, firstColumn: [1, 3, 2], rightHalfPlaneRoots: 0, zeroPivot: false }.
 * Coefficients are leading first and the leading one must be nonzero.
 */
import { Rational } from './rational.js';

export interface RouthResult {
  /** True exactly when every root has negative real part. */
  hurwitz: boolean;
  /** First column of the Routh array (of the polynomial made monic-positive), as far as computed. */
  firstColumn: Rational[];
  /** Number of roots with positive real part, when the array has no zero pivot; else null. */
  rightHalfPlaneRoots: number | null;
  /** True when a zero appeared in the first column (so some root has real part ≥ 0). */
  zeroPivot: boolean;
}

function positiveLeading(coefficients: readonly Rational[]): Rational[] {
  if (coefficients.length === 0 || coefficients[0]!.isZero()) throw new RangeError('leading coefficient must be nonzero');
  return coefficients[0]!.sign() < 0 ? coefficients.map((c) => c.neg()) : coefficients.slice();
}

/** The Routh array test (see the file comment). */
export function routhTest(coefficients: readonly Rational[]): RouthResult {
  const a = positiveLeading(coefficients);
  const d = a.length - 1;
  const width = Math.floor(d / 2) + 1;
  const row = (start: number) => Array.from({ length: width }, (_, j) => a[start + 2 * j] ?? Rational.ZERO);
  let previous = row(0);
  const firstColumn = [previous[0]!];
  if (d === 0) return { hurwitz: true, firstColumn, rightHalfPlaneRoots: 0, zeroPivot: false };
  let current = row(1);
  for (let i = 1; i <= d; i++) {
    const pivot = current[0]!;
    firstColumn.push(pivot);
    if (pivot.isZero()) return { hurwitz: false, firstColumn, rightHalfPlaneRoots: null, zeroPivot: true };
    if (i === d) break;
    const next = Array.from({ length: width }, (_, j) =>
      pivot
        .mul(previous[j + 1] ?? Rational.ZERO)
        .sub(previous[0]!.mul(current[j + 1] ?? Rational.ZERO))
        .div(pivot),
    );
    previous = current;
    current = next;
  }
  let changes = 0;
  for (let i = 1; i < firstColumn.length; i++) if (firstColumn[i]!.sign() !== firstColumn[i - 1]!.sign()) changes++;
  return { hurwitz: changes === 0, firstColumn, rightHalfPlaneRoots: changes, zeroPivot: false };
}

/**
 * Leading principal minors Δ₁, Δ₂, … of the Hurwitz matrix H (H_ij = a_(2j−i), 1-based) of the
 * polynomial scaled to integer coefficients with a₀ > 0 (a positive scaling keeps every sign).
 * Stops after the first zero minor. Example: `hurwitzMinors([q(1), q(3), q(2)])` is [3, 6].
 */
export function hurwitzMinors(coefficients: readonly Rational[]): bigint[] {
  const a = positiveLeading(coefficients);
  let den = 1n;
  for (const c of a) {
    let x = den;
    let y = c.den;
    while (y !== 0n) [x, y] = [y, x % y];
    den = (den / x) * c.den;
  }
  const ints = a.map((c) => c.num * (den / c.den));
  const d = ints.length - 1;
  const coef = (k: number) => (k < 0 || k > d ? 0n : ints[k]!);
  const h: bigint[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => coef(2 * (j + 1) - (i + 1))));
  const minors: bigint[] = [];
  let previous = 1n;
  for (let k = 0; k < d; k++) {
    const pivot = h[k]![k]!;
    minors.push(pivot); // Bareiss without pivoting: the k-th pivot is the (k+1)-th leading minor
    if (pivot === 0n) break;
    for (let i = k + 1; i < d; i++) {
      for (let j = k + 1; j < d; j++) h[i]![j] = (pivot * h[i]![j]! - h[i]![k]! * h[k]![j]!) / previous;
      h[i]![k] = 0n;
    }
    previous = pivot;
  }
  return minors;
}

/** Hurwitz stability from the minors alone: a₀ > 0 and every Δ_k > 0 (degree 0 is vacuously stable). */
export function hurwitzByMinors(coefficients: readonly Rational[]): boolean {
  const minors = hurwitzMinors(coefficients);
  return minors.length === coefficients.length - 1 && minors.every((m) => m > 0n);
}
