/**
 * Exact linear algebra over the rationals on dense row-major matrices (`Rational[][]`): products,
 * reduced row echelon form, rank, nullspace, solving, inverse, and a positive-definiteness test.
 *
 * Example:
 *   const m = [[q(1), q(2)], [q(2), q(4)]];
 *   rank(m) === 1;  nullspace(m) is [[-2, 1]];  solveLinear(m, [q(3), q(6)])!.particular is [3, 0]
 *
 * Everything is exact, so a rank or a nullspace here is a fact about the matrix, not an estimate.
 */
import { Rational } from './rational.js';

export type Matrix = Rational[][];
export type Vector = Rational[];

/** The rows×cols zero matrix. Example: `zeroMatrix(2, 3)`. */
export function zeroMatrix(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<Rational>(cols).fill(Rational.ZERO));
}

/** The n×n identity. Example: `identityMatrix(2)` is [[1, 0], [0, 1]]. */
export function identityMatrix(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)));
}

/** Matrix product a·b. Example: `matMul(identityMatrix(2), m)` equals m. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const inner = b.length;
  const cols = inner === 0 ? 0 : b[0]!.length;
  return a.map((row) => {
    if (row.length !== inner) throw new RangeError('matMul: shapes differ');
    const out = new Array<Rational>(cols).fill(Rational.ZERO);
    for (let k = 0; k < inner; k++) {
      const x = row[k]!;
      if (x.isZero()) continue;
      const bk = b[k]!;
      for (let j = 0; j < cols; j++) if (!bk[j]!.isZero()) out[j] = out[j]!.add(x.mul(bk[j]!));
    }
    return out;
  });
}

/** Matrix-vector product m·v. Example: `matVec([[q(1), q(1)]], [q(2), q(3)])` is [5]. */
export function matVec(m: Matrix, v: Vector): Vector {
  return m.map((row) => row.reduce((s, x, j) => (x.isZero() || v[j]!.isZero() ? s : s.add(x.mul(v[j]!))), Rational.ZERO));
}

/** The transpose. Example: `transposeMatrix([[q(1), q(2)]])` is [[1], [2]]. */
export function transposeMatrix(m: Matrix): Matrix {
  const cols = m.length === 0 ? 0 : m[0]!.length;
  return Array.from({ length: cols }, (_, j) => m.map((row) => row[j]!));
}

export interface Echelon {
  /** The reduced row echelon form; only the first `pivots.length` rows are nonzero. */
  rows: Matrix;
  /** Column of the leading 1 of each nonzero row, ascending. */
  pivots: number[];
}

/**
 * Reduced row echelon form by Gauss–Jordan elimination. Example: `rref([[q(2), q(4)]])` has rows
 * [[1, 2]] and pivots [0]. The input is not modified.
 */
export function rref(m: Matrix): Echelon {
  const rows = m.map((r) => r.slice());
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : rows[0]!.length;
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < nCols && r < nRows; c++) {
    let p = r;
    while (p < nRows && rows[p]![c]!.isZero()) p++;
    if (p === nRows) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivotRow = rows[r]!;
    const inv = pivotRow[c]!.inv();
    for (let j = c; j < nCols; j++) if (!pivotRow[j]!.isZero()) pivotRow[j] = pivotRow[j]!.mul(inv);
    for (let i = 0; i < nRows; i++) {
      if (i === r) continue;
      const row = rows[i]!;
      const f = row[c]!;
      if (f.isZero()) continue;
      for (let j = c; j < nCols; j++) if (!pivotRow[j]!.isZero()) row[j] = row[j]!.sub(f.mul(pivotRow[j]!));
    }
    pivots.push(c);
    r++;
  }
  return { rows, pivots };
}

/**
 * The rank, by fraction-free (Bareiss) elimination on the matrix with each row scaled to
 * integers: every intermediate entry is a minor of the input, so sizes stay bounded, unlike
 * Gauss–Jordan over the rationals. Example: `rank([[q(1), q(2)], [q(2), q(4)]]) === 1`.
 */
export function rank(m: Matrix): number {
  const a = m.map(integerRow);
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0]!.length;
  let r = 0;
  let previous = 1n;
  for (let c = 0; c < cols && r < rows; c++) {
    let p = r;
    while (p < rows && a[p]![c] === 0n) p++;
    if (p === rows) continue;
    [a[r], a[p]] = [a[p]!, a[r]!];
    const pivotRow = a[r]!;
    const pivot = pivotRow[c]!;
    for (let i = r + 1; i < rows; i++) {
      const row = a[i]!;
      const f = row[c]!;
      for (let j = c + 1; j < cols; j++) row[j] = (pivot * row[j]! - f * pivotRow[j]!) / previous;
      row[c] = 0n;
    }
    previous = pivot;
    r++;
  }
  return r;
}

