/** The human-readable form of `ncssl check`: one block per model, a few lines per procedure. */
import type { ModelCheck } from '../analyses/check-model.js';
import type { SymmetryVerdict } from '../analyses/integrability.js';

/** Longest expression printed in full in text mode; `--json` always has everything. */
const MAX_TEXT_CHARS = 400;

function shorten(expr: string): string {
  return expr.length <= MAX_TEXT_CHARS ? expr : `${expr.slice(0, MAX_TEXT_CHARS)} … (${expr.length} characters; see --json)`;
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
    `  ∂V[${c.i}]/∂${c.j} = ${c.dVi_dxj} ≠ ${c.dVj_dxi} = ∂V[${c.j}]/∂${c.i}`,
    sampled,
  ];
}

export function checkText(check: ModelCheck, source: string): string {
  const m = check.model;
  const lines = [
    `${m.name} (${source}): encoder ${m.encoder.kind} ${m.encoder.out}×${m.encoder.in}, predictor ${m.predictor.kind}, ` +
      `λ = ${m.weightDecay}, α = ${m.predictorRate}, τ = ${m.emaRate}`,
  ];
  for (const p of check.procedures) {
    lines.push(`  ${p.name}: ${p.title}, state dimension ${p.integrability.stateDimension}`);
    for (const l of verdictLines(p.integrability.euclidean, 'V')) lines.push(`    ${l}`);
    if (p.integrability.rateAdjusted) {
      for (const l of verdictLines(p.integrability.rateAdjusted, 'P⁻¹V')) lines.push(`    ${l}`);
    }
  }
  return lines.join('\n') + '\n';
}
