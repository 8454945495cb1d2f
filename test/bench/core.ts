/**
 * Core benchmark (issues 2 and 5): linear models (square d = p = q by default), all three
 * procedures. Measures, per phase, wall time and process CPU time (user + system, so GC threads
 * and worker threads count): the objective F, the fields, the Jacobians, the exact integrability
 * verdicts (symmetry test with potential or certificate) and the float curl check at 64 points.
 *
 * Example: `const row = benchCore({ p: 8, q: 8 }); row.total.cpu` (ms).
 *
 * CPU time is the figure to trust on a shared machine: wall time grows with other people's load,
 * CPU time grows only with ours.
 */
import { compiledFloatField } from '../../src/numeric/float-field.js';
import { Rational } from '../../src/exact/rational.js';
import { analyseIntegrability } from '../../src/analyses/integrability.js';
import { sampleCurl } from '../../src/analyses/curl-sampling.js';
import type { Parallelism } from '../../src/numeric/curl-points.js';
import { objective } from '../../src/model/objective.js';
import { parametrize } from '../../src/model/parameters.js';
import { derivationContext, jacobianOf } from '../../src/procedures/derive.js';
import { modelCoefficients, modelRates } from '../../src/procedures/common.js';
import { getProcedure } from '../../src/procedures/index.js';
import { randomModel } from '../helpers/models.js';

/** Wall and CPU milliseconds of one piece of work. */
export interface Timing {
  wall: number;
  cpu: number;
}

export const PHASES = ['objective', 'fields', 'jacobians', 'verdicts', 'sampled'] as const;
export type Phase = (typeof PHASES)[number];

export interface CoreRow {
  p: number;
  q: number;
  stateSG: number;
  stateEMA: number;
  objectiveTerms: number;
  jacobianTerms: number;
  phases: Record<Phase, Timing>;
  /** Everything but the float curl check. */
  exact: Timing;
  total: Timing;
  /** Verdicts, so that a faster kernel that changes an answer is caught by eye. */
  verdicts: string;
}

function timed<T>(f: () => T): [T, Timing] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [r, { wall, cpu: (c.user + c.system) / 1000 }];
}

/** BENCH_PARALLEL=never measures the float curl check on one thread only. */
const PARALLEL = (process.env.BENCH_PARALLEL ?? 'auto') as Parallelism;

const plus = (a: Timing, b: Timing): Timing => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });

export function benchCore(shape: { p: number; q: number }): CoreRow {
  const { p, q } = shape;
  const model = randomModel({ p, q, seed: p, weightDecay: Rational.of(1, 10), predictorRate: Rational.of(2) });
  const params = parametrize(model);
  const [F, tObjective] = timed(() => objective(model, params));
  const procs = model.procedures.map(getProcedure);
  const context = derivationContext(modelCoefficients(model, params), params, F);
  const [fields, tFields] = timed(() => procs.map((proc) => proc.field(context)));
  const states = procs.map((proc) => proc.state(params));
  const [jacobians, tJacobians] = timed(() => fields.map((f, k) => jacobianOf(f, states[k]!)));
  const derivations = procs.map((procedure, k) => ({
    procedure,
    state: states[k]!,
    stateNames: states[k]!.map((v) => params.ring.names[v]!),
    rates: procedure.rates(modelRates(model), params),
    field: fields[k]!,
    jacobian: jacobians[k]!,
    float: compiledFloatField(fields[k]!, jacobians[k]!, states[k]!),
  }));
  const [findings, tVerdicts] = timed(() => derivations.map((dv) => analyseIntegrability(dv, { samples: 0, seed: 1 })));
  const [samples, tSampled] = timed(() =>
    derivations.map((dv) => sampleCurl(dv.jacobian, dv.state, dv.rates, { samples: 64, seed: 1, parallel: PARALLEL })),
  );
  const jacobianTerms = jacobians.reduce((s, J) => s + J.reduce((t, row) => t + row.reduce((u, e) => u + e.size, 0), 0), 0);
  const verdicts = findings
    .map((f, k) => {
      const curl = samples[k]!.euclidean;
      return `${procs[k]!.name}:${f.euclidean.integrable ? 'grad' : 'curl'}/${f.rateAdjusted?.integrable ? 'grad' : 'curl'}(${curl.nonzeroPoints}/${curl.samples})`;
    })
    .join(' ');
  const phases = { objective: tObjective, fields: tFields, jacobians: tJacobians, verdicts: tVerdicts, sampled: tSampled };
  const exact = [tObjective, tFields, tJacobians, tVerdicts].reduce(plus);
  return {
    p,
    q,
    stateSG: states[1]!.length,
    stateEMA: states[2]!.length,
    objectiveTerms: F.size,
    jacobianTerms,
    phases,
    exact,
    total: plus(exact, tSampled),
    verdicts,
  };
}
