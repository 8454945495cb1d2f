/**
 * Core benchmark (issue 2): square linear models d = p = q, all three procedures. Times, in ms,
 * the objective F, the fields, the Jacobians, the exact integrability verdicts (symmetry test with
 * potential or certificate) and the float curl check at 64 points.
 */
import { Rational } from '../../src/exact/rational.js';
import { analyseIntegrability } from '../../src/analyses/integrability.js';
import { sampleCurl } from '../../src/analyses/curl-sampling.js';
import { objective } from '../../src/model/objective.js';
import { parametrize } from '../../src/model/parameters.js';
import { derivationContext, jacobianOf } from '../../src/procedures/derive.js';
import { getProcedure } from '../../src/procedures/index.js';
import { randomModel } from '../helpers/models.js';

export interface CoreRow {
  d: number;
  stateSG: number;
  stateEMA: number;
  objectiveTerms: number;
  jacobianTerms: number;
  ms: { objective: number; fields: number; jacobians: number; verdicts: number; sampled: number; total: number };
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

export function benchCore(d: number): CoreRow {
  const model = randomModel({ p: d, q: d, seed: d, weightDecay: Rational.of(1, 10), predictorRate: Rational.of(2) });
  const params = parametrize(model);
  const [F, tObjective] = timed(() => objective(model, params));
  const procs = model.procedures.map(getProcedure);
  const context = derivationContext(model, params, F);
  const [fields, tFields] = timed(() => procs.map((p) => p.field(context)));
  const states = procs.map((p) => p.state(params));
  const [jacobians, tJacobians] = timed(() => fields.map((f, k) => jacobianOf(f, states[k]!)));
  const derivations = procs.map((procedure, k) => ({
    procedure,
    state: states[k]!,
    stateNames: states[k]!.map((v) => params.ring.names[v]!),
    rates: procedure.rates(model, params),
    field: fields[k]!,
    jacobian: jacobians[k]!,
  }));
  const [, tVerdicts] = timed(() => derivations.map((dv) => analyseIntegrability(dv, { samples: 0, seed: 1 })));
  const [, tSampled] = timed(() => derivations.map((dv) => sampleCurl(dv.jacobian, dv.state, dv.rates, { samples: 64, seed: 1 })));
  const jacobianTerms = jacobians.flat(2).reduce((s, p) => s + p.size, 0);
  return {
    d,
    stateSG: states[1]!.length,
    stateEMA: states[2]!.length,
    objectiveTerms: F.size,
    jacobianTerms,
    ms: {
      objective: tObjective,
      fields: tFields,
      jacobians: tJacobians,
      verdicts: tVerdicts,
      sampled: tSampled,
      total: tObjective + tFields + tJacobians + tVerdicts + tSampled,
    },
  };
}
