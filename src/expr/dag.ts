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

/** Per-node data, read by node id (ids below `Dag.size`). */
export type NodeTable<T> = { readonly [n: number]: T };

export class Dag {
  /**
   * Per node: its kind, operands (−1 when absent), for VAR its index (−1 otherwise), in typed
   * arrays that double when full (pushing onto JS arrays was a third of a large derivation);
   * for CONST its value (null otherwise).
   */
  private opOf = new Uint8Array(1 << 10);
  private aOf = new Int32Array(1 << 10);
  private bOf = new Int32Array(1 << 10);
  private variableAt = new Int32Array(1 << 10);
  private count = 0;
  readonly constants: (Rational | null)[] = [];
  /** Variable names, by variable index. */
  readonly variables: string[] = [];
  private readonly variableNodes: Node[] = [];
  /** Constants by their exact value's text (few, so a Map). */
  private readonly constantIndex = new Map<string, Node>();
  /**
   * The other nodes by (op, a, b): an open-addressing hash table of node ids + 1 (0 = empty) over
   * an Int32Array, probed linearly, at most half full. A Map with string keys cost more than half
   * of a large variant's derivation (a key string per lookup); this allocates nothing per lookup.
   */
  private table = new Int32Array(1 << 12);
  /** The full hash of each entry of `table`, so that growing reads no node. */
  private hashes = new Int32Array(1 << 12);
  private entries = 0;
  readonly zero: Node;
  readonly one: Node;

  constructor() {
    this.zero = this.constant(Rational.ZERO);
    this.one = this.constant(Rational.ONE);
  }

  get size(): number {
    return this.count;
  }

  /** Node n's kind, first and second operand (−1 when absent), variable index (−1 unless VAR). */
  get op(): NodeTable<OpCode> {
    return this.opOf as unknown as NodeTable<OpCode>;
  }
  get a(): NodeTable<number> {
    return this.aOf;
  }
  get b(): NodeTable<number> {
    return this.bOf;
  }
  get variableOf(): NodeTable<number> {
    return this.variableAt;
  }

