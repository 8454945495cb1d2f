/**
 * The pairwise objective (objective.ts) against the plain path it replaced: expand the sample loss
 * in the view entries, then take the expectation term by term. Both must give the same
 * polynomial, for every parameter kind and for moments with no symmetry at all.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import type { EncoderKind, PredictorKind } from '../../src/model/model.js';
import { expectation, objective, sampleLoss } from '../../src/model/objective.js';
import { parametrize } from '../../src/model/parameters.js';
import { seededRandom } from '../../src/numeric/random.js';
import { randomModel, randomRational, ratMatrix } from '../helpers/models.js';

const encoders: EncoderKind[] = ['linear', 'diagonal', 'scalar'];
const predictors: PredictorKind[] = ['linear', 'diagonal', 'identity'];

describe('objective F, pairwise expectation', () => {
  for (const encoder of encoders) {
    for (const predictor of predictors) {
      it(`equals the expanded loss's expectation: ${encoder} encoder, ${predictor} predictor`, () => {
        for (const [p, qq, seed] of [[1, 1, 1], [3, 2, 2], [2, 3, 3], [4, 4, 4]] as const) {
          const model = randomModel({ p, q: qq, encoder, predictor, asymmetric: seed % 2 === 0, seed });
          const params = parametrize(model);
          expect(objective(model, params).equals(expectation(params, sampleLoss(params), model))).toBe(true);
        }
      });
    }
  }

  it('uses the moment of each ordered pair of view entries as the expanded path does (no symmetry assumed)', () => {
    const rng = seededRandom(8);
    const base = randomModel({ p: 3, q: 2, seed: 8 });
    const any = () => ratMatrix(3, 3, () => randomRational(rng, 9));
    const model = { ...base, moments: { sigma1: any(), sigma2: any(), sigma12: any() } };
    const params = parametrize(model);
    const F = objective(model, params);
    expect(F.equals(expectation(params, sampleLoss(params), model))).toBe(true);
    expect(F.isZero()).toBe(false);
    expect(objective({ ...model, moments: { ...model.moments, sigma12: ratMatrix(3, 3, () => q(0)) } }, params).equals(F)).toBe(false);
  });
});
