/**
 * Registered analysis "invariants" (docs/math.md §5): a complete, exact basis of the polynomial
 * conserved quantities of degree ≤ 2 (invariants.ts).
 */
import { type InvariantsFinding, findInvariants } from '../invariants.js';
import { shorten } from '../../notation/check-text.js';
import { DEFAULT_DYNAMICS_MAX_STATE, registerAnalysis } from '../analysis.js';

export const invariants = registerAnalysis<InvariantsFinding>({
  name: 'invariants',
  summary: 'a basis of the polynomial conserved quantities of degree ≤ 2 (exact, complete)',
  requires: [],
  defaultRun: { kind: 'up-to-state', maxState: DEFAULT_DYNAMICS_MAX_STATE },
  run: ({ procedure, options }) => findInvariants(procedure, options),
  toJson: (inv) => ({
    invariants: {
      level: inv.level,
      maxDegree: inv.maxDegree,
      basis: inv.basis.map((b) => b.toString()),
      certificate: inv.certificate,
      ...(inv.reason ? { reason: inv.reason } : {}),
    },
  }),
  text(inv) {
    const basis = inv.basis.length === 0 ? 'none' : inv.basis.map(String).join('; ');
    return [`conserved quantities of degree ≤ 2 (${inv.level}${inv.reason ? `: ${inv.reason}` : ''}): ${shorten(basis)}`];
  },
});
