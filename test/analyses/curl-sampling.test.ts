/**
 * The batched float curl check gives exactly what the plain one-point-at-a-time loop gives (same
 * seeded points, same reductions): the loop below is that reference, kept only here.
 */
import { describe, expect, it } from 'vitest';
import { q, type Rational } from '../../src/exact/rational.js';
import { CURL_TOLERANCE, sampleCurl } from '../../src/analyses/curl-sampling.js';
import { seededRandom } from '../../src/numeric/random.js';
import { compilePolys } from '../../src/poly/compile.js';
import type { Poly } from '../../src/poly/poly.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel } from '../helpers/models.js';

function reference(jacobian: readonly Poly[][], state: readonly number[], rates: readonly Rational[] | null, samples: number, seed: number) {
  const n = state.length;
  const inverse = rates?.map((r) => 1 / r.toNumber()) ?? null;
  const compiled = compilePolys(jacobian.flat(), state);
  const rng = seededRandom(seed);
  const x = new Float64Array(n);
  const J = new Float64Array(n * n);
  const tallies = (inverse ? [null, inverse] : [null]).map((w) => ({ w, nonzero: 0, max: 0 }));
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < n; k++) x[k] = rng.normal();
    compiled.evaluate(x, J);
    for (const t of tallies) {
      let curl = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const a = (t.w ? t.w[i]! : 1) * J[i * n + j]!;
          scale = Math.max(scale, Math.abs(a));
          if (j > i) curl = Math.max(curl, Math.abs(a - (t.w ? t.w[j]! : 1) * J[j * n + i]!));
        }
      }
      if (curl > CURL_TOLERANCE * (1 + scale)) t.nonzero++;
      t.max = Math.max(t.max, curl);
    }
  }
  return tallies.map((t) => [t.nonzero, t.max]);
}

describe('sampleCurl', () => {
  const models = [
    randomModel({ p: 3, q: 2, seed: 4, predictorRate: q(3), emaRate: q(1, 2), weightDecay: q(1, 10) }),
    randomModel({ p: 2, q: 2, seed: 6, encoder: 'diagonal', predictor: 'identity' }),
  ];
  it.each([1, 7, 8, 9, 20])('matches the one-point-at-a-time loop exactly with %i samples', (samples) => {
    for (const model of models) {
      for (const d of deriveModel(model).procedures) {
        const allOne = d.rates.every((r) => r.isOne());
        const got = sampleCurl(d.jacobian, d.state, allOne ? null : d.rates, { samples, seed: 3 });
        const expected = reference(d.jacobian, d.state, allOne ? null : d.rates, samples, 3);
        const tallies = [got.euclidean, got.rateAdjusted].filter((t) => t !== null);
        expect(tallies.map((t) => [t.nonzeroPoints, t.maxCurl])).toEqual(expected);
        expect(tallies.every((t) => t.samples === samples && t.seed === 3)).toBe(true);
      }
    }
  });
});
