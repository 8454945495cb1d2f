/** GD on the original objective E(θ, ψ) = F(θ, ψ, θ): the field is −∇E (with decay and rates). */
import { Rational } from '../exact/rational.js';
import { targetToEncoder } from '../model/parameters.js';
import { Poly } from '../poly/poly.js';
import { onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'gd',
  recipe: 'identify-then-differentiate',
  words: {
    label: 'GD',
    title: 'gradient descent on the original objective',
    rule: 'substitute ξ := θ into F to get E(θ, ψ), then differentiate E in θ and ψ',
    how: 'gradient flow on the original objective $E(A, B) = F(A, B, A)$: the target is the encoder before differentiating',
    field: 'The gradient-descent field is minus the gradient of $E$',
  },
  state: onlineState,
  rates: onlineRates,
  field({ params, objective, onlineFieldAtTheta }) {
    // By the chain rule, ∂E/∂θ = (∂F/∂θ + ∂F/∂ξ)(θ, ψ, θ) and ∂E/∂ψ = ∂F/∂ψ(θ, ψ, θ). The first
    // terms, decayed and rate-scaled, are the stop-gradient field, shared with SG; only ∂F/∂ξ at
    // ξ = θ is new, and F has few terms in ξ. The same polynomials as differentiating E itself
    // (test/procedures/gd-chain-rule.test.ts), without a second pass over all of F.
    const ring = params.ring;
    const toEncoder = targetToEncoder(params);
    const dXi = objective.gradient(params.target.variables).map((g) => g.renameVariables(toEncoder));
    const nTheta = params.encoder.variables.length;
    // θ has rate 1: the θ components are −(… + ∂F/∂ξ), ψ's are the SG ones unchanged.
    return onlineFieldAtTheta().map((v, k) => (k < nTheta ? Poly.linearCombination(ring, [[v, Rational.ONE], [dXi[k]!, Rational.MINUS_ONE]]) : v));
  },
});
