/**
 * Invariant certificates (issue 4, item 5): the proved basis of conserved polynomials of degree ≤ 2,
 * written under `<model>.<procedure>.invariant.json`; the kernel checks ∇Q·V ≡ 0 for each. That
 * the basis is complete (no other conserved quantity of degree ≤ 2) rests on modular linear
 * algebra and is not part of the certificate; an empty basis gives no certificate.
 */
import { invariants } from '../analyses/index.js';
import { certificateModel, type NamedCertificate } from './format.js';
import { dynamicalCertificate } from './dynamics-common.js';
import { registerCertificateWriter } from './registry.js';

registerCertificateWriter({
  analysis: 'invariants',
  certificates(check, source) {
    const model = certificateModel(check.model);
    const out: NamedCertificate[] = [];
    for (const p of check.procedures) {
      const inv = p.results.get(invariants);
      if (inv?.level !== 'proved' || inv.basis.length === 0) continue;
      const evidence = { conserved: inv.basis.map(String) };
      out.push({ name: `${p.name}.invariant`, certificate: dynamicalCertificate('invariant', model, p.name, undefined, evidence, source) });
    }
    return out;
  },
});
