/** Moving-average target (BYOL): θ and ψ follow −∂F at (θ, ψ, ξ); ξ̇ = τ(θ − ξ). */
import { Poly } from '../poly/poly.js';
import { onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'ema',
  title: 'moving-average target (BYOL)',
  rule: 'differentiate F in θ and ψ at (θ, ψ, ξ); the target follows ξ̇ = τ(θ − ξ)',
  state: (params) => [...onlineState(params), ...params.target.variables],
  rates: (model, params) => [...onlineRates(model, params), ...params.target.variables.map(() => model.emaRate)],
  field({ model, params, onlineField }) {
    const ring = params.ring;
    const online = onlineField();
    const target = params.target.variables.map((xi, k) =>
      Poly.variable(ring, params.encoder.variables[k]!).sub(Poly.variable(ring, xi)).scale(model.emaRate),
    );
    return [...online, ...target];
  },
});
