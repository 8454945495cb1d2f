/**
 * The stiff integrator and the automatic switch to it, against closed forms and against the
 * explicit integrator: a stiff linear flow against its exponential, the scalar SG flow against
 * its conserved quantity a² − b² (docs/math.md §5), the explicit pair on a non-stiff flow, the
 * stop rules, and the dense LU against ml-matrix's.
 */
import { LuDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { factorLu } from '../../src/numeric/dense-lu.js';
import type { FloatField } from '../../src/numeric/float-field.js';
import { integrateToRest } from '../../src/numeric/ode.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { scalarModel } from '../helpers/models.js';

/** ẋ = M x with M = P diag(μ) P⁻¹, P = [[1, 1], [0, 1]]: x(t) = P diag(e^{μt}) P⁻¹ x0. */
function linearFlow(mu: [number, number]): { field: FloatField; exact: (t: number, x0: Float64Array) => number[] } {
  // P⁻¹ = [[1, −1], [0, 1]]; M = P D P⁻¹ = [[μ0, μ1 − μ0], [0, μ1]].
  const m = [mu[0], mu[1] - mu[0], 0, mu[1]];
  return {
    field: {
      dimension: 2,
      value: (x, out) => {
        out[0] = m[0]! * x[0]! + m[1]! * x[1]!;
        out[1] = m[3]! * x[1]!;
      },
      jacobian: (_x, out) => out.set(m),
    },
    exact: (t, x0) => {
      const c = [x0[0]! - x0[1]!, x0[1]!].map((ci, i) => ci * Math.exp(mu[i]! * t));
      return [c[0]! + c[1]!, c[1]!];
    },
  };
}

describe('flows on stiff and non-stiff fields', () => {
  it('a stiff linear flow (rates −1 and −10⁴) follows its exponential and switches to Rosenbrock, which comes to rest where the explicit pair cannot', () => {
    const { field, exact } = linearFlow([-1, -1e4]);
    const x0 = Float64Array.of(1, 2);
    let worst = 0;
    const auto = integrateToRest(field, x0, {
      tolerance: 1e-8,
      onStep: (t, x) => {
        const e = exact(t, x0);
        if (t > 1e-2) worst = Math.max(worst, Math.abs(x[0]! - e[0]!), Math.abs(x[1]! - e[1]!));
      },
    });
    // The explicit pair sits at its stability limit, where the fast mode's error keeps |V| near
    // 1e-8: it spends its whole budget without coming to rest.
    const explicit = integrateToRest(field, x0, { tolerance: 1e-8, method: 'explicit', maxSteps: 50_000 });
    expect(auto.status).toBe('rest');
    expect(auto.method).toBe('rosenbrock');
    expect(auto.steps).toBeLessThan(5_000);
    expect(auto.time).toBeLessThan(30); // |x| ≈ 3e^{−t} reaches |V| ≤ 1e-10 near t = 24
    expect(explicit.status).toBe('budget');
    expect(explicit.method).toBe('dormand-prince');
    expect(worst).toBeLessThan(1e-6);
  });

  it('a non-stiff flow never leaves the explicit pair, and Rosenbrock alone lands where it does', () => {
    // The scalar GD flow of docs/math.md §5 with s = 5/2, c = 2 is not stiff.
    const gd = deriveModel(scalarModel(q(5, 2), q(2))).procedures.find((d) => d.procedure.name === 'gd')!;
    const x0 = Float64Array.of(0.8, -0.3);
    const auto = integrateToRest(gd.float, x0, { restTolerance: 1e-9 });
    const implicit = integrateToRest(gd.float, x0, { restTolerance: 1e-9, method: 'rosenbrock', tolerance: 1e-8 });
    expect(auto.method).toBe('dormand-prince');
    expect(implicit.method).toBe('rosenbrock');
    for (const end of [auto, implicit]) expect(end.status).toBe('rest');
    expect(implicit.x[1]).toBeCloseTo(auto.x[1]!, 5);
    expect(Math.abs(implicit.x[0]!)).toBeLessThan(1e-6);
  });

  it('the scalar SG flow by Rosenbrock keeps a² − b² and ends where it says: on b = c/s with a² = a₀² − b₀² + (c/s)²', () => {
    const s = 5 / 2;
    const c = 2;
    const sg = deriveModel(scalarModel(q(5, 2), q(2))).procedures.find((d) => d.procedure.name === 'sg')!;
    const rng = seededRandom(11);
    let tried = 0;
    while (tried < 6) {
      const x0 = Float64Array.of(rng.normal() * 2, rng.normal());
      const conserved = x0[0]! ** 2 - x0[1]! ** 2;
      const onLine = conserved + (c / s) ** 2;
      if (onLine < 0.05) continue; // the ones that collapse are covered by trajectories.test.ts
      tried++;
      let drift = 0;
      const end = integrateToRest(sg.float, x0, {
        method: 'rosenbrock',
        tolerance: 1e-8,
        onStep: (_t, x) => (drift = Math.max(drift, Math.abs(x[0]! ** 2 - x[1]! ** 2 - conserved))),
      });
      expect(end.status).toBe('rest');
      expect(drift).toBeLessThan(1e-5);
      expect(end.x[1]).toBeCloseTo(c / s, 6);
      expect(end.x[0]).toBeCloseTo(Math.sign(x0[0]!) * Math.sqrt(onLine), 5);
    }
  });

  it('stop rules: diverged past the blow-up bound, budget at the step or time limit', () => {
    const blowsUp: FloatField = { dimension: 1, value: (x, out) => (out[0] = x[0]! * x[0]!), jacobian: (x, out) => (out[0] = 2 * x[0]!) };
    for (const method of ['explicit', 'rosenbrock'] as const) {
      expect(integrateToRest(blowsUp, Float64Array.of(1), { method, blowUp: 1e3 }).status).toBe('diverged');
      const { field } = linearFlow([-1e-3, -2e-3]);
      const slow = integrateToRest(field, Float64Array.of(1, 1), { method, maxTime: 5 });
      expect(slow.status).toBe('budget');
      expect(slow.time).toBeGreaterThanOrEqual(5);
      expect(integrateToRest(field, Float64Array.of(1, 1), { method, maxSteps: 3 }).steps).toBe(3);
    }
  });
});

describe('dense LU', () => {
  it('solves as ml-matrix does, and refuses a singular matrix', () => {
    const rng = seededRandom(4);
    for (const n of [1, 3, 8, 27]) {
      const m = Float64Array.from({ length: n * n }, () => rng.normal());
      const b = Float64Array.from({ length: n }, () => rng.normal());
      const reference = new LuDecomposition(new Matrix(Array.from({ length: n }, (_, i) => Array.from(m.subarray(i * n, i * n + n))))).solve(Matrix.columnVector(Array.from(b)));
      const x = new Float64Array(n);
      factorLu(Float64Array.from(m), n)!.solve(b, x);
      for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(reference.get(i, 0), 9);
    }
    expect(factorLu(Float64Array.of(1, 2, 2, 4), 2)).toBeNull();
  });
});
