import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { Dag } from '../../src/expr/dag.js';
import { Program } from '../../src/expr/evaluate.js';

/** A small field in 11 variables (not a multiple of the 8 columns a tangent pass takes) with every smooth op. */
function field(): { dag: Dag; roots: number[] } {
  const g = new Dag();
  const x = Array.from({ length: 11 }, (_, k) => g.variable(`x${k}`));
  const roots = x.map((v, k) => {
    const w = x[(k * 3 + 1) % 11]!;
    const u = g.add(g.mul(v, w), g.scale(Rational.of(1, 3), x[(k + 5) % 11]!));
    const s = g.div(g.tanh(u), g.add(g.one, g.sqr(w)));
    return g.add(g.mul(s, g.sqrt(g.add(g.one, g.sqr(v)))), g.neg(g.mul(g.softplus(w), g.sigmoid(u))));
  });
  return { dag: g, roots };
}

describe('Program', () => {
  const { dag, roots } = field();
  const x = Float64Array.from({ length: 11 }, (_, k) => Math.sin(3 * k + 1));

  it('floatJacobian (several columns a pass) equals one forward pass per column, to the bit', () => {
    const p = new Program(dag, roots);
    for (const columns of [11, 5, 13]) {
      const dv = p.floatJacobian(x, columns);
      for (let j = 0; j < columns; j++) {
        const e = new Float64Array(11);
        if (j < 11) e[j] = 1;
        const column = p.floatJacobianVector(x, e);
        for (let i = 0; i < roots.length; i++) expect(dv[i * columns + j], `∂V_${i}/∂x_${j} (${columns} columns)`).toBe(column[i]);
      }
    }
  });

  it('the passes reuse their buffers without carrying anything from one call to the next', () => {
    const p = new Program(dag, roots);
    const w = Float64Array.from({ length: 11 }, (_, k) => k - 4);
    const first = [p.floatJacobianVector(x, w), p.floatVectorJacobian(x, w, 11)];
    const y = x.map((c) => 2 * c);
    p.floatJacobian(y, 11);
    p.floatVectorJacobian(y, w.map((c) => -c), 11);
    const values = p.nodeValues(x, new Float64Array(p.length));
    expect([p.floatJacobianVector(x, w, values), p.floatVectorJacobian(x, w, 11, values)]).toEqual(first);
  });

  it('Program.of: one program per roots array', () => {
    const p = Program.of(dag, roots);
    expect(Program.of(dag, roots)).toBe(p);
    expect(Program.of(dag, [...roots])).not.toBe(p);
  });
});
