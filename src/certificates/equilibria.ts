/**
 * Equilibrium certificates (issue 4, item 1): per component, an "equilibrium-set" certificate (its
 * equations, and cofactors h with V_i = Σ_j h_ij·g_j, so every common zero is an equilibrium); per
 * exact sampled point that no stability certificate covers, an "equilibrium" certificate (V = 0
 * there). Written under `<model>.<procedure>.<component>.equilibrium-set.json` and
 * `<model>.<procedure>.<component>-<point>.equilibrium.json` (points numbered from 1).
 */
import { equilibria, stability } from '../analyses/index.js';
import { globalCofactors } from '../analyses/local-manifold.js';
import { cofactorsJson, derivationOf, dynamicalCertificate, pointJson } from './dynamics-common.js';
import { certificateModel, type NamedCertificate } from './format.js';
import { registerCertificateWriter } from './registry.js';

registerCertificateWriter({
  analysis: 'equilibria',
  certificates(check, source) {
    const model = certificateModel(check.model);
    const out: NamedCertificate[] = [];
    for (const p of check.procedures) {
      const eq = p.results.get(equilibria);
      if (!eq) continue;
      const verdicts = p.results.get(stability);
      const d = derivationOf(check, p);
      eq.components.forEach((c, i) => {
        const { cofactors } = globalCofactors(d, c.equations);
        const evidence = { equations: c.equations.map(String), cofactors: cofactorsJson(p.stateNames, cofactors) };
        out.push({ name: `${p.name}.${c.id}.equilibrium-set`, certificate: dynamicalCertificate('equilibrium-set', model, p.name, undefined, evidence, source) });
        c.points.forEach((point, j) => {
          if (!point.exact || verdicts?.[i]![j]!.level === 'proved') return;
          const evidence = { point: pointJson(p.stateNames, point.values) };
          out.push({ name: `${p.name}.${c.id}-${j + 1}.equilibrium`, certificate: dynamicalCertificate('equilibrium', model, p.name, 'equilibrium', evidence, source) });
        });
      });
    }
    return out;
  },
});