/** The row times the lowest common denominator of its entries, as integers (same rank, same zeros). */
export function integerRow(row: readonly Rational[]): bigint[] {
  let l = 1n;
  for (const x of row) {
    if (x.den === 1n) continue;
    let a = l;
    let b = x.den;
    while (b !== 0n) [a, b] = [b, a % b];
    l = (l / a) * x.den;
  }
  return row.map((x) => x.num * (l / x.den));
}

/**
 * A basis of { v : m v = 0 }, one vector per free column, with a 1 at that column and 0 at the
 * other free columns (the canonical basis read off the reduced echelon form).
 * Example: `nullspace([[q(1), q(1)]])` is [[-1, 1]]. `cols` is needed when m has no rows.
 */
export function nullspace(m: Matrix, cols = m.length === 0 ? 0 : m[0]!.length): Vector[] {
  const { rows, pivots } = rref(m);
  const isPivot = new Set(pivots);
  const basis: Vector[] = [];
  for (let f = 0; f < cols; f++) {
    if (isPivot.has(f)) continue;
    const v = new Array<Rational>(cols).fill(Rational.ZERO);
    v[f] = Rational.ONE;
    pivots.forEach((pc, i) => {
      v[pc] = rows[i]![f]!.neg();
    });
    basis.push(v);
  }
  return basis;
}

export interface LinearSolution {
  /** One solution x of m x = b (free variables set to 0). */
  particular: Vector;
  /** A basis of the solutions of m x = 0: every solution is particular + a combination of these. */
  homogeneous: Vector[];
}

/**
 * All solutions of m x = b, or null when there is none.
 * Example: `solveLinear([[q(1), q(1)]], [q(2)])` is { particular: [2, 0], homogeneous: [[-1, 1]] }.
 */
export function solveLinear(m: Matrix, b: Vector, cols = m.length === 0 ? 0 : m[0]!.length): LinearSolution | null {
  const augmented = m.map((row, i) => [...row, b[i]!]);
  const { rows, pivots } = rref(augmented);
  if (pivots.includes(cols)) return null; // a row 0 = nonzero
  const particular = new Array<Rational>(cols).fill(Rational.ZERO);
  pivots.forEach((pc, i) => {
    particular[pc] = rows[i]![cols]!;
  });
  return { particular, homogeneous: nullspace(m, cols) };
}

/** The inverse, or null when m is singular. Example: `inverse([[q(2)]])` is [[1/2]]. */
export function inverse(m: Matrix): Matrix | null {
  const n = m.length;
  const { rows, pivots } = rref(m.map((row, i) => [...row, ...identityMatrix(n)[i]!]));
  if (pivots.length < n || pivots[n - 1] !== n - 1) return null;
  return rows.map((row) => row.slice(n));
}

/**
 * True when the symmetric matrix m is positive definite: symmetric elimination without pivoting
 * succeeds with every pivot > 0 (Sylvester: the pivots are ratios of leading principal minors).
 * Example: `isPositiveDefinite([[q(2), q(1)], [q(1), q(2)]]) === true`.
 */
export function isPositiveDefinite(m: Matrix): boolean {
  const n = m.length;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (!m[i]![j]!.equals(m[j]![i]!)) return false;
  const s = m.map((r) => r.slice());
  for (let k = 0; k < n; k++) {
    const d = s[k]![k]!;
    if (d.sign() <= 0) return false;
    for (let i = k + 1; i < n; i++) {
      const f = s[i]![k]!.div(d);
      if (f.isZero()) continue;
      for (let j = k + 1; j < n; j++) s[i]![j] = s[i]![j]!.sub(f.mul(s[k]![j]!));
    }
  }
  return true;
}

/** Lowest common denominator of every entry (1 for an integer matrix). */
export function commonDenominator(m: Matrix): bigint {
  let l = 1n;
  for (const row of m) {
    for (const x of row) {
      if (x.den === 1n) continue;
      let a = l;
      let b = x.den;
      while (b !== 0n) [a, b] = [b, a % b];
      l = (l / a) * x.den;
    }
  }
  return l;
}
