/**
 * `collapses` {procedure}: every equilibrium of the procedure's field has A = 0. For the procedure
 * that minimizes E (GD) the collapse analysis proves it or finds an exact counterexample; for the
 * others it looks for a rational non-collapsed equilibrium, which refutes the statement.
 */
import { collapse } from '../../analyses/index.js';
import type { StatementVerdict } from '../statement.js';
import { checkProcedureParam, missingProcedure, procedureOf, registerEvidence } from './registry.js';

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
});
