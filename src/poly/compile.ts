/**
 * Float evaluation of many polynomials at once, compiled once into flat typed arrays.
 *
 * Example:
 *   const f = compilePolys([p, q], [0, 1]);   // inputs: x[0] is variable 0, x[1] variable 1
 *   const out = new Float64Array(2); f.evaluate(Float64Array.of(1.5, -2), out);
 *
 * No code is generated from text: the "program" is a coefficient array and, per term, the input
 * slots of its factors, walked by one tight loop. This is safe for any input and, for the sparse
 * low-degree polynomials of ncssl, within a small factor of generated JavaScript.
 */
import type { Poly } from './poly.js';
import { asTermList } from './term-list.js';

/** Up to this many inputs, degree-2 monomials are found through a dense inputs² table. */
const DENSE_INPUT_LIMIT = 1024;

/** Points evaluated together by `evaluateBatch`. */
export const EVALUATION_BATCH = 8;

export interface CompiledPolys {
  /** Number of inputs expected in `x`. */
  readonly inputs: number;
  /** Number of outputs written to `out`. */
  readonly outputs: number;
  /** Writes the value of each polynomial at `x` into `out`. */
  evaluate(x: Float64Array, out: Float64Array): void;
  /**
   * Evaluates at `count` ≤ EVALUATION_BATCH points at once: point b is
   * `xs[b·inputs … (b+1)·inputs)`, and the value of polynomial i at point b goes to
   * `out[i·EVALUATION_BATCH + b]` (so `out` holds outputs·EVALUATION_BATCH numbers). Every value
   * is bit-for-bit the one `evaluate` gives at that point (same products, same order of
   * summation); the batch only reads the compiled terms once for all its points, and memory
   * traffic is what costs on large Jacobians.
   */
  evaluateBatch(xs: Float64Array, count: number, out: Float64Array): void;
  /**
   * The compiled arrays themselves, for `evaluateProgramBatch` in another thread (compile with
   * `{ shared: true }` so that they live in SharedArrayBuffers and are shared, not copied).
   */
  readonly program: CompiledProgram;
}

/**
 * The compiled form: see `compilePolys`. Plain typed arrays (structured-cloneable), so the loops
 * below stay monomorphic and a worker thread can run them.
 */
export interface CompiledProgram {
  inputs: number;
  outputs: number;
  /** Monomial table: value[k] = value[parent[k]] · x[slot[k]], value[0] = 1. */
  parent: Int32Array;
  slot: Int32Array;
  /** Terms of polynomial i are polyStart[i] … polyStart[i+1]−1: coefficient and monomial index. */
  polyStart: Int32Array;
  coef: Float64Array;
  monomial: Int32Array;
}

function evaluateOne(p: CompiledProgram, x: Float64Array, values: Float64Array, out: Float64Array): void {
  const { parent, slot, polyStart, coef, monomial } = p;
  values[0] = 1;
  const nv = parent.length;
  for (let k = 1; k < nv; k++) values[k] = values[parent[k]!]! * x[slot[k]!]!;
  let j = 0;
  for (let i = 0; i < p.outputs; i++) {
    let sum = 0;
    const end = polyStart[i + 1]!;
    for (; j < end; j++) sum += coef[j]! * values[monomial[j]!]!;
    out[i] = sum;
  }
}

/**
 * Eight points at once. The eight sums live in locals (registers), which is what makes the batch
 * pay; points b ≥ count are evaluated at 0 and never read. Per point, the operations and their
 * order are those of `evaluateOne`.
 */
function evaluateEight(p: CompiledProgram, xs: Float64Array, count: number, v: Float64Array, out: Float64Array): void {
  const { parent, slot, polyStart, coef, monomial, inputs } = p;
  for (let b = 0; b < 8; b++) v[b] = 1;
  const nv = parent.length;
  for (let k = 1; k < nv; k++) {
    const from = parent[k]! * 8;
    const s = slot[k]!;
    const to = k * 8;
    for (let b = 0; b < 8; b++) v[to + b] = b < count ? v[from + b]! * xs[b * inputs + s]! : 0;
  }
  let j = 0;
  for (let i = 0; i < p.outputs; i++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    const end = polyStart[i + 1]!;
    for (; j < end; j++) {
      const c = coef[j]!;
      const at = monomial[j]! * 8;
      s0 += c * v[at]!;
      s1 += c * v[at + 1]!;
      s2 += c * v[at + 2]!;
      s3 += c * v[at + 3]!;
      s4 += c * v[at + 4]!;
      s5 += c * v[at + 5]!;
      s6 += c * v[at + 6]!;
      s7 += c * v[at + 7]!;
    }
    const to = i * 8;
    out[to] = s0;
    out[to + 1] = s1;
    out[to + 2] = s2;
    out[to + 3] = s3;
    out[to + 4] = s4;
    out[to + 5] = s5;
    out[to + 6] = s6;
    out[to + 7] = s7;
  }
}

/**
 * `evaluateBatch` of a compiled program, for a thread that holds only the program: `values` is
 * scratch of at least parent.length·EVALUATION_BATCH numbers, `out` as in `evaluateBatch`.
 */
export function evaluateProgramBatch(program: CompiledProgram, xs: Float64Array, count: number, values: Float64Array, out: Float64Array): void {
  if (!(count >= 0 && count <= EVALUATION_BATCH)) throw new RangeError(`evaluateBatch: at most ${EVALUATION_BATCH} points, got ${count}`);
  evaluateEight(program, xs, count, values, out);
}

