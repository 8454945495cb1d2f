/**
 * Evaluating a DAG's roots in any arithmetic: floats (the analyses' FloatField), intervals with
 * outward rounding (src/interval/), or high precision (the tests' mathjs BigNumber). A `Program`
 * is the list of nodes the roots need, in topological order, made once and run at many points.
 *
 * Example: `new Program(dag, [f]).floats(Float64Array.of(0.5))[0]` is f at x = 0.5.
 */
import { Rational } from '../exact/rational.js';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
const TWO = Rational.of(2);
import { type Dag, type Node, Op, type OpCode } from './dag.js';

/** The operations a DAG needs from a number type. */
export interface Arithmetic<T> {
  constant(r: Rational): T;
  add(x: T, y: T): T;
  mul(x: T, y: T): T;
  neg(x: T): T;
  div(x: T, y: T): T;
  sqr(x: T): T;
  sqrt(x: T): T;
  tanh(x: T): T;
  softplus(x: T): T;
  sigmoid(x: T): T;
  relu(x: T): T;
  step(x: T): T;
}

/** softplus(x) = log(1 + eˣ), written so that it neither overflows nor loses digits. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export const floatArithmetic: Arithmetic<number> = {
  constant: (r) => r.toNumber(),
  add: (x, y) => x + y,
  mul: (x, y) => x * y,
  neg: (x) => -x,
  div: (x, y) => x / y,
  sqr: (x) => x * x,
  sqrt: Math.sqrt,
  tanh: Math.tanh,
  softplus,
  sigmoid,
  relu: (x) => (x > 0 ? x : 0),
  step: (x) => (x > 0 ? 1 : 0),
};

/**
 * A program's flat form, for passes written outside this file (the interval passes of
 * src/interval/partials.ts): per slot k (position in topological order) its op, its operands as
 * slots (−1 when absent), its variable index (VAR, else −1) and its constant (CONST, else null).
 */
export interface ProgramSlots {
  readonly ops: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly variableAt: Int32Array;
  readonly constantAt: (slot: number) => Rational | null;
  /** The slot of each root. */
  readonly rootSlots: Int32Array;
}

/** Programs by their roots array (`Program.of`), dropped with the array. */
const made = new WeakMap<readonly Node[], Program>();

/** Columns per tangent pass in `floatJacobian`. */
const LANES = 8;

export class Program {
  readonly roots: readonly Node[];
  private readonly nodes: Int32Array;
  private readonly ops: Uint8Array;
  /** Operands as slots in the program (positions in `nodes`), −1 when absent. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  /** Variable index of each VAR slot, −1 elsewhere. */
  private readonly variableAt: Int32Array;
  private readonly rootSlots: Int32Array;
  private readonly dag: Dag;
  private floatConstants: Float64Array | null = null;
  /** One more than the largest variable index the program reads (0 when it reads none). */
  private readonly variableCount: number;
  private scratchBuffer = new Float64Array(0);

  constructor(dag: Dag, roots: readonly Node[]) {
    this.dag = dag;
    this.roots = roots;
    const order = dag.reachable(roots);
    // Slot of each node in the program, by node id (an array, not a map: programs reach 10⁶ nodes).
    const slot = new Int32Array(dag.size).fill(-1);
    const length = order.length;
    this.nodes = new Int32Array(length);
    this.ops = new Uint8Array(length);
    this.left = new Int32Array(length);
    this.right = new Int32Array(length);
    this.variableAt = new Int32Array(length);
    for (let k = 0; k < length; k++) {
      const n = order[k]!;
      slot[n] = k;
      const a = dag.a[n]!;
      const b = dag.b[n]!;
      this.nodes[k] = n;
      this.ops[k] = dag.op[n]!;
      this.left[k] = a >= 0 ? slot[a]! : -1;
      this.right[k] = b >= 0 ? slot[b]! : -1;
      this.variableAt[k] = dag.op[n] === Op.VAR ? dag.variableOf[n]! : -1;
    }
    this.rootSlots = Int32Array.from(roots, (r) => slot[r]!);
    let variables = 0;
    for (const v of this.variableAt) variables = Math.max(variables, v + 1);
    this.variableCount = variables;
  }

  /**
   * The program of `roots`, made once per roots array: the same array (not merely the same nodes)
   * gives the same Program, so a variant's FloatField and its certified curl compile V once. The
   * array must not change afterwards (fields are built before they are read).
   */
  static of(dag: Dag, roots: readonly Node[]): Program {
    const hit = made.get(roots);
    if (hit && hit.dag === dag) return hit;
    const program = new Program(dag, roots);
    made.set(roots, program);
    return program;
  }