  private push(op: OpCode, a: number, b: number, value: Rational | null, variable: number): Node {
    const id = this.count;
    if (id === this.opOf.length) {
      const grown = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
        const next = make(old.length * 2);
        next.set(old);
        return next;
      };
      this.opOf = grown(this.opOf, (n) => new Uint8Array(n));
      this.aOf = grown(this.aOf, (n) => new Int32Array(n));
      this.bOf = grown(this.bOf, (n) => new Int32Array(n));
      this.variableAt = grown(this.variableAt, (n) => new Int32Array(n));
    }
    this.opOf[id] = op;
    this.aOf[id] = a;
    this.bOf[id] = b;
    this.variableAt[id] = variable;
    this.constants.push(value);
    this.count = id + 1;
    return id;
  }

  /** The node (op, a, b), made if new. */
  private make(op: OpCode, a: number, b: number): Node {
    const hash = hashOf(op, a, b);
    const mask = this.table.length - 1;
    let h = hash & mask;
    for (; ; h = (h + 1) & mask) {
      const entry = this.table[h]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.opOf[id] === op && this.aOf[id] === a && this.bOf[id] === b) return id;
    }
    const id = this.push(op, a, b, null, -1);
    this.table[h] = id + 1;
    this.hashes[h] = hash;
    if (++this.entries * 2 > this.table.length) this.grow();
    return id;
  }

  /** The table at twice the size, each entry placed by its kept hash (no node read again). */
  private grow(): void {
    const [table, hashes] = [this.table, this.hashes];
    const next = new Int32Array(table.length * 2);
    const nextHashes = new Int32Array(table.length * 2);
    const mask = next.length - 1;
    for (let k = 0; k < table.length; k++) {
      const entry = table[k]!;
      if (entry === 0) continue;
      const hash = hashes[k]!;
      let h = hash & mask;
      while (next[h] !== 0) h = (h + 1) & mask;
      next[h] = entry;
      nextHashes[h] = hash;
    }
    this.table = next;
    this.hashes = nextHashes;
  }

  constant(r: Rational): Node {
    const key = r.toString();
    const hit = this.constantIndex.get(key);
    if (hit !== undefined) return hit;
    const id = this.push(Op.CONST, -1, -1, r, -1);
    this.constantIndex.set(key, id);
    return id;
  }

  /** A new variable (names are unique), or the existing one of that name. */
  variable(name: string): Node {
    const k = this.variables.indexOf(name);
    if (k >= 0) return this.variableNodes[k]!;
    this.variables.push(name);
    const node = this.push(Op.VAR, -1, -1, null, this.variables.length - 1);
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
    return this.make(Op.ADD, p, q);
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
    return this.make(Op.MUL, p, q);
  }

  neg(x: Node): Node {
    if (this.isConstant(x)) return this.constant(this.value(x).neg());
    if (this.op[x] === Op.NEG) return this.a[x]!;
    return this.make(Op.NEG, x, -1);
  }

  div(x: Node, y: Node): Node {
    if (y === this.one) return x;
    if (x === this.zero) return this.zero;
    if (this.isConstant(y)) {
      if (this.value(y).isZero()) throw new Error('division by the constant 0');
      return this.mul(x, this.constant(this.value(y).inv()));
    }
    return this.make(Op.DIV, x, y);
  }

  sqr(x: Node): Node {
    if (this.isConstant(x)) return this.constant(this.value(x).mul(this.value(x)));
    if (this.op[x] === Op.NEG) return this.sqr(this.a[x]!);
    return this.make(Op.SQR, x, -1);
  }

  private unary(op: OpCode, x: Node): Node {
    return this.make(op, x, -1);
  }

  sqrt(x: Node): Node {
    return this.unary(Op.SQRT, x);
  }
  tanh(x: Node): Node {
    return x === this.zero ? x : this.unary(Op.TANH, x);
  }
  softplus(x: Node): Node {
    return this.unary(Op.SOFTPLUS, x);
  }
  sigmoid(x: Node): Node {
    return this.unary(Op.SIGMOID, x);
  }
  relu(x: Node): Node {
    return this.unary(Op.RELU, x);
  }
  step(x: Node): Node {
    return this.unary(Op.STEP, x);
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
    // Operands are older than the node: one scan down from the newest root marks everything,
    // without a stack.
    let top = -1;
    for (const r of roots) top = Math.max(top, r);
    const seen = new Uint8Array(top + 1);
    for (const r of roots) seen[r] = 1;
    let count = 0;
    for (let n = top; n >= 0; n--) {
      if (seen[n] === 0) continue;
      count++;
      const a = this.a[n]!;
      const b = this.b[n]!;
      if (a >= 0) seen[a] = 1;
      if (b >= 0) seen[b] = 1;
    }
    const out: number[] = new Array(count);
    for (let n = 0, k = 0; n <= top; n++) if (seen[n] === 1) out[k++] = n;
    return out;
  }

  /**
   * ∂f/∂v for each variable index in `wrt`, as nodes: reverse accumulation done symbolically, one
   * pass over the nodes f depends on, newest first. ReLU's derivative is the step (0 at 0), exact
   * wherever no pre-activation is 0.
   */
  gradient(f: Node, wrt: readonly number[]): Node[] {
    const order = this.reachable([f]);
    // By node id (every node of `order` is older than those the pass makes): arrays, not Maps.
    const adjoint: (Node[] | undefined)[] = new Array(this.size);
    adjoint[f] = [this.one];
    const push = (n: Node, g: Node) => {
      if (g === this.zero) return;
      const list = adjoint[n];
      if (list) list.push(g);
      else adjoint[n] = [g];
    };
    const total = new Int32Array(this.size).fill(-1);
    for (let k = order.length - 1; k >= 0; k--) {
      const n = order[k]!;
      const parts = adjoint[n];
      if (!parts) continue;
      adjoint[n] = undefined; // read once: let the lists go
      const g = this.sum(parts);
      total[n] = g;
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
    return wrt.map((v) => {
      const node = this.variableNodes[v]!;
      return node < total.length && total[node]! >= 0 ? total[node]! : this.zero;
    });
  }

  /** `roots` with each variable of `map` (variable index → node) replaced, rebuilt bottom-up. */
  substitute(roots: readonly Node[], map: ReadonlyMap<number, Node>): Node[] {
    // By node id: the reachable nodes are older than the ones rebuilding makes.
    const image = new Int32Array(this.size);
    for (const n of this.reachable(roots)) {
      const op = this.op[n]!;
      const a = this.a[n]! >= 0 ? image[this.a[n]!]! : -1;
      const b = this.b[n]! >= 0 ? image[this.b[n]!]! : -1;
      image[n] = op === Op.CONST ? n : op === Op.VAR ? (map.get(this.variableOf[n]!) ?? n) : this.rebuild(op, a, b);
    }
    return roots.map((r) => image[r]!);
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

/** A 32-bit mix of (op, a, b) (multiply-xorshift, as in MurmurHash3's finaliser). */
function hashOf(op: number, a: number, b: number): number {
  let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 2, 0x85ebca6b) ^ Math.imul(op + 3, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