/**
 * Reusable memory for the two large arrays of a compiled program (coefficients and monomial
 * indices, one entry per term: 19 million at d = 16). Allocating them afresh for every Jacobian
 * counts as external memory, and its growth makes V8 run full collections of the whole heap;
 * reusing one buffer avoids that. A program compiled into buffers is valid until the buffers are
 * used for the next one.
 */
export class CompileBuffers {
  private coefficients: Float64Array = new Float64Array(0);
  private monomials: Int32Array = new Int32Array(0);

  /** @param shared allocate SharedArrayBuffers (for `evaluateProgramBatch` in a worker) */
  constructor(readonly shared: boolean) {}

  /** A Float64Array and an Int32Array of exactly `terms` entries, over reused memory. */
  take(terms: number): [Float64Array, Int32Array] {
    if (this.coefficients.length < terms) {
      this.coefficients = float64(terms, this.shared);
      this.monomials = int32(terms, this.shared);
    }
    return [this.coefficients.subarray(0, terms), this.monomials.subarray(0, terms)];
  }
}

function float64(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
}
function int32(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
}
function int32From(values: readonly number[], shared: boolean): Int32Array {
  const out = int32(values.length, shared);
  out.set(values);
  return out;
}

/**
 * @param polys the polynomials, all of one ring
 * @param inputs ring indices of the variables, in the order they are given in `x`; a variable
 *   that occurs in a polynomial but not in `inputs` is an error
 *
 * Every distinct monomial is evaluated once per point, each as its prefix times one input (the
 * prefixes join the table), then each polynomial is a dot product of coefficients with monomial
 * values. Jacobians repeat the same few monomials across many entries, so this does far fewer
 * multiplications than evaluating term by term.
 */
export function compilePolys(
  polys: readonly Poly[],
  inputs: readonly number[],
  options: { shared?: boolean; buffers?: CompileBuffers } = {},
): CompiledPolys {
  const shared = options.buffers?.shared ?? options.shared ?? false;
  let top = -1;
  for (const v of inputs) if (v > top) top = v;
  const slotOf = new Int32Array(top + 1).fill(-1);
  inputs.forEach((v, i) => (slotOf[v] = i)); // a repeated input: the last slot wins, as it always did
  const slotOfCode = (code: number): number => (code <= top ? slotOf[code]! : -1);
  const monomialIndex = new Map<string, number>([['', 0]]);
  const parent: number[] = [0];
  const lastSlot: number[] = [0];
  const ensure = (m: string, ring: Poly['ring']): number => {
    const known = monomialIndex.get(m);
    if (known !== undefined) return known;
    const prefix = ensure(m.slice(0, -1), ring);
    const slot = slotOfCode(m.charCodeAt(m.length - 1));
    if (slot < 0) throw new Error(`compilePolys: variable ${ring.names[m.charCodeAt(m.length - 1)]} is not an input`);
    monomialIndex.set(m, parent.length);
    parent.push(prefix);
    lastSlot.push(slot);
    return parent.length - 1;
  };
  // Jacobians are of degree ≤ 2 and repeat a few thousand monomials over millions of terms: a
  // dense table by input slots remembers what `ensure` answered, without hashing the string.
  // Same answers, same order of first sight, so the same program. (Inlined below: this loop
  // runs once per term of every polynomial.)
  const n = inputs.length;
  const byPair = n <= DENSE_INPUT_LIMIT ? new Int32Array(n * n).fill(-1) : null;
  let termCount = 0;
  for (const p of polys) termCount += p.terms.size;
  const polyStart = int32(polys.length + 1, shared);
  const [coef, monomial] = options.buffers ? options.buffers.take(termCount) : [float64(termCount, shared), int32(termCount, shared)];
  let t = 0;
  for (let i = 0; i < polys.length; i++) {
    const p = polys[i]!;
    polyStart[i] = t;
    const { monomials: ms, coefficients: cs } = asTermList(p.terms);
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k]!;
      let index = -1;
      if (byPair !== null && m.length === 2) {
        const a = m.charCodeAt(0);
        const b = m.charCodeAt(1);
        const s = a <= top ? slotOf[a]! : -1;
        const u = b <= top ? slotOf[b]! : -1;
        if (s >= 0 && u >= 0) {
          const key = s * n + u;
          index = byPair[key]!;
          if (index < 0) index = byPair[key] = ensure(m, p.ring);
        }
      }
      coef[t] = cs[k]!.toNumber();
      monomial[t] = index >= 0 ? index : ensure(m, p.ring);
      t++;
    }
  }
  polyStart[polys.length] = t;
  const program: CompiledProgram = {
    inputs: inputs.length,
    outputs: polys.length,
    parent: int32From(parent, shared),
    slot: int32From(lastSlot, shared),
    polyStart,
    coef,
    monomial,
  };
  const values = new Float64Array(parent.length);
  let batchValues: Float64Array | null = null; // allocated on first batch: 8 × the monomial table

  return {
    inputs: inputs.length,
    outputs: polys.length,
    program,
    evaluate(x: Float64Array, out: Float64Array): void {
      evaluateOne(program, x, values, out);
    },
    evaluateBatch(xs: Float64Array, count: number, out: Float64Array): void {
      if (!(count >= 0 && count <= EVALUATION_BATCH)) throw new RangeError(`evaluateBatch: at most ${EVALUATION_BATCH} points, got ${count}`);
      batchValues ??= new Float64Array(parent.length * EVALUATION_BATCH);
      evaluateEight(program, xs, count, batchValues, out);
    },
  };
}
