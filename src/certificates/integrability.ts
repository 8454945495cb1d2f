/**
 * Integrability certificates (docs/math.md §3): for each procedure, and for P⁻¹V when a rate is not 1,
 * a "potential" certificate (V = −∇Φ, evidence Φ) or a "curl" certificate (a rational point where
 * ∂V_i/∂x_j ≠ ∂V_j/∂x_i). Written under `<model>.<procedure>[.rate-adjusted].<kind>.json`.
 */
import { integrability } from '../analyses/index.js';
import type { SymmetryVerdict } from '../analyses/integrability.js';
import { CERTIFICATE_FORMAT, type NamedCertificate, certificateModel, procedureClaim } from './format.js';
import { registerCertificateWriter } from './registry.js';

registerCertificateWriter({
  analysis: 'integrability',
  certificates(check, source) {
    const model = certificateModel(check.model);
    const out: NamedCertificate[] = [];
    for (const p of check.procedures) {
      const variants: Array<[string, string, SymmetryVerdict | null]> = [
        ['V', '', p.results.require(integrability).euclidean],
        ['P^-1 V', '.rate-adjusted', p.results.require(integrability).rateAdjusted],
      ];
      for (const [field, tag, verdict] of variants) {
        if (verdict === null || verdict.level !== 'proved') continue;
        const kind = verdict.integrable ? 'potential' : 'curl';
        const evidence = verdict.integrable ? { potential: verdict.potential!.toString() } : { ...verdict.certificate! };
        out.push({
          name: `${p.name}${tag}.${kind}`,
          certificate: { format: CERTIFICATE_FORMAT, kind, model, ...procedureClaim(p.name), field, evidence, source },
        });
      }
    }
    return out;
  },
});
