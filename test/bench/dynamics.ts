/**
 * Dynamics benchmark (issue 4): equilibrium sampling with exact stability certificates for EMA at
 * d = 3 (state 27) and SG at d = 4 (state 32), targets < 2 s each; invariants of degree ≤ 2 and
 * the constant-metric question at d = 3. Square random models (seeded), λ = 0 so that the exact
 * non-collapsed family exists; 3 points per component, no float flows. Measures, asserts nothing.
 *
 * Example: `benchDynamics().forEach((r) => console.log(r.name, r.ms))`.
 */
import { analyseEquilibria } from '../../src/analyses/equilibria.js';
import { findInvariants } from '../../src/analyses/invariants.js';
import { findConstantMetric } from '../../src/analyses/metric.js';
import { analysePointStability, componentGeometry } from '../../src/analyses/stability.js';
import type { ProcedureName } from '../../src/model/model.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel } from '../helpers/models.js';

export interface DynamicsRow {
  name: string;
  ms: number;
  /** What was done, e.g. "9 points (7 exact), 7 proved verdicts". */
  detail: string;
}

function derivationOf(d: number, procedure: ProcedureName) {
  const derivation = deriveModel(randomModel({ p: d, q: d, seed: d, procedures: [procedure] }));
  return { derivation, proc: derivation.procedures[0]! };
}

function equilibriaWithCertificates(d: number, procedure: ProcedureName): DynamicsRow {
  const { derivation, proc } = derivationOf(d, procedure);
  const t0 = performance.now();
  const eq = analyseEquilibria(derivation, proc, { points: 3, flows: 0, seed: 1 });
  let points = 0;
  let exact = 0;
  let proved = 0;
  for (const c of eq.components) {
    const jg = componentGeometry(proc, c.equations);
    for (const p of c.points) {
      const s = analysePointStability(proc, jg, p);
      points++;
      if (p.exact) exact++;
      if (s.level === 'proved') proved++;
    }
  }
  const ms = performance.now() - t0;
  return {
    name: `${procedure.toUpperCase()} d=${d} (state ${proc.state.length}): equilibria + exact stability certificates`,
    ms,
    detail: `${points} points (${exact} exact), ${proved} proved verdicts`,
  };
}

function invariantsAndMetric(d: number, procedure: ProcedureName): DynamicsRow[] {
  const { proc } = derivationOf(d, procedure);
  let t0 = performance.now();
  const inv = findInvariants(proc, { seed: 1 });
  const tInv = performance.now() - t0;
  t0 = performance.now();
  const metric = findConstantMetric(proc, { seed: 1 });
  const tMetric = performance.now() - t0;
  const label = `${procedure.toUpperCase()} d=${d} (state ${proc.state.length})`;
  return [
    { name: `${label}: invariants of degree ≤ 2`, ms: tInv, detail: `${inv.basis.length} conserved (${inv.level}), ${inv.certificate.unknowns} unknowns` },
    {
      name: `${label}: constant metric`,
      ms: tMetric,
      detail: `${metric.exists ? `${metric.basis.length}-dimensional` : 'none'} (${metric.level}), ${metric.certificate.unknowns} unknowns`,
    },
  ];
}

export function benchDynamics(): DynamicsRow[] {
  equilibriaWithCertificates(1, 'sg'); // warm-up
  return [
    equilibriaWithCertificates(3, 'ema'),
    equilibriaWithCertificates(4, 'sg'),
    ...invariantsAndMetric(3, 'sg'),
    ...invariantsAndMetric(3, 'ema'),
    ...invariantsAndMetric(3, 'gd'),
  ];
}
