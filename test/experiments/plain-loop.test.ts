/**
 * The loop benchmark compares like with like: the plain Float64Array step of test/bench/ is
 * ncssl's SG step on the benchmark's 16 → 8 model, and the plain loop ends where trainLoop
 * ends (the same batches from the same seed); the gradient without its target part is the
 * gradient with it, T's part left at 0.
 */
import { describe, expect, it } from 'vitest';
import { loopStart, loopStep, trainLoop } from '../../src/experiments/loop.js';
import { batchGradient, matrixGradients } from '../../src/experiments/sample-gradient.js';
import { seededRandom } from '../../src/numeric/random.js';
import { getProcedure } from '../../src/procedures/index.js';
import { BATCH, LR, P, Q, benchSetup, plainLoop } from '../bench/loop.js';
import { plainSgStep } from '../bench/plain-loop.js';

describe('the plain step of the loop benchmark', () => {
  const setup = benchSetup();
  const x1 = new Float64Array(BATCH * P);
  const x2 = new Float64Array(BATCH * P);
  setup.data.sample(seededRandom(9), BATCH, x1, x2);

  it('is loopStep for SG, to the last bit', () => {
    const x = loopStart(setup, 4);
    const a = Float64Array.from(setup.layout.encoder.slots, (k) => x[k]!);
    const b = Float64Array.from(setup.layout.predictor.slots, (k) => x[k]!);
    loopStep(setup, getProcedure('sg'), x, x1, x2, BATCH, LR, 0.9);
    plainSgStep(P, Q)(a, b, x1, x2, BATCH, LR, 1, 0);
    expect(Array.from(a)).toEqual(setup.layout.encoder.slots.map((k) => x[k]!));
    expect(Array.from(b)).toEqual(setup.layout.predictor.slots.map((k) => x[k]!));
    expect(Array.from(a).some((v, i) => v !== loopStart(setup, 4)[setup.layout.encoder.slots[i]!])).toBe(true);
  });

  it('the plain loop ends where trainLoop ends', () => {
    const run = trainLoop(setup, getProcedure('sg'), { steps: 20, lr: LR, batch: BATCH, seed: 2, records: 2 });
    const { a, b } = plainLoop(setup, 20, 2);
    expect(run.status).toBe('finished');
    expect(Array.from(a)).toEqual(setup.layout.encoder.slots.map((k) => run.end[k]!));
    expect(Array.from(b)).toEqual(setup.layout.predictor.slots.map((k) => run.end[k]!));
  });

  it("leaves T's gradient at 0 without changing A's and B's", () => {
    const x = loopStart(setup, 5);
    const [a, b, t] = [new Float64Array(Q * P), new Float64Array(Q * Q), new Float64Array(Q * P)];
    setup.layout.fill(x, a, b, t);
    const full = matrixGradients(setup.shape);
    const part = matrixGradients(setup.shape);
    part.t.fill(7);
    const l1 = batchGradient(setup.shape, a, b, t, x1, x2, BATCH, full);
    const l2 = batchGradient(setup.shape, a, b, t, x1, x2, BATCH, part, false);
    expect(l2).toBe(l1);
    expect(part.a).toEqual(full.a);
    expect(part.b).toEqual(full.b);
    expect(part.t.every((v) => v === 0)).toBe(true);
    expect(full.t.some((v) => v !== 0)).toBe(true);
  });
});
