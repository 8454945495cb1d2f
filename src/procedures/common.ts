/**
 * Pieces shared by the procedures: the weight-decayed, rate-scaled update of the online
 * parameters, `θ̇ = −g_θ − λθ`, `ψ̇ = −α(g_ψ + λψ)` (docs/math.md §2).
 */
import { Rational } from '../exact/rational.js';
import type { Model } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';
import { Poly } from '../poly/poly.js';

/** State of GD and SG: encoder then predictor parameters. */
export function onlineState(params: Parametrization): number[] {
  return [...params.encoder.variables, ...params.predictor.variables];
}

/** Rates of the online state: 1 for θ, α for ψ. */
export function onlineRates(model: Model, params: Parametrization): Rational[] {
  return [
    ...params.encoder.variables.map(() => Rational.ONE),
    ...params.predictor.variables.map(() => model.predictorRate),
  ];
}

/**
 * The online part of a field from the partial derivatives of a loss, given in the order of
 * `onlineState`: `−g − λθ` for the encoder, `−α(g + λψ)` for the predictor.
 */
export function onlineField(model: Model, params: Parametrization, gradient: Poly[]): Poly[] {
  const ring = params.ring;
  const lambda = model.weightDecay;
  const alpha = model.predictorRate;
  const nTheta = params.encoder.variables.length;
  return onlineState(params).map((v, k) => {
    // s·(g + λ·x_v) in one map: scale g's terms, then add s·λ at the monomial x_v.
    const s = k < nTheta ? Rational.MINUS_ONE : alpha.neg();
    return Poly.linearCombination(ring, [[gradient[k]!, s], [Poly.variable(ring, v), lambda.mul(s)]]);
  });
}
