import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Rational } from '../../src/exact/rational.js';
import { Dag } from '../../src/expr/dag.js';
import { Program } from '../../src/expr/evaluate.js';
import { certifyStabilityAt } from '../../src/interval/certified-stability.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { variantLimits } from '../../src/variants/limits.js';
import { parseVariant } from '../../src/variants/spec.js';

/** V(x, y) = (−x + x³ + y², −2y + x·y): equilibria (0, 0) stable (eigenvalues −1, −2), (±1, 0) unstable (2, −2 ± 1). */
function cubic() {
  const g = new Dag();
  const [x, y] = [g.variable('x'), g.variable('y')];
  const v1 = g.add(g.add(g.neg(x), g.mul(x, g.sqr(x))), g.sqr(y));
  const v2 = g.add(g.scale(Rational.of(-2), y), g.mul(x, y));
  return { g, field: [v1, v2] };
}

describe('certified stability of an isolated equilibrium', () => {
  it('certifies the stable origin, with the unique zero in a box around it', () => {
    const { g, field } = cubic();
    const c = certifyStabilityAt(g, field, Float64Array.of(1e-17, -2e-17));
    expect(c.verdict).toBe('stable');
    if (c.verdict !== 'stable') return;
    expect(c.level).toBe('certified');
    // The zero (0, 0) is inside K, which is inside the box.
    for (const k of c.krawczyk) expect(k.lo <= 0 && 0 <= k.hi).toBe(true);
    // P solves AᵀP + PA = −I for A = diag(−1, −2): P = diag(1/2, 1/4).
    expect(c.lyapunov.map((p) => Math.round(p * 1e12) / 1e12 + 0)).toEqual([0.5, 0, 0, 0.25]);
  });

  it('refuses an unstable equilibrium and a continuum, saying why', () => {
    const { g, field } = cubic();
    const unstable = certifyStabilityAt(g, field, Float64Array.of(1, 0));
    expect(unstable.verdict).toBe('inconclusive');
    if (unstable.verdict === 'inconclusive') expect(unstable.reason).toMatch(/not positive definite/);
    const h = new Dag();
    const [x] = [h.variable('x'), h.variable('y')];
    const line = certifyStabilityAt(h, [h.neg(x), h.zero], Float64Array.of(0, 3));
    expect(line.verdict).toBe('inconclusive');
    if (line.verdict === 'inconclusive') expect(line.reason).toMatch(/singular|eigenvalue 0/);
  });

  it('certifies the non-collapsed limits of a 2→1 SimSiam with weight decay (isolated points), as the float spectrum says', () => {
    const v = parseVariant(
      ['loss: squared', 'stopGradient: target', 'encoder: {kind: linear, in: 2, out: 1}', 'predictor: {kind: linear}', 'weightDecay: 1/20',
        'data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[-1, 0], [-1, -1/4]], [[0, -1], [-1/2, -1]]]}'].join('\n'),
      'q1',
    );
    const { layout, fields } = deriveVariant(v);
    const limits = variantLimits(v, fields[0]!, { flows: 4, seed: 1 });
    const rest = limits.limits.filter((l) => l.status === 'rest');
    expect(rest.length).toBeGreaterThan(0);
    let certified = 0;
    for (const l of rest) {
      const x = Float64Array.from(l.point);
      const c = certifyStabilityAt(layout.dag, fields[0]!.field, x);
      const n = x.length;
      const dv = new Program(layout.dag, fields[0]!.field).floatJacobian(x, n);
      const maxRe = Math.max(...new EigenvalueDecomposition(Matrix.from1DArray(n, n, Array.from(dv))).realEigenvalues);
      // Certified exactly where the float spectrum is clearly in the left half-plane.
      expect(c.verdict, `${l.kind} at ${l.point}: max Re λ ${maxRe}`).toBe(maxRe < -1e-3 ? 'stable' : 'inconclusive');
      if (c.verdict === 'stable') certified++;
    }
    expect(certified).toBeGreaterThan(0);
  });

  it('refuses a box where a ReLU argument may vanish (the field is not differentiable there)', () => {
    // A ReLU MLP 2 → 2 → 1 without biases at A = 0: every pre-activation is 0, so V is not C¹ at the point.
    const v = parseVariant(['loss: squared', 'stopGradient: target', 'encoder: {kind: mlp, layers: [2, 2, 1], activation: relu}', 'predictor: {kind: linear}', 'weightDecay: 1/2',
      'data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]]]}'].join('\n'), 'relu');
    const { layout, fields } = deriveVariant(v);
    const c = certifyStabilityAt(layout.dag, fields[0]!.field, new Float64Array(fields[0]!.stateNames.length));
    expect(c.verdict).toBe('inconclusive');
    if (c.verdict === 'inconclusive') expect(c.reason).toMatch(/ReLU argument may be 0 on the box/);
  });
});
