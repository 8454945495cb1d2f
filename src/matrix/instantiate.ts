/**
 * Instantiation: a matrix expression at concrete dimensions, each symbol replaced by a matrix of
 * exact polynomials (A by the encoder's entries, Σ by the moments, λ by its value …), so that a
 * closed form can be compared term by term with the polynomial core.
 *
 * Example: `instantiate(form, env)[i][j]` is entry (i, j) of the form as a Poly.
 */
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import type { Ring } from '../poly/ring.js';
import type { KronTerm } from './kronecker.js';
import type { MatrixForm, ScalarFactor, Word } from './normal-form.js';
import { type ScalarValues, evaluateScalar } from './scalars.js';
import type { Dim, Shape } from './symbols.js';

export type PolyMatrix = Poly[][];

export interface Environment {
  ring: Ring;
  /** Symbol id → its value (a 1×1 matrix for a scalar symbol). */
  symbols: ReadonlyMap<string, PolyMatrix>;
  scalars: Required<ScalarValues>;
}

export function constantMatrix(ring: Ring, rows: number, cols: number, entry: (i: number, j: number) => Rational): PolyMatrix {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Poly.constant(ring, entry(i, j))));
}

export function identityMatrix(ring: Ring, n: number): PolyMatrix {
  return constantMatrix(ring, n, n, (i, j) => (i === j ? Rational.ONE : Rational.ZERO));
}

export function zeroMatrix(ring: Ring, rows: number, cols: number): PolyMatrix {
  return constantMatrix(ring, rows, cols, () => Rational.ZERO);
}

export function matMul(ring: Ring, a: PolyMatrix, b: PolyMatrix): PolyMatrix {
  const inner = b.length;
  if ((a[0]?.length ?? inner) !== inner) throw new Error('matMul: shapes differ');
  const cols = b[0]?.length ?? 0;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      const parts: Poly[] = [];
      for (let k = 0; k < inner; k++) if (!row[k]!.isZero() && !b[k]![j]!.isZero()) parts.push(row[k]!.mul(b[k]![j]!));
      return Poly.sum(ring, parts);
    }),
  );
}

export function matAdd(ring: Ring, a: PolyMatrix, b: PolyMatrix): PolyMatrix {
  return a.map((row, i) => row.map((x, j) => Poly.sum(ring, [x, b[i]![j]!])));
}

export function matTranspose(a: PolyMatrix): PolyMatrix {
  const cols = a[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => a.map((row) => row[j]!));
}

export function matScale(a: PolyMatrix, c: Poly): PolyMatrix {
  return a.map((row) => row.map((x) => x.mul(c)));
}

/** vec: the columns stacked, as an n×1 matrix. */
export function vec(a: PolyMatrix): PolyMatrix {
  const cols = a[0]?.length ?? 0;
  const out: PolyMatrix = [];
  for (let j = 0; j < cols; j++) for (const row of a) out.push([row[j]!]);
  return out;
}

export function kron(ring: Ring, a: PolyMatrix, b: PolyMatrix): PolyMatrix {
  const [ar, ac, br, bc] = [a.length, a[0]?.length ?? 0, b.length, b[0]?.length ?? 0];
  return Array.from({ length: ar * br }, (_, i) =>
    Array.from({ length: ac * bc }, (_, j) => {
      const x = a[Math.floor(i / br)]![Math.floor(j / bc)]!;
      const y = b[i % br]![j % bc]!;
      return x.isZero() || y.isZero() ? Poly.zero(ring) : x.mul(y);
    }),
  );
}

/** The commutation matrix K_{m,n}: K vec X = vec Xᵀ for every m×n matrix X. */
export function commutation(ring: Ring, m: number, n: number): PolyMatrix {
  const k = zeroMatrix(ring, m * n, m * n);
  const one = Poly.constant(ring, Rational.ONE);
  // vec X has X[i][j] at j·m + i; vec Xᵀ has it at i·n + j.
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) k[i * n + j]![j * m + i] = one;
  return k;
}

function symbolValue(env: Environment, id: string): PolyMatrix {
  const v = env.symbols.get(id);
  if (!v) throw new Error(`instantiate: no value for symbol ${id}`);
  return v;
}

function wordValue(env: Environment, word: Word, dim: Dim): PolyMatrix {
  let out = identityMatrix(env.ring, dim.size);
  for (const l of word) {
    const v = symbolValue(env, l.sym.id);
    out = matMul(env.ring, out, l.t ? matTranspose(v) : v);
  }
  return out;
}

function traceOf(env: Environment, m: PolyMatrix): Poly {
  return Poly.sum(env.ring, m.map((row, i) => row[i]!));
}

function scalarValue(env: Environment, coef: Poly, scalars: readonly ScalarFactor[]): Poly {
  let out = Poly.constant(env.ring, evaluateScalar(coef, env.scalars));
  for (const s of scalars) {
    if (s.kind === 'symbol') out = out.mul(symbolValue(env, s.sym.id)[0]![0]!);
    else {
      const first = s.word[0]!;
      const rows = first.t ? first.sym.shape.cols : first.sym.shape.rows;
      out = out.mul(traceOf(env, wordValue(env, s.word, rows)));
    }
  }
  return out;
}

/** The form's value as a matrix of polynomials. */
export function instantiate(form: MatrixForm, env: Environment): PolyMatrix {
  const { rows, cols } = form.shape;
  let out = zeroMatrix(env.ring, rows.size, cols.size);
  for (const t of form.terms.values()) {
    const c = scalarValue(env, t.coef, t.scalars);
    if (c.isZero()) continue;
    out = matAdd(env.ring, out, matScale(wordValue(env, t.word, rows), c));
  }
  return out;
}

/** A scalar form's value. */
export function instantiateScalar(form: MatrixForm, env: Environment): Poly {
  return instantiate(form, env)[0]![0]!;
}

function shapeIdentity(env: Environment, shape: Shape, word: Word): PolyMatrix {
  return wordValue(env, word, shape.rows);
}

/** One block ∂vec V / ∂vec Y from its Kronecker terms (rows × cols given for an empty block). */
export function instantiateKron(terms: readonly KronTerm[], rows: number, cols: number, env: Environment): PolyMatrix {
  let out = zeroMatrix(env.ring, rows, cols);
  for (const t of terms) {
    const c = scalarValue(env, t.coef, t.scalars);
    let m: PolyMatrix;
    switch (t.kind) {
      case 'kron': {
        m = kron(env.ring, shapeIdentity(env, t.leftShape, t.left), shapeIdentity(env, t.rightShape, t.right));
        if (t.commute) m = matMul(env.ring, m, commutation(env.ring, t.leftShape.cols.size, t.rightShape.cols.size));
        break;
      }
      case 'column':
        m = vec(wordValue(env, t.word, t.dim));
        break;
      case 'row':
        m = matTranspose(vec(wordValue(env, t.word, t.dim)));
        break;
      case 'outer':
        m = matMul(env.ring, vec(wordValue(env, t.column, t.columnDim)), matTranspose(vec(wordValue(env, t.row, t.rowDim))));
        break;
      case 'scalar':
        m = [[Poly.constant(env.ring, Rational.ONE)]];
        break;
    }
    out = matAdd(env.ring, out, matScale(m, c));
  }
  return out;
}
