/**
 * Stability certificates (MATH.md §6, issue 4, item 3): one per exact point whose verdict is
 * proved, written under `<model>.<procedure>.<component>-<point>.stability.json`. Evidence: the
 * point, k (the dimension of the component's tangent space there), the component's equations, and
 * for "transversally asymptotically stable" a chart (n − k equations with independent gradients at
 * the point) with multipliers u_i (u_i(x) ≠ 0) and cofactors h_ij, u_i·V_i = Σ_j h_ij·g_j, which
 * show a k-dimensional manifold of equilibria through the point. The kernel recomputes the rest.
 */
import type { ProcedureCheck } from '../analyses/check-model.js';
import type { EquilibriumComponent } from '../analyses/equilibria.js';
import { equationJacobian } from '../analyses/local-dimension.js';
import { evaluateMatrix } from '../analyses/poly-tools.js';
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import { type Cofactors, chartOf, cofactorsOf } from './cofactors.js';
import { cofactorsJson, derivationOf, dynamicalCertificate, pointJson } from './dynamics-common.js';
import { globalCofactors } from './equilibria.js';
import { certificateModel, type NamedCertificate } from './format.js';
import { registerCertificateWriter } from './registry.js';

/**
 * A chart and local cofactors at the point: the greedy chart in the equations' order, else in
 * reverse order; multipliers 1, then each coordinate that is nonzero at the point, then an
 * unknown multiplier of degree ≤ 2 (cofactors.ts). Null when the
 * search finds none (the certificate then carries no chart and the kernel rejects it).
 */
function localManifold(d: ProcedureDerivation, equations: readonly Poly[], values: readonly Rational[], global: ReturnType<typeof globalCofactors>) {
  const slot = new Map(d.state.map((v, k) => [v, k]));
  const at = (v: number) => values[slot.get(v)!]!;
  const gradients = evaluateMatrix(equationJacobian(equations, d.state), at);
  const forward = equations.map((_, j) => j);
  const ring = d.field[0]!.ring;
  const multipliers = [Poly.constant(ring, Rational.ONE), ...d.state.filter((v) => !at(v).isZero()).map((v) => Poly.variable(ring, v))];
  // Fixed multipliers on both charts first; the search with an unknown multiplier only after.
  for (const general of [false, true]) {
    for (const order of [forward, [...forward].reverse()]) {
      const chart = chartOf(gradients, order);
      if (chart.length === equations.length && global.complete) return { chart, cofactors: global.cofactors };
      const cofactors: Cofactors[] = [];
      for (const f of d.field) {
        const c = cofactorsOf(f, equations, chart, multipliers, general ? at : undefined);
        if (!c) break;
        cofactors.push(c);
      }
      if (cofactors.length === d.field.length) return { chart: [...chart].sort((a, b) => a - b), cofactors };
    }
  }
  return null;
}

function stabilityCertificates(p: ProcedureCheck, d: ProcedureDerivation, c: EquilibriumComponent, i: number): Array<{ j: number; evidence: Record<string, unknown>; claim: string }> {
  const stability = p.dynamics.equilibria!.stability?.[i] ?? [];
  const equations = c.equations.map(String);
  let global: ReturnType<typeof globalCofactors> | undefined;
  const out: Array<{ j: number; evidence: Record<string, unknown>; claim: string }> = [];
  c.points.forEach((point, j) => {
    const s = stability[j];
    if (!point.exact || !s || s.level !== 'proved') return;
    const evidence: Record<string, unknown> = { point: pointJson(p.stateNames, point.values), k: s.componentDimension, equations };
    if (s.verdict === 'transversally asymptotically stable') {
      global ??= globalCofactors(d, c.equations);
      const local = localManifold(d, c.equations, point.values, global);
      if (local) {
        evidence.chart = local.chart;
        evidence.multipliers = Object.fromEntries(p.stateNames.flatMap((n, k) => (local.cofactors[k]!.u.isConstant() && local.cofactors[k]!.u.constantTerm().isOne() ? [] : [[n, local.cofactors[k]!.u.toString()]])));
        evidence.cofactors = cofactorsJson(p.stateNames, local.cofactors);
      }
    }
    out.push({ j, evidence, claim: s.verdict });
  });
  return out;
}

registerCertificateWriter({
  analysis: 'stability',
  certificates(check, source) {
    const model = certificateModel(check.model);
    const out: NamedCertificate[] = [];
    for (const p of check.procedures) {
      if (!p.dynamics.equilibria?.stability) continue;
      const d = derivationOf(check, p);
      p.dynamics.equilibria.finding.components.forEach((c, i) => {
        for (const { j, evidence, claim } of stabilityCertificates(p, d, c, i)) {
          out.push({ name: `${p.name}.${c.id}-${j + 1}.stability`, certificate: dynamicalCertificate('stability', model, p.name, claim, evidence, source) });
        }
      });
    }
    return out;
  },
});
