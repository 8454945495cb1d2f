/**
 * The human-readable form of `ncssl check`: one block per model, a few lines per procedure —
 * each analysis that ran prints its own lines (its `text` hook, src/analyses/registered/), in
 * canonical order — then the claims of the theory.
 */
import type { ModelCheck } from '../analyses/check-model.js';

export function checkText(check: ModelCheck, source: string): string {
  const m = check.model;
  const lines = [
    `${m.name} (${source}): encoder ${m.encoder.kind} ${m.encoder.out}×${m.encoder.in}, predictor ${m.predictor.kind}, ` +
      `λ = ${m.weightDecay}, α = ${m.predictorRate}, τ = ${m.emaRate}`,
  ];
  for (const p of check.procedures) {
    lines.push(`  ${p.name}: ${p.title}, state dimension ${p.stateNames.length}`);
    p.results.forEach((analysis, result) => {
      for (const l of analysis.text(result, p)) lines.push(`    ${l}`);
    });
  }
  lines.push('  claims of the theory on this model (docs/math.md §3):');
  for (const c of check.claims) {
    const level = c.outcome === 'fails' ? ` (refuted, counterexample ${c.refutedAt})` : c.outcome === 'not analysed' ? '' : ` (${c.level})`;
    lines.push(`    ${c.id} ${c.outcome}${level}: ${c.statement}`);
    for (const e of c.evidence) lines.push(`      ${e}`);
  }
  return lines.join('\n') + '\n';
}