  /** The flat form, shared (not copied): read it, never write it. */
  slots(): ProgramSlots {
    const { ops, left, right, variableAt, rootSlots, nodes, dag } = this;
    return { ops, left, right, variableAt, rootSlots, constantAt: (k) => (ops[k] === Op.CONST ? dag.constants[nodes[k]!]! : null) };
  }

  /** Number of nodes evaluated per run. */
  get length(): number {
    return this.nodes.length;
  }

  /** The roots at `inputs` (indexed by variable index), in any arithmetic. */
  run<T>(arithmetic: Arithmetic<T>, inputs: readonly T[]): T[] {
    const v: T[] = new Array(this.nodes.length);
    for (let k = 0; k < this.nodes.length; k++) {
      const n = this.nodes[k]!;
      const x = v[this.left[k]!]!;
      v[k] = apply(arithmetic, this.ops[k]! as OpCode, x, this.right[k]! >= 0 ? v[this.right[k]!]! : x, () => this.dag.constants[n]!, () => inputs[this.dag.variableOf[n]!]!);
    }
    return Array.from(this.rootSlots, (s) => v[s]!);
  }

  /** The roots at `inputs` in floats, written to `out` (allocated when absent). */
  floats(inputs: Float64Array, out: Float64Array = new Float64Array(this.rootSlots.length), scratch: Float64Array = new Float64Array(this.nodes.length)): Float64Array {
    const c = (this.floatConstants ??= Float64Array.from(this.nodes, (n) => (this.dag.op[n] === Op.CONST ? this.dag.constants[n]!.toNumber() : 0)));
    const v = scratch;
    const { ops, left, right, variableAt } = this;
    for (let k = 0; k < ops.length; k++) {
      // Operands are read inside the cases: constants and variables have none (slot −1).
      switch (ops[k]) {
        case Op.ADD: v[k] = v[left[k]!]! + v[right[k]!]!; break;
        case Op.MUL: v[k] = v[left[k]!]! * v[right[k]!]!; break;
        case Op.CONST: v[k] = c[k]!; break;
        case Op.VAR: v[k] = inputs[variableAt[k]!]!; break;
        case Op.NEG: v[k] = -v[left[k]!]!; break;
        case Op.DIV: v[k] = v[left[k]!]! / v[right[k]!]!; break;
        case Op.SQR: { const x = v[left[k]!]!; v[k] = x * x; break; }
        case Op.SQRT: v[k] = Math.sqrt(v[left[k]!]!); break;
        case Op.TANH: v[k] = Math.tanh(v[left[k]!]!); break;
        case Op.SOFTPLUS: v[k] = softplus(v[left[k]!]!); break;
        case Op.SIGMOID: v[k] = sigmoid(v[left[k]!]!); break;
        case Op.RELU: { const x = v[left[k]!]!; v[k] = x > 0 ? x : 0; break; }
        case Op.STEP: v[k] = v[left[k]!]! > 0 ? 1 : 0; break;
        default: throw new Error(`unknown op ${ops[k]}`);
      }
    }
    for (let r = 0; r < this.rootSlots.length; r++) out[r] = v[this.rootSlots[r]!]!;
    return out;
  }

  /**
   * ∂root_i/∂x_j for the variables j = 0..columns−1, written row-major to `out` (roots × columns):
   * forward mode, one pass of the values then tangent passes of `LANES` columns each (the node's
   * op and values read once for all its lanes), never building the derivatives as nodes (that
   * graph grows with columns × program size; this costs only time).
   */
  floatJacobian(inputs: Float64Array, columns: number, out: Float64Array = new Float64Array(this.rootSlots.length * columns)): Float64Array {
    const value = this.nodeValues(inputs);
    const K = LANES;
    const seed = new Float64Array(this.variableCount * K);
    for (let j0 = 0; j0 < columns; j0 += K) {
      seed.fill(0);
      for (let d = 0; d < K && j0 + d < Math.min(columns, this.variableCount); d++) seed[(j0 + d) * K + d] = 1;
      const t = this.tangentPass(value, seed, K);
      for (let i = 0; i < this.rootSlots.length; i++) {
        const s = this.rootSlots[i]!;
        for (let d = 0; d < K && j0 + d < columns; d++) out[i * columns + j0 + d] = t[s * K + d]!;
      }
    }
    return out;
  }

  /**
   * DV·w: the roots' derivatives along `direction` (one tangent per variable), one forward pass.
   * `values` (from `nodeValues` at the same inputs) saves the pass of the values.
   */
  floatJacobianVector(inputs: Float64Array, direction: Float64Array, values: Float64Array = this.nodeValues(inputs)): Float64Array {
    const seed = new Float64Array(this.variableCount);
    seed.set(direction.subarray(0, Math.min(direction.length, seed.length)));
    const t = this.tangentPass(values, seed, 1);
    return Float64Array.from(this.rootSlots, (s) => t[s]!);
  }

