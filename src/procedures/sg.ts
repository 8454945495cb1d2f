/** Stop gradient (SimSiam): differentiate F in θ and ψ first, then set ξ := θ. */
import { onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'sg',
  title: 'stop gradient (SimSiam)',
  rule: 'differentiate F in θ and ψ, then substitute ξ := θ',
  state: onlineState,
  rates: onlineRates,
  field({ onlineFieldAtTheta }) {
    // The decayed, rate-scaled field at (θ, ψ, ξ), then ξ := θ (derive.ts): the same polynomials
    // as scaling after the substitution, since decay and rates touch θ and ψ only.
    return onlineFieldAtTheta();
  },
});
