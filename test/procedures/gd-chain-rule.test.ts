/**
 * The GD field is built by the chain rule from the stop-gradient field and ∂F/∂ξ (gd.ts). It must
 * be exactly what its rule says: substitute ξ := θ into F, then differentiate E, decay and scale.
 * That plain construction is the oracle here, on every parameter kind, with decay and rates.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import type { EncoderKind, PredictorKind } from '../../src/model/model.js';
import { targetToEncoder } from '../../src/model/parameters.js';
import { modelCoefficients, onlineField, onlineState } from '../../src/procedures/common.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel } from '../helpers/models.js';

const kinds: Array<[EncoderKind, PredictorKind]> = [
  ['linear', 'linear'],
  ['linear', 'diagonal'],
  ['linear', 'identity'],
  ['diagonal', 'linear'],
  ['scalar', 'diagonal'],
  ['scalar', 'identity'],
];

describe('GD field by the chain rule', () => {
  it.each(kinds)('equals −(∇E + λx), rate-scaled, E = F(θ, ψ, θ): %s encoder, %s predictor', (encoder, predictor) => {
    for (const [p, qq, seed] of [[1, 1, 1], [3, 2, 2], [2, 3, 3]] as const) {
      const model = randomModel({ p, q: qq, encoder, predictor, seed, asymmetric: seed === 2, weightDecay: q(1, 7), predictorRate: q(5, 2) });
      const d = deriveModel(model);
      const gd = d.procedures.find((x) => x.procedure.name === 'gd')!;
      const E = d.objective.renameVariables(targetToEncoder(d.params));
      const expected = onlineField(modelCoefficients(model, d.params), d.params, E.gradient(onlineState(d.params)));
      expect(gd.field.length).toBe(expected.length);
      gd.field.forEach((v, k) => expect(v.equals(expected[k]!), `component ${gd.stateNames[k]}`).toBe(true));
    }
  });
});
