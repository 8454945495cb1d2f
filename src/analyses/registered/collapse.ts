/**
 * Registered analysis "collapse" (docs/math.md claims C2–C3): for GD the proof that every
 * equilibrium is collapsed (or why it stops, or the counterexample); for all procedures whether
 * non-collapsed equilibria exist and the share of sampled equilibria of each component and
 * verdict (collapse.ts). It reads the sampled equilibria and their stability verdicts.
 */
import { type CollapseFinding, analyseCollapse } from '../collapse.js';
import { DEFAULT_DYNAMICS_MAX_STATE, registerAnalysis } from '../analysis.js';
import { equilibria } from './equilibria.js';
import { stability } from './stability.js';

function lines(c: CollapseFinding): string[] {
  const out: string[] = [];
  if (c.gd) out.push(`collapse: ${c.gd.claim} — ${c.gd.level} (${c.gd.counterexample ? `counterexample: ${c.gd.counterexample}; the proof stops: ${c.gd.reason}` : c.gd.reason})`);
  const exists = c.nonCollapsed.exists === null ? 'undecided' : c.nonCollapsed.exists ? 'exist' : 'do not exist';
  out.push(`non-collapsed equilibria ${exists} (${c.nonCollapsed.level}): ${c.nonCollapsed.evidence}`);
  for (const share of c.shares) {
    const v = Object.entries(share.verdicts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    out.push(`  ${share.title}: ${share.points} sampled${v ? `: ${v}` : ''}`);
  }
  return out;
}

export const collapse = registerAnalysis<CollapseFinding>({
  name: 'collapse',
  summary: 'GD: every equilibrium collapsed (proof or counterexample); do others exist',
  requires: [equilibria, stability],
  defaultRun: { kind: 'up-to-state', maxState: DEFAULT_DYNAMICS_MAX_STATE },
  run: ({ derivation, procedure }, earlier) => analyseCollapse(derivation, procedure, earlier.require(equilibria), earlier.require(stability)),
  toJson: (finding) => ({ collapse: finding }),
  text: lines,
});
