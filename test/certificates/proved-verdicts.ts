/**
 * The certificate kind each proved verdict of a check calls for, read off the findings directly
 * (not from the writers), so tests can check "one certificate per proved verdict": integrability
 * (curl or potential), every component (equilibrium-set: why its zeros are equilibria), every exact
 * point (stability when its verdict is proved, else equilibrium), the GD collapse proof, a proved
 * non-collapsed witness, a non-empty invariant basis, a metric found.
 *
 * Example: `provedVerdictKinds(checkModel(scalar, options))` contains 'potential' and 'gd-collapse'.
 */
import type { ModelCheck } from '../../src/analyses/check-model.js';
import { collapse as collapseAnalysis, equilibria, integrability, invariants as invariantsAnalysis, metric as metricAnalysis, stability } from '../../src/analyses/index.js';

export function provedVerdictKinds(check: ModelCheck): string[] {
  return check.procedures.flatMap((p) => {
    const { euclidean, rateAdjusted } = p.results.require(integrability);
    const kinds = [euclidean, rateAdjusted].flatMap((v) => (v?.level === 'proved' ? [v.integrable ? 'potential' : 'curl'] : []));
    const verdicts = p.results.get(stability);
    p.results.get(equilibria)?.components.forEach((c, i) => {
      if (c.containment.level === 'proved') kinds.push('equilibrium-set');
      c.points.forEach((x, j) => x.exact && kinds.push(verdicts?.[i]![j]!.level === 'proved' ? 'stability' : 'equilibrium'));
    });
    const [collapse, invariants, metric] = [p.results.get(collapseAnalysis), p.results.get(invariantsAnalysis), p.results.get(metricAnalysis)];
    if (collapse?.gd?.level === 'proved') kinds.push('gd-collapse');
    if (collapse?.nonCollapsed.level === 'proved' && collapse.nonCollapsed.exists) kinds.push('equilibrium');
    if (invariants?.level === 'proved' && invariants.basis.length > 0) kinds.push('invariant');
    if (metric?.level === 'proved' && metric.exists) kinds.push('metric');
    return kinds;
  });
}
