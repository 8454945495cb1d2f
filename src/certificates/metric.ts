/**
 * Constant-metric certificates (issue 4, item 6): when symmetric G ≠ 0 with G·DV symmetric
 * everywhere exist, the proved basis of them, under `<model>.<procedure>.metric.json`; the kernel
 * checks each as polynomial identities. "No metric but G = 0" (full rank modulo a prime) is not
 * certified: re-checking it would need the kernel to redo the rank computation.
 */
import { metric } from '../analyses/index.js';
import { certificateModel, type NamedCertificate } from './format.js';
import { dynamicalCertificate } from './dynamics-common.js';
import { registerCertificateWriter } from './registry.js';

registerCertificateWriter({
  analysis: 'metric',
  certificates(check, source) {
    const model = certificateModel(check.model);
    const out: NamedCertificate[] = [];
    for (const p of check.procedures) {
      const m = p.results.get(metric);
      if (m?.level !== 'proved' || !m.exists) continue;
      const evidence = { metrics: m.basis.map((g) => g.map((row) => row.map(String))) };
      out.push({ name: `${p.name}.metric`, certificate: dynamicalCertificate('metric', model, p.name, undefined, evidence, source) });
    }
    return out;
  },
});
