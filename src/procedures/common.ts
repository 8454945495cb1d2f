/**
 * Pieces shared by the procedures: the weight-decayed, rate-scaled update of the online
 * parameters, `θ̇ = −g_θ − λθ`, `ψ̇ = −α(g_ψ + λψ)` (docs/math.md §2).
 */
import { Rational } from '../exact/rational.js';
import type { Model } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';
import { Poly } from '../poly/poly.js';
import type { Coefficients, Rates } from './procedure.js';

/** State of GD and SG: encoder then predictor parameters. */
export function onlineState(params: Parametrization): number[] {
  return [...params.encoder.variables, ...params.predictor.variables];
}

/** Rates of the online state: 1 for θ, α for ψ (numbers for a model, polynomials for a family). */
export function onlineRates<T>(rates: Rates<T>, params: Parametrization): T[] {
  return [...params.encoder.variables.map(() => rates.one), ...params.predictor.variables.map(() => rates.predictorRate)];
}

/** A model's rates as numbers, for `Procedure.rates`. */
export function modelRates(model: Model): Rates<Rational> {
  return { one: Rational.ONE, predictorRate: model.predictorRate, emaRate: model.emaRate };
}

/** A model's weight decay and rates as constant polynomials of `params.ring`. */
export function modelCoefficients(model: Model, params: Parametrization): Coefficients {
  const c = (r: Rational) => Poly.constant(params.ring, r);
  return { weightDecay: c(model.weightDecay), predictorRate: c(model.predictorRate), emaRate: c(model.emaRate) };
}

/**
 * The online part of a field from the partial derivatives of a loss, given in the order of
 * `onlineState`: `−g − λθ` for the encoder, `−α(g + λψ)` for the predictor. λ and α are numbers
 * for a model and may be polynomials in a family's symbols.
 */
export function onlineField(coefficients: Coefficients, params: Parametrization, gradient: Poly[]): Poly[] {
  const ring = params.ring;
  const { weightDecay, predictorRate } = coefficients;
  const nTheta = params.encoder.variables.length;
  if (weightDecay.isConstant() && predictorRate.isConstant()) {
    const lambda = weightDecay.constantTerm();
    const alpha = predictorRate.constantTerm();
    return onlineState(params).map((v, k) => {
      // s·(g + λ·x_v) in one map: scale g's terms, then add s·λ at the monomial x_v.
      const s = k < nTheta ? Rational.MINUS_ONE : alpha.neg();
      return Poly.linearCombination(ring, [[gradient[k]!, s], [Poly.variable(ring, v), lambda.mul(s)]]);
    });
  }
  return onlineState(params).map((v, k) => {
    const decayed = gradient[k]!.add(weightDecay.mul(Poly.variable(ring, v)));
    return (k < nTheta ? decayed : predictorRate.mul(decayed)).neg();
  });
}
