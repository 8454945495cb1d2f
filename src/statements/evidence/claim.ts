/**
 * `claim` {claim: C1…C4}: the claim of docs/math.md §3 as `checkModel` assesses it on the model
 * (src/analyses/claims.ts), or as `checkFamily` assesses it for every admissible value of a
 * family's symbols (src/family/claims.ts), or as `check` assesses it on a variant (certified or
 * numerical, src/variants/claims.ts): outcome, level and evidence unchanged.
 */
import { SpecError } from '../../model/spec-error.js';
import type { ClaimVerdict } from '../../analyses/claims.js';
import type { StatementVerdict } from '../statement.js';
import { registerEvidence } from './registry.js';

/** The analyses each claim reads (claims.ts): a claim run without them is "not analysed". */
const NEEDS: Record<string, string[]> = {
  C1: ['integrability'],
  C2: ['equilibria', 'stability'],
  C3: ['collapse'],
  C4: ['equilibria', 'stability'],
};

registerEvidence({
  name: 'claim',
  summary: 'one of the claims C1–C4 as ncssl check assesses it on the model',
  check(params, where) {
    for (const k of Object.keys(params)) if (k !== 'claim') throw new SpecError(`${where}${k}`, 'unknown field; expected claim');
    if (!Object.hasOwn(NEEDS, String(params.claim))) throw new SpecError(`${where}claim`, `expected C1, C2, C3 or C4, got ${JSON.stringify(params.claim) ?? 'nothing'}`);
  },
  analyses: (params) => NEEDS[params.claim as string]!,
  verdict: (check, params) => claimVerdict(check.claims, params),
  family: (check, params) => {
    const verdict = claimVerdict(check.claims, params);
    // A family's claim is read for all admissible values at once, except where it rests on the
    // seeded admissible values: a numerical level, or a refutation at one of them.
    const claim = check.claims.find((c) => c.id === params.claim);
    const sampled = claim !== undefined && (claim.level === 'numerical' || claim.refutedAt === 'numerical');
    return { ...verdict, scope: sampled ? 'sampled' : 'all' };
  },
  // On a variant: the claims `check` assesses from its certified curl and flow limits (variants/claims.ts).
  variant: (findings, params) => claimVerdict(findings.dynamics.claims, params),
});

function claimVerdict(claims: readonly ClaimVerdict[], params: Record<string, unknown>): StatementVerdict {
  const claim = claims.find((c) => c.id === params.claim);
  // C3 needs a GD procedure, C2 and C4 a non-contrastive one: a model without them has no such claim.
  if (!claim) return { outcome: 'undecided', level: 'inconclusive', evidence: [`${String(params.claim)} is not a claim about this model's procedures`] };
  const outcome = claim.outcome === 'not analysed' ? 'undecided' : claim.outcome;
  return { outcome, level: claim.level, evidence: [...claim.evidence] };
}
