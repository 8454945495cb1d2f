/**
 * The training loop against independent computations: the minibatch gradient against the exact
 * polynomial gradient of the sample loss (src/model/objective.ts) and against finite
 * differences, for every encoder and predictor kind; one step on a whole finite data set against
 * η·V, the derived field of the model whose moments are that data set's, for every registered
 * procedure through its recipe; determinism by seed.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { type ViewData, secondMoment } from '../../src/experiments/data.js';
import { blockLayout } from '../../src/experiments/linear-state.js';
import { loopSetup, loopStep, trainLoop } from '../../src/experiments/loop.js';
import { batchGradient, matrixGradients } from '../../src/experiments/sample-gradient.js';
import type { Model } from '../../src/model/model.js';
import { sampleLoss } from '../../src/model/objective.js';
import { parametrize } from '../../src/model/parameters.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { allProcedures, getProcedure } from '../../src/procedures/index.js';
import { randomModel, randomRational } from '../helpers/models.js';

const kinds = [
  { encoder: 'linear', predictor: 'linear' },
  { encoder: 'diagonal', predictor: 'diagonal' },
  { encoder: 'scalar', predictor: 'identity' },
] as const;

/** A finite data set of N view pairs with rational entries, and its exact moments. */
function pairs(p: number, n: number, seed: number) {
  const rng = seededRandom(seed);
  const x1 = Array.from({ length: n }, () => Array.from({ length: p }, () => randomRational(rng, 2)));
  const x2 = Array.from({ length: n }, () => Array.from({ length: p }, () => randomRational(rng, 2)));
  const mean = (f: (k: number, i: number, j: number) => Rational) =>
    Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => x1.reduce((s, _r, k) => s.add(f(k, i, j)), Rational.ZERO).div(Rational.of(n))));
  const moments = {
    sigma1: mean((k, i, j) => x1[k]![i]!.mul(x1[k]![j]!)),
    sigma2: mean((k, i, j) => x2[k]![i]!.mul(x2[k]![j]!)),
    sigma12: mean((k, i, j) => x1[k]![i]!.mul(x2[k]![j]!)),
  };
  const flat = (x: Rational[][]) => Float64Array.from(x.flat(), (r) => r.toNumber());
  return { x1, x2, moments, f1: flat(x1), f2: flat(x2) };
}

describe('the minibatch gradient of the sample loss', () => {
  for (const kind of kinds) {
    it(`equals the exact gradient of the polynomial sample loss, pulled back to the free parameters (${kind.encoder} encoder, ${kind.predictor} predictor)`, () => {
      const model = randomModel({ p: 3, q: 2, seed: 2, ...kind });
      const params = parametrize(model);
      const layout = blockLayout(params);
      const rng = seededRandom(9);
      const variables = [...params.encoder.variables, ...params.predictor.variables, ...params.target.variables];
      const point = variables.map(() => randomRational(rng, 2));
      const view1 = params.view1.map(() => randomRational(rng, 2));
      const view2 = params.view2.map(() => randomRational(rng, 2));
      const valueOf = new Map<number, Rational>([...variables.map((v, k) => [v, point[k]!] as const), ...params.view1.map((v, k) => [v, view1[k]!] as const), ...params.view2.map((v, k) => [v, view2[k]!] as const)]);
      const loss = sampleLoss(params);
      const exact = loss.gradient(variables).map((g) => g.evaluate((v) => valueOf.get(v)!).toNumber());
      const shape = { p: 3, q: 2 };
      const [a, b, t] = [new Float64Array(6), new Float64Array(4), new Float64Array(6)];
      layout.fill(Float64Array.from(point, (r) => r.toNumber()), a, b, t);
      const g = matrixGradients(shape);
      const value = batchGradient(shape, a, b, t, Float64Array.from(view1, (r) => r.toNumber()), Float64Array.from(view2, (r) => r.toNumber()), 1, g);
      const grad = new Float64Array(layout.size);
      layout.pullBack(layout.encoder, g.a, grad);
      layout.pullBack(layout.predictor, g.b, grad);
      layout.pullBack(layout.target, g.t, grad);
      expect(value).toBeCloseTo(loss.evaluate((v) => valueOf.get(v)!).toNumber(), 10);
      exact.forEach((e, k) => expect(grad[k]).toBeCloseTo(e, 10));
    });
  }

  it('matches central finite differences of the batch loss in every matrix entry', () => {
    const shape = { p: 2, q: 3 };
    const rng = seededRandom(4);
    const rand = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
    const [a, b, t, x1, x2] = [rand(6), rand(9), rand(6), rand(10), rand(10)];
    const g = matrixGradients(shape);
    batchGradient(shape, a, b, t, x1, x2, 5, g);
    const scratch = matrixGradients(shape);
    for (const [m, gm] of [[a, g.a], [b, g.b], [t, g.t]] as const) {
      for (let k = 0; k < m.length; k++) {
        const h = 1e-6;
        const keep = m[k]!;
        m[k] = keep + h;
        const up = batchGradient(shape, a, b, t, x1, x2, 5, scratch);
        m[k] = keep - h;
        const down = batchGradient(shape, a, b, t, x1, x2, 5, scratch);
        m[k] = keep;
        expect(gm[k]).toBeCloseTo((up - down) / (2 * h), 6);
      }
    }
  });
});

