/**
 * `gradient` and `not-gradient` {procedure}: whether the procedure's field V, or P⁻¹V with P the
 * rate matrix, is minus the gradient of a function — read off the integrability analysis, which
 * proves either answer exactly (a potential, or a point where the curl is not zero).
 */
import { integrability } from '../../analyses/index.js';
import type { ProcedureCheck } from '../../analyses/check-model.js';
import type { StatementVerdict } from '../statement.js';
import { checkProcedureParam, missingProcedure, procedureOf, registerEvidence } from './registry.js';

/** Whether V or P⁻¹V is a gradient field, with the words of the finding. */
function gradientFinding(p: ProcedureCheck): { gradient: boolean; words: string } {
  const { euclidean, rateAdjusted } = p.results.require(integrability);
  if (euclidean.integrable) return { gradient: true, words: `${p.label}: V is a gradient field (proved, with its potential)` };
  if (rateAdjusted?.integrable) return { gradient: true, words: `${p.label}: P⁻¹V is a gradient field (proved, with its potential); V is not (curl certificate)` };
  return { gradient: false, words: `${p.label}: V${rateAdjusted ? ' and P⁻¹V are' : ' is'} not the gradient of any C² function (proved, curl certificate${rateAdjusted ? 's' : ''})` };
}

function verdict(wantGradient: boolean, p: ProcedureCheck): StatementVerdict {
  const f = gradientFinding(p);
  return f.gradient === wantGradient ? { outcome: 'holds', level: 'proved', evidence: [f.words] } : { outcome: 'fails', level: 'refuted', evidence: [f.words] };
}

registerEvidence({
  name: 'gradient',
  summary: 'the procedure’s field V, or P⁻¹V, is minus a gradient (integrability: a potential, or a curl certificate refutes it)',
  check: (params, where) => checkProcedureParam(params, where),
  analyses: () => ['integrability'],
  inapplicable: missingProcedure,
  verdict: (check, params) => verdict(true, procedureOf(check, params)),
});

registerEvidence({
  name: 'not-gradient',
  summary: 'neither V nor P⁻¹V is a gradient field (integrability: a curl certificate, or a potential refutes it)',
  check: (params, where) => checkProcedureParam(params, where),
  analyses: () => ['integrability'],
  inapplicable: missingProcedure,
  verdict: (check, params) => verdict(false, procedureOf(check, params)),
});