  /**
   * wᵀDV: the gradient of Σ_r w_r·root_r in the variables 0..columns−1, one reverse pass (the
   * adjoint of each node, newest first). `values` as in `floatJacobianVector`.
   */
  floatVectorJacobian(inputs: Float64Array, weights: Float64Array, columns: number, value: Float64Array = this.nodeValues(inputs)): Float64Array {
    const g = this.scratch(1);
    g.fill(0);
    this.rootSlots.forEach((s, r) => (g[s]! += weights[r]!));
    const { ops, left, right } = this;
    const out = new Float64Array(columns);
    for (let k = ops.length - 1; k >= 0; k--) {
      const gk = g[k]!;
      if (gk === 0) continue;
      const l = left[k]!;
      const r = right[k]!;
      switch (ops[k]) {
        case Op.VAR: { const v = this.variableAt[k]!; if (v < columns) out[v]! += gk; break; }
        case Op.ADD: g[l]! += gk; g[r]! += gk; break;
        case Op.MUL: g[l]! += gk * value[r]!; g[r]! += gk * value[l]!; break;
        case Op.NEG: g[l]! -= gk; break;
        case Op.DIV: g[l]! += gk / value[r]!; g[r]! -= (gk * value[k]!) / value[r]!; break;
        case Op.SQR: g[l]! += 2 * gk * value[l]!; break;
        case Op.SQRT: g[l]! += gk / (2 * value[k]!); break;
        case Op.TANH: g[l]! += gk * (1 - value[k]! * value[k]!); break;
        case Op.SOFTPLUS: g[l]! += gk * sigmoid(value[l]!); break;
        case Op.SIGMOID: g[l]! += gk * value[k]! * (1 - value[k]!); break;
        case Op.RELU: if (value[l]! > 0) g[l]! += gk; break;
        default: break; // CONST, STEP
      }
    }
    return out;
  }

  /** The value of every node of the program at `inputs`, by slot (what the passes above share). */
  nodeValues(inputs: Float64Array, out: Float64Array = new Float64Array(this.nodes.length)): Float64Array {
    this.floats(inputs, new Float64Array(this.rootSlots.length), out);
    return out;
  }

  /** A buffer of `lanes` numbers per node, kept between calls (the passes run at many points). */
  private scratch(lanes: number): Float64Array {
    const size = this.nodes.length * lanes;
    if (this.scratchBuffer.length < size) this.scratchBuffer = new Float64Array(size);
    return this.scratchBuffer.subarray(0, size);
  }

  /**
   * Tangents of every node in K lanes at once, given the node values: lane d starts from
   * seed[v·K + d] at variable v, and node k's tangent in lane d is written to t[k·K + d] (t is the
   * shared scratch, valid until the next pass). Each lane does the operations of a single-lane
   * pass, so K lanes give the same numbers as K passes.
   */
  private tangentPass(value: Float64Array, seed: Float64Array, K: number): Float64Array {
    const t = this.scratch(K);
    const { ops, left, right, variableAt } = this;
    for (let k = 0; k < ops.length; k++) {
      const l = left[k]! * K;
      const r = right[k]! * K;
      const at = k * K;
      switch (ops[k]) {
        case Op.ADD: for (let d = 0; d < K; d++) t[at + d] = t[l + d]! + t[r + d]!; break;
        case Op.MUL: { const x = value[left[k]!]!; const y = value[right[k]!]!; for (let d = 0; d < K; d++) t[at + d] = t[l + d]! * y + x * t[r + d]!; break; }
        case Op.CONST: case Op.STEP: for (let d = 0; d < K; d++) t[at + d] = 0; break;
        case Op.VAR: { const v = variableAt[k]! * K; for (let d = 0; d < K; d++) t[at + d] = seed[v + d]!; break; }
        case Op.NEG: for (let d = 0; d < K; d++) t[at + d] = -t[l + d]!; break;
        case Op.DIV: { const z = value[k]!; const y = value[right[k]!]!; for (let d = 0; d < K; d++) t[at + d] = (t[l + d]! - z * t[r + d]!) / y; break; }
        case Op.SQR: { const x = value[left[k]!]!; for (let d = 0; d < K; d++) t[at + d] = 2 * x * t[l + d]!; break; }
        case Op.SQRT: { const z = value[k]!; for (let d = 0; d < K; d++) t[at + d] = t[l + d]! / (2 * z); break; }
        case Op.TANH: { const z = value[k]!; for (let d = 0; d < K; d++) t[at + d] = (1 - z * z) * t[l + d]!; break; }
        case Op.SOFTPLUS: { const s = sigmoid(value[left[k]!]!); for (let d = 0; d < K; d++) t[at + d] = s * t[l + d]!; break; }
        case Op.SIGMOID: { const z = value[k]!; for (let d = 0; d < K; d++) t[at + d] = z * (1 - z) * t[l + d]!; break; }
        case Op.RELU: { const on = value[left[k]!]! > 0; for (let d = 0; d < K; d++) t[at + d] = on ? t[l + d]! : 0; break; }
        default: throw new Error(`unknown op ${ops[k]}`);
      }
    }
    return t;
  }

