/** Stop gradient (SimSiam): differentiate F in θ and ψ first, then set ξ := θ. */
import { onlineRates, onlineState } from './common.js';
import { registerProcedure } from './procedure.js';

registerProcedure({
  name: 'sg',
  recipe: 'differentiate-then-identify',
  words: {
    label: 'SG',
    title: 'stop gradient (SimSiam)',
    rule: 'differentiate F in θ and ψ, then substitute ξ := θ',
    how: 'the gradients of $F(A, B, T)$ in the online blocks, taken with the target held fixed and evaluated at $T = A$',
    field: 'The stop-gradient field takes the gradients of $F$ at $T = A$',
  },
  state: onlineState,
  rates: onlineRates,
  field({ onlineFieldAtTheta }) {
    // The decayed, rate-scaled field at (θ, ψ, ξ), then ξ := θ (derive.ts): the same polynomials
    // as scaling after the substitution, since decay and rates touch θ and ψ only.
    return onlineFieldAtTheta();
  },
});
