/**
 * Evaluating a DAG's roots in any arithmetic: floats (the analyses' FloatField), intervals with
 * outward rounding (src/interval/), or high precision (the tests' mathjs BigNumber). A `Program`
 * is the list of nodes the roots need, in topological order, made once and run at many points.
 *
 * Example: `new Program(dag, [f]).floats(Float64Array.of(0.5))[0]` is f at x = 0.5.
 */
import type { Rational } from '../exact/rational.js';
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

export class Program {
  readonly roots: readonly Node[];
  private readonly nodes: Int32Array;
  private readonly ops: Uint8Array;
  /** Operands as slots in the program (positions in `nodes`), −1 when absent. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly rootSlots: Int32Array;
  private readonly dag: Dag;
  private floatConstants: Float64Array | null = null;

  constructor(dag: Dag, roots: readonly Node[]) {
    this.dag = dag;
    this.roots = roots;
    const order = dag.reachable(roots);
    // Slot of each node in the program, by node id (an array, not a map: programs reach 10⁶ nodes).
    const slot = new Int32Array(dag.size).fill(-1);
    order.forEach((n, k) => (slot[n] = k));
    const slotOf = (n: number) => (n >= 0 ? slot[n]! : -1);
    this.nodes = Int32Array.from(order);
    this.ops = Uint8Array.from(order, (n) => dag.op[n]!);
    this.left = Int32Array.from(order, (n) => slotOf(dag.a[n]!));
    this.right = Int32Array.from(order, (n) => slotOf(dag.b[n]!));
    this.rootSlots = Int32Array.from(roots, (r) => slot[r]!);
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
    const { ops, left, right, nodes } = this;
    for (let k = 0; k < ops.length; k++) {
      const x = v[left[k]!]!;
      switch (ops[k]) {
        case Op.CONST: v[k] = c[k]!; break;
        case Op.VAR: v[k] = inputs[this.dag.variableOf[nodes[k]!]!]!; break;
        case Op.ADD: v[k] = x + v[right[k]!]!; break;
        case Op.MUL: v[k] = x * v[right[k]!]!; break;
        case Op.NEG: v[k] = -x; break;
        case Op.DIV: v[k] = x / v[right[k]!]!; break;
        case Op.SQR: v[k] = x * x; break;
        case Op.SQRT: v[k] = Math.sqrt(x); break;
        case Op.TANH: v[k] = Math.tanh(x); break;
        case Op.SOFTPLUS: v[k] = softplus(x); break;
        case Op.SIGMOID: v[k] = sigmoid(x); break;
        case Op.RELU: v[k] = x > 0 ? x : 0; break;
        case Op.STEP: v[k] = x > 0 ? 1 : 0; break;
        default: throw new Error(`unknown op ${ops[k]}`);
      }
    }
    for (let r = 0; r < this.rootSlots.length; r++) out[r] = v[this.rootSlots[r]!]!;
    return out;
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
