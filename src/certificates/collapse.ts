/**
 * Collapse certificates (docs/math.md C2–C3, issue 4, item 4): "gd-collapse" when the GD collapse proof
 * is complete (`<model>.gd.collapse.json`; the kernel re-checks the Euler identity and the
 * definiteness of the joint moment matrix), and a "non-collapsed equilibrium" witness when SG or
 * EMA is proved to have one (`<model>.<procedure>.non-collapsed.equilibrium.json`).
 */
import { collapse as collapseAnalysis, equilibria } from '../analyses/index.js';
import { certificateModel, type NamedCertificate } from './format.js';
import { dynamicalCertificate, pointJson } from './dynamics-common.js';
import { registerCertificateWriter } from './registry.js';

registerCertificateWriter({
  analysis: 'collapse',
  certificates(check, source) {
    const model = certificateModel(check.model);
    const out: NamedCertificate[] = [];
    for (const p of check.procedures) {
      const collapse = p.results.get(collapseAnalysis);
      if (!collapse) continue;
      if (collapse.gd?.level === 'proved') {
        const jointMoments = collapse.gd.jointMoments === 'positive definite' ? 'positive definite' : 'positive semidefinite';
        out.push({ name: `${p.name}.collapse`, certificate: dynamicalCertificate('gd-collapse', model, p.name, undefined, { jointMoments }, source) });
      }
      const { exists, level } = collapse.nonCollapsed;
      const witness = p.results.get(equilibria)?.components.flatMap((c) => c.points).find((x) => x.exact && !x.collapsed);
      if (exists === true && level === 'proved' && witness?.exact) {
        const evidence = { point: pointJson(p.stateNames, witness.values) };
        out.push({ name: `${p.name}.non-collapsed.equilibrium`, certificate: dynamicalCertificate('equilibrium', model, p.name, 'non-collapsed equilibrium', evidence, source) });
      }
    }
    return out;
  },
});
