/** Stop gradient (SimSiam): differentiate F in θ and ψ first, then set ξ := θ. */
import { targetToEncoder } from '../model/parameters.js';
import { onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'sg',
  title: 'stop gradient (SimSiam)',
  rule: 'differentiate F in θ and ψ, then substitute ξ := θ',
  state: onlineState,
  rates: onlineRates,
  field({ params, onlineField }) {
    // The decayed, rate-scaled field at (θ, ψ, ξ), then ξ := θ: the same polynomials as
    // scaling after the substitution, since decay and rates touch θ and ψ only.
    const toEncoder = targetToEncoder(params);
    return onlineField().map((v) => v.renameVariables(toEncoder));
  },
});
