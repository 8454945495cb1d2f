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

export function provedVerdictKinds(check: ModelCheck): string[] {
  return check.procedures.flatMap((p) => {
    const kinds = [p.integrability.euclidean, p.integrability.rateAdjusted].flatMap((v) => (v?.level === 'proved' ? [v.integrable ? 'potential' : 'curl'] : []));
    const eq = p.dynamics.equilibria;
    eq?.finding.components.forEach((c, i) => {
      if (c.containment.level === 'proved') kinds.push('equilibrium-set');
      c.points.forEach((x, j) => x.exact && kinds.push(eq.stability?.[i]?.[j]?.level === 'proved' ? 'stability' : 'equilibrium'));
    });
    const { collapse, invariants, metric } = p.dynamics;
    if (collapse?.gd?.level === 'proved') kinds.push('gd-collapse');
    if (collapse?.nonCollapsed.level === 'proved' && collapse.nonCollapsed.exists) kinds.push('equilibrium');
    if (invariants?.level === 'proved' && invariants.basis.length > 0) kinds.push('invariant');
    if (metric?.level === 'proved' && metric.exists) kinds.push('metric');
    return kinds;
  });
}
