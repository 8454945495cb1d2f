/**
 * `collapses` {procedure}: every equilibrium of the procedure's field has A = 0. For the procedure
 * that minimizes E (GD) the collapse analysis proves it or finds an exact counterexample; for the
 * others it looks for a rational non-collapsed equilibrium, which refutes the statement. On a
 * family: GD's collapse proof for all admissible values (J positive definite, λ ≥ 0), or, for the
 * others, a closed-form non-collapsed equilibrium that exists for every admissible value.
 */
import { collapse } from '../../analyses/index.js';
import type { FamilyCheck } from '../../family/check.js';
import { describePoint } from '../../family/claims.js';
import type { StatementVerdict } from '../statement.js';
import { type FamilyVerdict, checkProcedureParam, familyProcedureOf, missingProcedure, procedureOf, registerEvidence } from './registry.js';

function familyVerdict(check: FamilyCheck, params: Record<string, unknown>): FamilyVerdict {
  const p = familyProcedureOf(check, params);
  if (p.collapse) {
    if (p.collapse.proved) return { outcome: 'holds', level: 'proved', scope: 'all', evidence: [`${p.label}: ${p.collapse.reason} (proved)`] };
    return { outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: [`${p.label}: the proof stops: ${p.collapse.reason}`] };
  }
  // A residual point has A ≠ 0 and solves V = 0 identically; it exists wherever its denominator is not 0.
  const witness = p.points.find((x) => x.point.component === 'residual' && (x.point.denominator.isConstant() || x.point.denominatorSign !== null));
  if (witness) return { outcome: 'fails', level: 'refuted', scope: 'all', evidence: [`${p.label}: non-collapsed equilibria ${describePoint(p, witness.point)} for every admissible value (proved)`] };
  return { outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: [`${p.label}: no proof that every equilibrium is collapsed, and no non-collapsed equilibrium proved to exist for every admissible value`] };
}

registerEvidence({
  name: 'collapses',
  summary: 'every equilibrium of the procedure has A = 0 (collapse: GD’s proof or counterexample, or an exact non-collapsed equilibrium)',
  check: (params, where) => checkProcedureParam(params, where),
  analyses: () => ['collapse'],
  inapplicable: missingProcedure,
  verdict(check, params): StatementVerdict {
    const p = procedureOf(check, params);
    const finding = p.results.require(collapse);
    const proof = finding.gd;
    if (proof) {
      if (proof.level === 'proved') return { outcome: 'holds', level: 'proved', evidence: [`${p.label}: ${proof.reason} (proved)`] };
      if (proof.level === 'refuted') return { outcome: 'fails', level: 'refuted', evidence: [`${p.label}: non-collapsed equilibrium ${proof.counterexample ?? ''} (exact counterexample)`.replace(' ()', '')] };
      return { outcome: 'undecided', level: 'inconclusive', evidence: [`${p.label}: the proof stops: ${proof.reason}`] };
    }
    const { exists, level, evidence } = finding.nonCollapsed;
    if (exists === true) return { outcome: 'fails', level: 'refuted', evidence: [`${p.label}: ${evidence} (${level})`] };
    return { outcome: 'undecided', level: 'inconclusive', evidence: [`${p.label}: no proof that every equilibrium is collapsed (${evidence})`] };
  },
  family: familyVerdict,
});
