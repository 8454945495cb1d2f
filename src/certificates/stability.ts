/**
 * Stability certificates (docs/math.md §6, issue 4, item 3): one per exact point whose verdict is
 * proved, written under `<model>.<procedure>.<component>-<point>.stability.json`. Evidence: the
 * point, k and equations g with k = n − rank Dg(x) — the component's own, or for "transversally
 * asymptotically stable" those of the proved manifold of equilibria through the point (perhaps
 * another component's) — and for that claim the chart (n − k equations with independent gradients
 * at the point) with multipliers u_i (u_i(x) ≠ 0) and cofactors h_ij, u_i·V_i = Σ_j h_ij·g_j,
 * which show a k-dimensional manifold of equilibria through the point. The kernel recomputes the
 * rest.
 */
import type { ProcedureCheck } from '../analyses/check-model.js';
import type { EquilibriumComponent } from '../analyses/equilibria.js';
import { equilibria, stability as stabilityAnalysis } from '../analyses/index.js';
import { manifoldJson } from '../analyses/local-manifold.js';
import { dynamicalCertificate, pointJson } from './dynamics-common.js';
import { certificateModel, type NamedCertificate } from './format.js';
import { registerCertificateWriter } from './registry.js';

function stabilityCertificates(p: ProcedureCheck, c: EquilibriumComponent, i: number): Array<{ j: number; evidence: Record<string, unknown>; claim: string }> {
  const stability = p.results.require(stabilityAnalysis)[i]!;
  const equations = c.equations.map(String);
  const out: Array<{ j: number; evidence: Record<string, unknown>; claim: string }> = [];
  c.points.forEach((point, j) => {
    const s = stability[j];
    if (!point.exact || !s || s.level !== 'proved') return;
    const evidence: Record<string, unknown> = { point: pointJson(p.stateNames, point.values), k: s.componentDimension, equations };
    // A proved stable verdict rests on a manifold of equilibria through the point (perhaps drawn
    // from another component's equations): the certificate carries that proof.
    const local = s.manifold;
    if (s.verdict === 'transversally asymptotically stable' && local) Object.assign(evidence, manifoldJson(p.stateNames, local));
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
      if (!p.results.get(stabilityAnalysis)) continue;
      p.results.require(equilibria).components.forEach((c, i) => {
        for (const { j, evidence, claim } of stabilityCertificates(p, c, i)) {
          out.push({ name: `${p.name}.${c.id}-${j + 1}.stability`, certificate: dynamicalCertificate('stability', model, p.name, claim, evidence, source) });
        }
      });
    }
    return out;
  },
});
