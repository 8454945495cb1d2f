/**
 * Exact linear algebra on dense rational matrices (`Rational[][]`, row-major): symmetry, and a
 * positive-semidefiniteness decision by symmetric LDLᵀ elimination with a checkable witness.
 *
 * Example: `psdCheck([[q(1), q(2)], [q(2), q(1)]])` is `{ psd: false, … }` with witness vector
 * x = (2, -1) (up to scaling) and xᵀMx < 0.
 */
import { Rational } from './rational.js';

/** The n×n identity. Example: `identity(2)` is [[1, 0], [0, 1]]. */
export function identity(n: number): Rational[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)),
  );
}

/** Entrywise sum of two matrices of the same shape. Example: `addMatrices(identity(2), identity(2))` is 2·I. */
export function addMatrices(a: Rational[][], b: Rational[][]): Rational[][] {
  if (a.length !== b.length) throw new RangeError('addMatrices: shapes differ');
  return a.map((row, i) => {
    const other = b[i]!;
    if (row.length !== other.length) throw new RangeError('addMatrices: shapes differ');
    return row.map((x, j) => x.add(other[j]!));
  });
}

/** The matrix c·m. Example: `scaleMatrix(q(1, 2), identity(2))` is [[1/2, 0], [0, 1/2]]. */
export function scaleMatrix(c: Rational, m: Rational[][]): Rational[][] {
  return m.map((row) => row.map((x) => c.mul(x)));
}

/** The transpose mᵀ. Example: `transpose([[q(1), q(2)]])` is [[1], [2]]. */
export function transpose(m: Rational[][]): Rational[][] {
  const cols = m.length === 0 ? 0 : m[0]!.length;
  return Array.from({ length: cols }, (_, j) => m.map((row) => row[j]!));
}

/** True when m is square and m[i][j] = m[j][i] exactly. Example: `isSymmetric(identity(3)) === true`. */
export function isSymmetric(m: Rational[][]): boolean {
  const n = m.length;
  for (let i = 0; i < n; i++) {
    if (m[i]!.length !== n) return false;
    for (let j = 0; j < i; j++) if (!m[i]![j]!.equals(m[j]![i]!)) return false;
  }
  return true;
}

/**
 * Outcome of `psdCheck`. When not PSD, `vector` is an integer vector x with `value` = xᵀMx < 0,
 * so anyone can re-check the refusal with one matrix-vector product; `witness` says it in words.
 */
export type PsdResult =
  | { psd: true }
  | { psd: false; witness: string; vector: Rational[]; value: Rational };

/**
 * Decides exactly whether the symmetric matrix m is positive semidefinite.
 * Example: `psdCheck([[q(1), q(1)], [q(1), q(1)]])` is `{ psd: true }` (singular but PSD).
 *
 * Symmetric elimination without pivoting: m = L D Lᵀ with D ≥ 0 exists iff m is PSD, provided a
 * zero pivot is only accepted when its remaining column is zero (otherwise a 2×2 principal block
 * [[0, b], [b, c]] with b ≠ 0 has determinant −b² < 0). Throws RangeError if m is not symmetric.
 *
 * The elimination is fraction-free (Bareiss) on the integer matrix a = D m D, D = diag(d_i) with
 * d_i the lcm of row i's denominators: a congruence with D > 0, so a is PSD iff m is, and a
 * witness x for a gives the witness D x for m. After eliminating the pivots P,
 * a[i][j] = det a[P∪{i}, P∪{j}] and the Schur complement is a / det a[P, P] with a positive
 * divisor, so its signs and zeros are read off integers that never need a gcd. With rationals the
 * same 128×128 check was several times slower; scaling row by row instead of by one common
 * denominator keeps the integers n times shorter (a 16×16 matrix of 50-digit fractions: 0.4 s
 * instead of 14 s). `psdWorkEstimate` bounds the work before it starts.
 */
export function psdCheck(m: Rational[][]): PsdResult {
  if (!isSymmetric(m)) throw new RangeError('psdCheck needs a square symmetric matrix');
  const n = m.length;
  const scales = rowScales(m);
  const a = m.map((row, i) => row.map((x, j) => x.num * (scales[i]! / x.den) * scales[j]!));
  // pivotColumn[k] is column k when it was eliminated (L = column / pivot); unset for skipped k.
  const pivotColumn: bigint[][] = [];
  let previous = 1n; // det m[P, P] of the pivots eliminated so far (scaled)
  for (let k = 0; k < n; k++) {
    const d = a[k]![k]!;
    if (d < 0n) {
      // The Schur complement's form at e_k is d / previous < 0; lifted to x it is xᵀMx, with x
      // supported on the leading (k+1)×(k+1) block.
      const y = new Map<number, Rational>([[k, Rational.ONE]]);
      return refuse(m, scales, pivotColumn, k, y, `the leading ${k + 1}×${k + 1} block`);
    }
    if (d === 0n) {
      const i = a.findIndex((row, r) => r > k && row[k] !== 0n);
      if (i < 0) continue; // zero row and column: nothing to eliminate, P unchanged
      // On {k, i} the (scaled) Schur complement is [[0, b], [b, c]]; y = (−(c + 1)/(2b), 1) gives −1.
      const b = a[i]![k]!;
      const c = a[i]![i]!;
      const y = new Map<number, Rational>([
        [k, Rational.of(-(c + 1n), 2n * b)],
        [i, Rational.ONE],
      ]);
      const block =
        i === k + 1
          ? `the leading ${k + 2}×${k + 2} block`
          : `the principal block on rows and columns 0..${k} and ${i}`;
      return refuse(m, scales, pivotColumn, k, y, block);
    }
    pivotColumn[k] = a.map((row) => row[k]!);
    for (let i = k + 1; i < n; i++) {
      const aik = a[i]![k]!;
      for (let j = k + 1; j <= i; j++) {
        const v = (d * a[i]![j]! - aik * a[j]![k]!) / previous; // exact by Sylvester's identity
        a[i]![j] = v;
        a[j]![i] = v;
      }
    }
    previous = d;
  }
  return { psd: true };
}

