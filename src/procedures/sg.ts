/** Stop gradient (SimSiam): differentiate F in θ and ψ first, then set ξ := θ. */
import { targetToEncoder } from '../model/parameters.js';
import { onlineField, onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'sg',
  title: 'stop gradient (SimSiam)',
  rule: 'differentiate F in θ and ψ, then substitute ξ := θ',
  state: onlineState,
  rates: onlineRates,
  field({ model, params, onlineGradient }) {
    const toEncoder = targetToEncoder(params);
    const gradient = onlineGradient().map((g) => g.renameVariables(toEncoder));
    return onlineField(model, params, gradient);
  },
});