describe('one loop step on a whole finite data set is η·V of the model with its moments', () => {
  for (const kind of kinds) {
    it(`for every registered procedure (${kind.encoder} encoder, ${kind.predictor} predictor, λ = 1/5, α = 2, τ = 1/3)`, () => {
      const data = pairs(3, 7, 5);
      const model: Model = { ...randomModel({ p: 3, q: 2, seed: 1, ...kind }), moments: data.moments, weightDecay: q(1, 5), predictorRate: q(2), emaRate: q(1, 3) };
      const derivation = deriveModel(model);
      const viewData: ViewData = { name: 'pairs', p: 3, moments: data.moments, description: '', sample: () => {} };
      const setup = loopSetup(model, viewData);
      const lr = 0.01;
      const tau = 1 / 3;
      expect(derivation.procedures.map((d) => d.procedure.name)).toEqual(allProcedures().map((p) => p.name));
      for (const d of derivation.procedures) {
        const rng = seededRandom(12);
        const x = Float64Array.from({ length: setup.layout.size }, () => rng.normal());
        // SG and GD live at T = A: start there.
        if (d.procedure.recipe !== 'moving-average') setup.layout.target.slots.forEach((k, i) => (x[k] = x[setup.layout.encoder.slots[i]!]!));
        const before = Float64Array.from(x);
        loopStep(setup, d.procedure, x, data.f1, data.f2, 7, lr, 1 - lr * tau);
        // The procedure's state in the ring's order: its coordinates are the layout's slots.
        const slots = [...setup.layout.encoder.slots, ...setup.layout.predictor.slots, ...setup.layout.target.slots];
        const ringOrder = [...setup.params.encoder.variables, ...setup.params.predictor.variables, ...setup.params.target.variables];
        const state = Float64Array.from(d.state, (v) => before[slots[ringOrder.indexOf(v)]!]!);
        const v = new Float64Array(d.state.length);
        d.float.value(state, v);
        d.state.forEach((variable, k) => {
          const slot = slots[ringOrder.indexOf(variable)]!;
          const isTarget = setup.params.target.variables.includes(variable);
          // EMA's target moves by (1 − m)(θ_new − ξ) = ητ(θ_new − ξ): V's τ(θ − ξ) at the updated encoder.
          const expected = isTarget ? lr * tau * (x[setup.layout.encoder.slots[setup.layout.target.slots.indexOf(slot)]!]! - before[slot]!) : lr * v[k]!;
          expect(x[slot]! - before[slot]!).toBeCloseTo(expected, 12);
        });
      }
    });
  }
});

describe('the loop', () => {
  const model = randomModel({ p: 2, q: 2, seed: 3 });
  const gaussian: ViewData = {
    name: 'g',
    p: 2,
    moments: model.moments,
    description: '',
    sample(rng, n, x1, x2) {
      for (let k = 0; k < n * 2; k++) {
        x1[k] = rng.normal();
        x2[k] = x1[k]! + 0.3 * rng.normal();
      }
    },
  };
  const setup = loopSetup(model, gaussian);

  it('gives the same numbers for the same seed, other numbers for another', () => {
    const run = (seed: number) => trainLoop(setup, getProcedure('ema'), { steps: 50, lr: 0.05, batch: 16, seed, records: 5 });
    expect(JSON.stringify(run(3))).toBe(JSON.stringify(run(3)));
    expect(run(4).end).not.toEqual(run(3).end);
    expect(run(3).records.map((r) => r.step)).toEqual([0, 12, 24, 36, 48, 50]);
  });

  it('a data set second moment is the mean of x xᵀ, exactly', () => {
    const table = { columns: 2, rows: [[q(1), q(2)], [q(-1, 2), q(0)]] };
    expect(secondMoment(table).map((r) => r.map(String))).toEqual([['5/8', '1'], ['1', '2']]);
  });
});