/** d_i = lcm of the denominators of row i: D m D is an integer matrix (m symmetric). */
function rowScales(m: Rational[][]): bigint[] {
  return m.map((row) => row.reduce((l, x) => (l / gcd(l, x.den)) * x.den, 1n));
}

/**
 * An upper bound on the bits of the integers psdCheck's elimination of m works with (Hadamard:
 * a k×k minor of D m D has at most k·(B + log2 k) bits for entries of B bits), and an estimate
 * of its work: Σ_k (n − k)² products of k·B-bit integers, each costing (k·B)^1.6 bit operations
 * (V8 multiplies large BigInts by Karatsuba). Linear in the entries, so the spec reader can
 * refuse a matrix whose check would not end in reasonable time before starting it (issue 9).
 */
export function psdWorkEstimate(m: Rational[][]): { bits: number; work: number } {
  const n = m.length;
  const d = rowScales(m);
  const bitsOf = (x: bigint): number => (x < 0n ? -x : x).toString(16).length * 4;
  const rowBits = d.map(bitsOf);
  let entry = 1;
  m.forEach((row, i) => row.forEach((x, j) => (entry = Math.max(entry, bitsOf(x.num) - bitsOf(x.den) + 4 + rowBits[i]! + rowBits[j]!))));
  let work = 0;
  for (let k = 1; k <= n; k++) work += (n - k + 1) ** 2 * (k * (entry + Math.log2(k + 1))) ** 1.6;
  return { bits: Math.ceil(n * (entry + Math.log2(n + 1))), work };
}

/**
 * Builds the refusal: lifts the trailing vector y (indices ≥ k) to x with x_j = −Σ_{i>j} L[i][j] x_i
 * for eliminated j < k (0 for skipped ones), so that xᵀ(D m D)x is the Schur complement's form at
 * y, which is negative; D x is then a witness for m. It is scaled to coprime integers and the value
 * recomputed directly from m, so the reported number never depends on the elimination being right.
 */
function refuse(
  m: Rational[][],
  d: readonly bigint[],
  pivotColumn: bigint[][],
  k: number,
  y: Map<number, Rational>,
  block: string,
): PsdResult {
  const n = m.length;
  const x = new Array<Rational>(n).fill(Rational.ZERO);
  for (const [i, v] of y) x[i] = v;
  for (let j = k - 1; j >= 0; j--) {
    const col = pivotColumn[j];
    if (col === undefined) continue;
    let acc = Rational.ZERO;
    for (let i = j + 1; i < n; i++) if (col[i] !== 0n) acc = acc.add(Rational.of(col[i]!, col[j]!).mul(x[i]!));
    x[j] = acc.neg();
  }
  const vector = toCoprimeIntegers(x.map((v, i) => v.mul(Rational.fromBigInt(d[i]!))));
  const value = quadraticForm(m, vector);
  if (value.sign() >= 0) throw new Error('psdCheck: internal error, witness is not negative');
  const witness = `${block} is not positive semidefinite: xᵀMx = ${value} < 0 for ${describeVector(vector)}`;
  return { psd: false, witness, vector, value };
}

/** xᵀMx, computed directly. */
function quadraticForm(m: Rational[][], x: Rational[]): Rational {
  let total = Rational.ZERO;
  for (let i = 0; i < x.length; i++) {
    if (x[i]!.isZero()) continue;
    let row = Rational.ZERO;
    for (let j = 0; j < x.length; j++) row = row.add(m[i]![j]!.mul(x[j]!));
    total = total.add(x[i]!.mul(row));
  }
  return total;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A positive multiple of x with coprime integer entries (x ≠ 0). */
function toCoprimeIntegers(x: Rational[]): Rational[] {
  let lcm = 1n;
  for (const v of x) lcm = (lcm / gcd(lcm, v.den)) * v.den;
  const ints = x.map((v) => (v.num * lcm) / v.den);
  const g = ints.reduce((acc, v) => gcd(acc, v), 0n);
  return ints.map((v) => Rational.fromBigInt(v / g));
}

/** Short vectors in full; long ones by their nonzero entries (0-based), so text stays small. */
function describeVector(x: Rational[]): string {
  if (x.length <= 8) return `x = (${x.join(', ')})`;
  const parts = x.flatMap((v, i) => (v.isZero() ? [] : [`x[${i}] = ${v}`]));
  return `${parts.join(', ')}, other entries 0`;
}
