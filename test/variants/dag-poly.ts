/**
 * Test helper, an independent exact path: a DAG expression that uses only +, ×, −, x² and division
 * by constants, as a polynomial of the polynomial core (src/poly/), so that a variant's field can
 * be compared with the linear family's exactly, term by term. Throws on any other operation.
 */
import { type Dag, type Node, Op } from '../../src/expr/dag.js';
import { Poly } from '../../src/poly/poly.js';
import type { Ring } from '../../src/poly/ring.js';

export function polyOfNodes(dag: Dag, nodes: readonly Node[], ring: Ring): Poly[] {
  const memo = new Map<Node, Poly>();
  const of = (n: Node): Poly => {
    const hit = memo.get(n);
    if (hit) return hit;
    const a = () => of(dag.a[n]!);
    const b = () => of(dag.b[n]!);
    let p: Poly;
    switch (dag.op[n]) {
      case Op.CONST:
        p = Poly.constant(ring, dag.constants[n]!);
        break;
      case Op.VAR: {
        const index = ring.names.indexOf(dag.variables[dag.variableOf[n]!]!);
        if (index < 0) throw new Error(`variable ${dag.variables[dag.variableOf[n]!]} is not in the ring`);
        p = Poly.variable(ring, index);
        break;
      }
      case Op.ADD:
        p = a().add(b());
        break;
      case Op.MUL:
        p = a().mul(b());
        break;
      case Op.NEG:
        p = a().neg();
        break;
      case Op.SQR:
        p = a().mul(a());
        break;
      case Op.DIV: {
        const d = b();
        if (!d.isConstant() || d.isZero()) throw new Error('division by a non-constant: not a polynomial');
        p = a().scale(d.constantTerm().inv());
        break;
      }
      default:
        throw new Error(`operation ${dag.op[n]} is not polynomial`);
    }
    memo.set(n, p);
    return p;
  };
  return nodes.map(of);
}
