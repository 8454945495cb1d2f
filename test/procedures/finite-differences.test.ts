/**
 * Floating-point cross-checks of the exact derivation: GD fields against central differences of
 * the original objective E, and every Jacobian against central differences of its field.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { targetToEncoder } from '../../src/model/parameters.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { compilePolys } from '../../src/poly/compile.js';
import { type ModelOptions, randomModel } from '../helpers/models.js';

const H = 1e-5;

function centralDifference(f: (x: Float64Array) => number, x: Float64Array, k: number): number {
  const plus = Float64Array.from(x);
  const minus = Float64Array.from(x);
  plus[k]! += H;
  minus[k]! -= H;
  return (f(plus) - f(minus)) / (2 * H);
}

const shapes: ModelOptions[] = [
  { p: 2, q: 2, weightDecay: q(1, 5), predictorRate: q(2) },
  { p: 3, q: 2, asymmetric: true },
  { p: 3, q: 3, encoder: 'diagonal', predictor: 'identity', weightDecay: q(1, 2) },
  { p: 2, q: 2, encoder: 'scalar', predictor: 'diagonal', emaRate: q(3, 2) },
];

describe.each(shapes)('finite differences on %o', (options) => {
  const model = randomModel({ ...options, seed: 5 });
  const d = deriveModel(model);
  const rng = seededRandom(3);

  it('GD field = −(∇E + λx) scaled by the rates', () => {
    const gd = d.procedures.find((p) => p.procedure.name === 'gd')!;
    const E = d.objective.renameVariables(targetToEncoder(d.params));
    const energy = compilePolys([E], gd.state);
    const field = compilePolys(gd.field, gd.state);
    const out = new Float64Array(1);
    const f = (x: Float64Array) => (energy.evaluate(x, out), out[0]!);
    const x = Float64Array.from(gd.state, () => rng.normal() * 0.7);
    const V = new Float64Array(gd.state.length);
    field.evaluate(x, V);
    gd.state.forEach((_, k) => {
      const expected = -gd.rates[k]!.toNumber() * (centralDifference(f, x, k) + model.weightDecay.toNumber() * x[k]!);
      expect(V[k]).toBeCloseTo(expected, 5);
    });
  });

  it('every Jacobian matches central differences of its field', () => {
    for (const p of d.procedures) {
      const n = p.state.length;
      const field = compilePolys(p.field, p.state);
      const jac = compilePolys(p.jacobian.flat(), p.state);
      const x = Float64Array.from(p.state, () => rng.normal() * 0.7);
      const J = new Float64Array(n * n);
      jac.evaluate(x, J);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const fi = (y: Float64Array) => (field.evaluate(y, out), out[i]!);
        for (let j = 0; j < n; j++) expect(J[i * n + j], `${p.procedure.name} ∂V${i}/∂x${j}`).toBeCloseTo(centralDifference(fi, x, j), 5);
      }
    }
  });
});
