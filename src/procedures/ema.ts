/** Moving-average target (BYOL): θ and ψ follow −∂F at (θ, ψ, ξ); ξ̇ = τ(θ − ξ). */
import { Poly } from '../poly/poly.js';
import { onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'ema',
  recipe: 'moving-average',
  words: {
    label: 'EMA',
    title: 'moving-average target (BYOL)',
    rule: 'differentiate F in θ and ψ at (θ, ψ, ξ); the target follows ξ̇ = τ(θ − ξ)',
    how: 'the gradients of $F(A, B, T)$ at the current target, which follows the encoder, $\\dot{T} = \\tau (A - T)$',
    field: 'The moving-average field takes the gradients of $F$ at the current target $T$, which follows the encoder',
  },
  state: (params) => [...onlineState(params), ...params.target.variables],
  rates: (rates, params) => [...onlineRates(rates, params), ...params.target.variables.map(() => rates.emaRate)],
  field({ coefficients, params, onlineField }) {
    const ring = params.ring;
    const online = onlineField();
    const tau = coefficients.emaRate;
    const target = params.target.variables.map((xi, k) => {
      const lag = Poly.variable(ring, params.encoder.variables[k]!).sub(Poly.variable(ring, xi));
      return tau.isConstant() ? lag.scale(tau.constantTerm()) : lag.mul(tau);
    });
    return [...online, ...target];
  },
});
