/**
 * Expressions as a hash-consed DAG: every distinct subexpression is one node, built once, so a
 * loss summed over many pairs and its derivatives share what they have in common (the common
 * subexpressions a report will name). Constants are exact rationals, so the same DAG evaluates in
 * floats, in intervals that enclose the exact constants, or in high precision (evaluate.ts).
 *
 * Example:
 *   const g = new Dag(); const x = g.variable('x');
 *   const f = g.tanh(g.mul(x, x));                   // tanh(x²)
 *   const [df] = g.gradient(f, [g.variableIndex('x')]); // 2x·(1 − tanh(x²)²), as a node
 *
 * Nodes are numbered in creation order and a node's operands are always older, so increasing id
 * is a topological order: evaluation and differentiation are single passes over ids.
 */
import { Rational } from '../exact/rational.js';

/** Node kinds. SQR is x² (kept apart from x·x so that interval evaluation gives a square ≥ 0). */
export const Op = {
  CONST: 0,
  VAR: 1,
  ADD: 2,
  MUL: 3,
  NEG: 4,
  DIV: 5,
  SQR: 6,
  SQRT: 7,
  TANH: 8,
  SOFTPLUS: 9,
  SIGMOID: 10,
  RELU: 11,
  /** Heaviside step, the derivative of ReLU away from 0 (0 at 0 by convention: not smooth there). */
  STEP: 12,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

/** A node, by its id in the DAG. */
export type Node = number;

export class Dag {
  /** Per node: its kind, operands (−1 when absent), and for CONST its value, for VAR its index. */
  readonly op: OpCode[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly constants: (Rational | null)[] = [];
  readonly variableOf: number[] = [];
  /** Variable names, by variable index. */
  readonly variables: string[] = [];
  private readonly variableNodes: Node[] = [];
  private readonly index = new Map<string, Node>();
  readonly zero: Node;
  readonly one: Node;

  constructor() {
    this.zero = this.constant(Rational.ZERO);
    this.one = this.constant(Rational.ONE);
  }

  get size(): number {
    return this.op.length;
  }

  private make(op: OpCode, a: number, b: number, key: string, value: Rational | null = null, variable = -1): Node {
    const hit = this.index.get(key);
    if (hit !== undefined) return hit;
    const id = this.op.length;
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    this.constants.push(value);
    this.variableOf.push(variable);
    this.index.set(key, id);
    return id;
  }

  constant(r: Rational): Node {
    return this.make(Op.CONST, -1, -1, `c${r.toString()}`, r);
  }

  /** A new variable (names are unique), or the existing one of that name. */
  variable(name: string): Node {
    const k = this.variables.indexOf(name);
    if (k >= 0) return this.variableNodes[k]!;
    this.variables.push(name);
    const node = this.make(Op.VAR, -1, -1, `v${this.variables.length - 1}`, null, this.variables.length - 1);
    this.variableNodes.push(node);
    return node;
  }

  variableIndex(name: string): number {
    const k = this.variables.indexOf(name);
    if (k < 0) throw new Error(`unknown variable ${name}`);
    return k;
  }

  variableNode(index: number): Node {
    return this.variableNodes[index]!;
  }

  isConstant(n: Node): boolean {
    return this.op[n] === Op.CONST;
  }

  private value(n: Node): Rational {
    return this.constants[n]!;
  }

  // ── arithmetic, with the simplifications that keep derivatives small ─────────────────────

  add(x: Node, y: Node): Node {
    if (x === this.zero) return y;
    if (y === this.zero) return x;
    if (this.isConstant(x) && this.isConstant(y)) return this.constant(this.value(x).add(this.value(y)));
    const [p, q] = x < y ? [x, y] : [y, x]; // commutative: one node for x + y and y + x
    return this.make(Op.ADD, p, q, `+${p},${q}`);
  }

  sub(x: Node, y: Node): Node {
    return this.add(x, this.neg(y));
  }

  mul(x: Node, y: Node): Node {
    if (x === this.zero || y === this.zero) return this.zero;
    if (x === this.one) return y;
    if (y === this.one) return x;
    if (this.isConstant(x) && this.isConstant(y)) return this.constant(this.value(x).mul(this.value(y)));
    if (x === y) return this.sqr(x);
    const minusOne = (n: Node) => this.isConstant(n) && this.value(n).equals(Rational.MINUS_ONE);
    if (minusOne(x)) return this.neg(y);
    if (minusOne(y)) return this.neg(x);
    const [p, q] = x < y ? [x, y] : [y, x];
    return this.make(Op.MUL, p, q, `*${p},${q}`);
  }

  neg(x: Node): Node {
    if (this.isConstant(x)) return this.constant(this.value(x).neg());
    if (this.op[x] === Op.NEG) return this.a[x]!;
    return this.make(Op.NEG, x, -1, `-${x}`);
  }

  div(x: Node, y: Node): Node {
    if (y === this.one) return x;
    if (x === this.zero) return this.zero;
    if (this.isConstant(y)) {
      if (this.value(y).isZero()) throw new Error('division by the constant 0');
      return this.mul(x, this.constant(this.value(y).inv()));
    }
    return this.make(Op.DIV, x, y, `/${x},${y}`);
  }

  sqr(x: Node): Node {
    if (this.isConstant(x)) return this.constant(this.value(x).mul(this.value(x)));
    if (this.op[x] === Op.NEG) return this.sqr(this.a[x]!);
    return this.make(Op.SQR, x, -1, `^${x}`);
  }

  private unary(op: OpCode, x: Node, tag: string): Node {
    return this.make(op, x, -1, `${tag}${x}`);
  }

  sqrt(x: Node): Node {
    return this.unary(Op.SQRT, x, 'r');
  }
  tanh(x: Node): Node {
    return x === this.zero ? x : this.unary(Op.TANH, x, 't');
  }
  softplus(x: Node): Node {
    return this.unary(Op.SOFTPLUS, x, 's');
  }
  sigmoid(x: Node): Node {
    return this.unary(Op.SIGMOID, x, 'g');
  }
  relu(x: Node): Node {
    return this.unary(Op.RELU, x, 'u');
  }
  step(x: Node): Node {
    return this.unary(Op.STEP, x, 'h');
  }

  scale(r: Rational, x: Node): Node {
    return this.mul(this.constant(r), x);
  }

  sum(xs: readonly Node[]): Node {
    // Pairwise, so that a long sum is a balanced tree (shallower, better conditioned in floats).
    if (xs.length === 0) return this.zero;
    let level = xs.slice();
    while (level.length > 1) {
      const next: Node[] = [];
      for (let k = 0; k + 1 < level.length; k += 2) next.push(this.add(level[k]!, level[k + 1]!));
      if (level.length % 2 === 1) next.push(level[level.length - 1]!);
      level = next;
    }
    return level[0]!;
  }

  dot(xs: readonly Node[], ys: readonly Node[]): Node {
    return this.sum(xs.map((x, k) => this.mul(x, ys[k]!)));
  }

  // ── derivatives and substitution ──────────────────────────────────────────────────────────

  /** Ids of the nodes `roots` depend on, increasing (a topological order). */
  reachable(roots: readonly Node[]): number[] {
    const seen = new Uint8Array(this.size);
    const stack = [...roots];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen[n]) continue;
      seen[n] = 1;
      if (this.a[n]! >= 0) stack.push(this.a[n]!);
      if (this.b[n]! >= 0) stack.push(this.b[n]!);
    }
    const out: number[] = [];
    for (let n = 0; n < seen.length; n++) if (seen[n]) out.push(n);
    return out;
  }

  /**
   * ∂f/∂v for each variable index in `wrt`, as nodes: reverse accumulation done symbolically, one
   * pass over the nodes f depends on, newest first. ReLU's derivative is the step (0 at 0), exact
   * wherever no pre-activation is 0.
   */
  gradient(f: Node, wrt: readonly number[]): Node[] {
    const order = this.reachable([f]);
    const adjoint = new Map<Node, Node[]>([[f, [this.one]]]);
    const push = (n: Node, g: Node) => {
      if (g === this.zero) return;
      const list = adjoint.get(n);
      if (list) list.push(g);
      else adjoint.set(n, [g]);
    };
    const total = new Map<Node, Node>();
    for (let k = order.length - 1; k >= 0; k--) {
      const n = order[k]!;
      const parts = adjoint.get(n);
      if (!parts) continue;
      const g = this.sum(parts);
      total.set(n, g);
      const a = this.a[n]!;
      const b = this.b[n]!;
      switch (this.op[n]) {
        case Op.ADD:
          push(a, g);
          push(b, g);
          break;
        case Op.MUL:
          push(a, this.mul(g, b));
          push(b, this.mul(g, a));
          break;
        case Op.NEG:
          push(a, this.neg(g));
          break;
        case Op.DIV: // d(a/b) = da/b − (a/b)·db/b
          push(a, this.div(g, b));
          push(b, this.neg(this.div(this.mul(g, n), b)));
          break;
        case Op.SQR:
          push(a, this.mul(g, this.scale(Rational.of(2), a)));
          break;
        case Op.SQRT:
          push(a, this.div(g, this.scale(Rational.of(2), n)));
          break;
        case Op.TANH:
          push(a, this.mul(g, this.sub(this.one, this.sqr(n))));
          break;
        case Op.SOFTPLUS:
          push(a, this.mul(g, this.sigmoid(a)));
          break;
        case Op.SIGMOID:
          push(a, this.mul(g, this.mul(n, this.sub(this.one, n))));
          break;
        case Op.RELU:
          push(a, this.mul(g, this.step(a)));
          break;
        default: // CONST, VAR, STEP (derivative 0 away from the jump)
          break;
      }
    }
    return wrt.map((v) => total.get(this.variableNodes[v]!) ?? this.zero);
  }

  /** `roots` with each variable of `map` (variable index → node) replaced, rebuilt bottom-up. */
  substitute(roots: readonly Node[], map: ReadonlyMap<number, Node>): Node[] {
    const image = new Map<Node, Node>();
    for (const n of this.reachable(roots)) {
      const op = this.op[n]!;
      const a = this.a[n]! >= 0 ? image.get(this.a[n]!)! : -1;
      const b = this.b[n]! >= 0 ? image.get(this.b[n]!)! : -1;
      image.set(n, op === Op.CONST ? n : op === Op.VAR ? (map.get(this.variableOf[n]!) ?? n) : this.rebuild(op, a, b));
    }
    return roots.map((r) => image.get(r)!);
  }

  private rebuild(op: OpCode, a: Node, b: Node): Node {
    switch (op) {
      case Op.ADD: return this.add(a, b);
      case Op.MUL: return this.mul(a, b);
      case Op.NEG: return this.neg(a);
      case Op.DIV: return this.div(a, b);
      case Op.SQR: return this.sqr(a);
      case Op.SQRT: return this.sqrt(a);
      case Op.TANH: return this.tanh(a);
      case Op.SOFTPLUS: return this.softplus(a);
      case Op.SIGMOID: return this.sigmoid(a);
      case Op.RELU: return this.relu(a);
      case Op.STEP: return this.step(a);
      default: throw new Error(`rebuild: unexpected op ${op}`);
    }
  }
}
