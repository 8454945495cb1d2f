/** GD on the original objective E(θ, ψ) = F(θ, ψ, θ): the field is −∇E (with decay and rates). */
import { targetToEncoder } from '../model/parameters.js';
import { onlineField, onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'gd',
  title: 'gradient descent on the original objective',
  rule: 'substitute ξ := θ into F to get E(θ, ψ), then differentiate E in θ and ψ',
  state: onlineState,
  rates: onlineRates,
  field({ model, params, objective }) {
    const original = objective.renameVariables(targetToEncoder(params));
    return onlineField(model, params, original.gradient(onlineState(params)));
  },
});
