/**
 * Registered analysis "integrability" (docs/math.md §3, claim C1): is V a gradient field, and P⁻¹V
 * when a rate differs from 1 — decided exactly by integrability.ts, with the float curl beside.
 * It always runs: it is cheap, and the certificates and `verify` build on it. Its JSON keys sit
 * at the top of the procedure's object (`integrable`, `potential` or `certificate`, `sampled`, …).
 */
import { type IntegrabilityFinding, type SymmetryVerdict, analyseIntegrability } from '../integrability.js';
import { shorten } from '../../notation/check-text.js';
import { registerAnalysis } from '../analysis.js';

function verdictJson(v: SymmetryVerdict): Record<string, unknown> {
  return {
    integrable: v.integrable,
    level: v.level,
    ...(v.potential ? { potential: v.potential.toString() } : {}),
    ...(v.certificate ? { certificate: v.certificate } : {}),
    sampled: v.sampled,
  };
}

function verdictLines(v: SymmetryVerdict, fieldName: string): string[] {
  const s = v.sampled;
  const sampled = `sampled curl (numerical, seed ${s.seed}): nonzero at ${s.nonzeroPoints} of ${s.samples} points, max |curl| ${s.maxCurl.toExponential(3)}`;
  if (v.integrable) {
    return [`${fieldName} is a gradient field (proved): ${fieldName} = −∇Φ with Φ = ${shorten(v.potential!.toString())}`, sampled];
  }
  const c = v.certificate!;
  const point = Object.entries(c.point)
    .map(([k, x]) => `${k} = ${x}`)
    .join(', ');
  return [
    `${fieldName} is not the gradient of any C² function (proved): at ${shorten(point)}`,
    `  ∂${fieldName}[${c.i}]/∂${c.j} = ${c.dVi_dxj} ≠ ${c.dVj_dxi} = ∂${fieldName}[${c.j}]/∂${c.i}`,
    sampled,
  ];
}

export const integrability = registerAnalysis<IntegrabilityFinding>({
  name: 'integrability',
  summary: 'is V (and P⁻¹V) a gradient field: its potential, or a rational curl certificate',
  requires: [],
  defaultRun: { kind: 'always' },
  run: ({ procedure, options }) => analyseIntegrability(procedure, options),
  toJson({ euclidean, rateAdjusted }) {
    return {
      integrable: euclidean.integrable,
      rateAdjustedIntegrable: rateAdjusted ? rateAdjusted.integrable : null,
      level: euclidean.level,
      ...verdictJson(euclidean),
      rateAdjusted: rateAdjusted ? verdictJson(rateAdjusted) : null,
    };
  },
  text: ({ euclidean, rateAdjusted }) => [...verdictLines(euclidean, 'V'), ...(rateAdjusted ? verdictLines(rateAdjusted, 'P⁻¹V') : [])],
});
