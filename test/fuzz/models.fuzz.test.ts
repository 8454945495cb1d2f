/**
 * Property tests of the matrix expressions behind the fields, on random models of every kind with
 * random rates and (possibly asymmetric) moments: F from the engine and from the kernel against the
 * trace formula of MATH.md §4, ∂F against its matrix gradients, and every Jacobian against float
 * central differences of its field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { evaluate as kernelEvaluate } from '../../src/kernel/poly.js';
import { objective as kernelObjective } from '../../src/kernel/field.js';
import { kernelModel } from '../helpers/kernel-model.js';
import type { EncoderKind, PredictorKind } from '../../src/model/model.js';
import { seededRandom } from '../../src/numeric/random.js';
import { compilePolys } from '../../src/poly/compile.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { mul, randomModel, randomRational, sub, transpose } from '../helpers/models.js';
import { blocks, traceFormula } from './oracles.js';

const RUNS = { numRuns: 25, seed: 4_242 };
const small = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 })).map(([n, d]) => Rational.of(n, d));
const modelOptions = fc
  .record({
    p: fc.integer({ min: 1, max: 3 }),
    q: fc.integer({ min: 1, max: 3 }),
    encoder: fc.constantFrom<EncoderKind>('linear', 'diagonal', 'scalar'),
    predictor: fc.constantFrom<PredictorKind>('linear', 'diagonal', 'identity'),
    asymmetric: fc.boolean(),
    weightDecay: fc.oneof(fc.constant(Rational.ZERO), small),
    predictorRate: small,
    emaRate: small,
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map((o) => (o.encoder === 'scalar' ? { ...o, q: o.p } : o));

/** A value for every parameter name, drawn on first use. */
function randomPoint(seed: number): (name: string) => Rational {
  const rng = seededRandom(seed);
  const values = new Map<string, Rational>();
  return (name) => {
    if (!values.has(name)) values.set(name, randomRational(rng, 3));
    return values.get(name)!;
  };
}

describe('matrix expressions on random models', () => {
  it('F (engine and kernel) equals ½ tr(BAΣ1AᵀBᵀ) − tr(BAΣ12Tᵀ) + ½ tr(TΣ2Tᵀ)', () => {
    fc.assert(
      fc.property(modelOptions, fc.integer(), (o, seed) => {
        const model = randomModel(o);
        const d = deriveModel(model);
        const value = randomPoint(seed);
        const expected = traceFormula(model, value).toString();
        expect(d.objective.evaluate((v) => value(d.params.ring.names[v]!)).toString()).toBe(expected);
        expect(kernelEvaluate(kernelObjective(kernelModel(model), () => true), value).toString()).toBe(expected);
      }),
      RUNS,
    );
  });

  it('∂F/∂A = Bᵀ(BAΣ1 − TΣ12ᵀ), ∂F/∂B = (BAΣ1 − TΣ12ᵀ)Aᵀ, ∂F/∂T = TΣ2 − BAΣ12 (linear blocks)', () => {
    fc.assert(
      fc.property(modelOptions, fc.integer(), (o, seed) => {
        const model = randomModel({ ...o, encoder: 'linear', predictor: 'linear' });
        const d = deriveModel(model);
        const value = randomPoint(seed);
        const { A, B, T } = blocks(model, value);
        const { sigma1, sigma2, sigma12 } = model.moments;
        const R = sub(mul(mul(B, A), sigma1), mul(T, transpose(sigma12)));
        const expected = [...mul(transpose(B), R).flat(), ...mul(R, transpose(A)).flat(), ...sub(mul(T, sigma2), mul(mul(B, A), sigma12)).flat()];
        const variables = [...d.params.encoder.variables, ...d.params.predictor.variables, ...d.params.target.variables];
        const got = d.objective.gradient(variables).map((g) => g.evaluate((v) => value(d.params.ring.names[v]!)));
        expect(got.map(String)).toEqual(expected.map(String));
      }),
      RUNS,
    );
  });

  it('every Jacobian matches central differences of its field', () => {
    fc.assert(
      fc.property(modelOptions, fc.integer(), (o, seed) => {
        const d = deriveModel(randomModel(o));
        const rng = seededRandom(seed);
        for (const p of d.procedures) {
          const n = p.state.length;
          const field = compilePolys(p.field, p.state);
          const jacobian = compilePolys(p.jacobian.flat(), p.state);
          const x = Float64Array.from({ length: n }, () => rng.normal());
          const J = new Float64Array(n * n);
          jacobian.evaluate(x, J);
          const [plus, minus] = [new Float64Array(n), new Float64Array(n)];
          const h = 1e-5;
          for (let j = 0; j < n; j++) {
            const xp = Float64Array.from(x);
            const xm = Float64Array.from(x);
            xp[j]! += h;
            xm[j]! -= h;
            field.evaluate(xp, plus);
            field.evaluate(xm, minus);
            for (let i = 0; i < n; i++) {
              const fd = (plus[i]! - minus[i]!) / (2 * h);
              expect(Math.abs(fd - J[i * n + j]!), `${p.procedure.name} ∂V[${p.stateNames[i]}]/∂${p.stateNames[j]}`).toBeLessThan(1e-4 * (1 + Math.abs(fd)));
            }
          }
        }
      }),
      RUNS,
    );
  });
});