  /**
   * The roots and their derivatives along each of `directions` (each a tangent per variable), in
   * any arithmetic: forward mode over `arithmetic`, so in intervals it encloses the directional
   * derivatives over a box. Returns, per root, `[value, d₁, d₂, …]`.
   */
  runWithTangents<T>(ar: Arithmetic<T>, inputs: readonly T[], directions: readonly (readonly (T | null)[])[]): T[][] {
    // A tangent is null where it is exactly 0 (no path from a seeded variable): most nodes of a
    // field depend on few variables, and skipping them is exact, not an approximation.
    const m = directions.length;
    const v: T[] = new Array(this.nodes.length);
    const t: (T | null)[][] = new Array(this.nodes.length);
    const two = ar.constant(TWO);
    const oneC = ar.constant(ONE);
    const plus = (p: T | null, q: T | null): T | null => (p === null ? q : q === null ? p : ar.add(p, q));
    const times = (factor: () => T, p: T | null): T | null => (p === null ? null : ar.mul(factor(), p));
    const none: null[] = new Array(m).fill(null);
    for (let k = 0; k < this.nodes.length; k++) {
      const n = this.nodes[k]!;
      const op = this.ops[k]! as OpCode;
      const l = this.left[k]!;
      const r = this.right[k]!;
      const x = v[l]!;
      const y = r >= 0 ? v[r]! : x;
      const value = apply(ar, op, x, y, () => this.dag.constants[n]!, () => inputs[this.dag.variableOf[n]!]!);
      v[k] = value;
      if (op === Op.CONST || op === Op.STEP) {
        t[k] = none;
        continue;
      }
      const tx = t[l] ?? none;
      const ty = r >= 0 ? t[r]! : tx;
      const out: (T | null)[] = new Array(m);
      for (let d = 0; d < m; d++) {
        const a = tx[d]!;
        const b = ty[d]!;
        switch (op) {
          case Op.VAR: out[d] = directions[d]![this.dag.variableOf[n]!] ?? null; break;
          case Op.ADD: out[d] = plus(a, b); break;
          case Op.MUL: out[d] = plus(times(() => y, a), times(() => x, b)); break;
          case Op.NEG: out[d] = a === null ? null : ar.neg(a); break;
          case Op.DIV: { const num = plus(a, b === null ? null : ar.neg(ar.mul(value, b))); out[d] = num === null ? null : ar.div(num, y); break; }
          case Op.SQR: out[d] = times(() => ar.mul(two, x), a); break;
          case Op.SQRT: out[d] = a === null ? null : ar.div(a, ar.mul(two, value)); break;
          case Op.TANH: out[d] = times(() => ar.add(oneC, ar.neg(ar.sqr(value))), a); break;
          case Op.SOFTPLUS: out[d] = times(() => ar.sigmoid(x), a); break;
          case Op.SIGMOID: out[d] = times(() => ar.mul(value, ar.add(oneC, ar.neg(value))), a); break;
          case Op.RELU: out[d] = times(() => ar.step(x), a); break;
          default: throw new Error(`unknown op ${op}`);
        }
      }
      t[k] = out;
    }
    const zero = ar.constant(ZERO);
    return Array.from(this.rootSlots, (s) => [v[s]!, ...t[s]!.map((d) => d ?? zero)]);
  }
}

function apply<T>(ar: Arithmetic<T>, op: OpCode, x: T, y: T, constant: () => Rational, input: () => T): T {
  switch (op) {
    case Op.CONST: return ar.constant(constant());
    case Op.VAR: return input();
    case Op.ADD: return ar.add(x, y);
    case Op.MUL: return ar.mul(x, y);
    case Op.NEG: return ar.neg(x);
    case Op.DIV: return ar.div(x, y);
    case Op.SQR: return ar.sqr(x);
    case Op.SQRT: return ar.sqrt(x);
    case Op.TANH: return ar.tanh(x);
    case Op.SOFTPLUS: return ar.softplus(x);
    case Op.SIGMOID: return ar.sigmoid(x);
    case Op.RELU: return ar.relu(x);
    case Op.STEP: return ar.step(x);
    default: throw new Error(`unknown op ${op}`);
  }
}
