/**
 * The JSON form of `ncssl check` (documented in docs/cli.md). Exact values are strings in the
 * `derive` expression syntax; floats are the sampled evidence only.
 */
import type { ModelCheck } from '../analyses/check-model.js';
import { assessClaims } from '../analyses/claims.js';
import { dynamicsToJson } from '../analyses/dynamics-json.js';
import type { SymmetryVerdict } from '../analyses/integrability.js';

function verdictJson(v: SymmetryVerdict): Record<string, unknown> {
  return {
    integrable: v.integrable,
    level: v.level,
    ...(v.potential ? { potential: v.potential.toString() } : {}),
    ...(v.certificate ? { certificate: v.certificate } : {}),
    sampled: v.sampled,
  };
}

export function checkJson(check: ModelCheck, source: string): Record<string, unknown> {
  const procedures: Record<string, unknown> = {};
  for (const p of check.procedures) {
    const { euclidean, rateAdjusted } = p.integrability;
    procedures[p.name] = {
      title: p.title,
      stateDimension: p.integrability.stateDimension,
      state: p.stateNames,
      rates: p.rates,
      integrable: euclidean.integrable,
      rateAdjustedIntegrable: rateAdjusted ? rateAdjusted.integrable : null,
      level: euclidean.level,
      ...verdictJson(euclidean),
      rateAdjusted: rateAdjusted ? verdictJson(rateAdjusted) : null,
      // equilibria (components, equations, points with eigenvalues and verdicts), collapse,
      // invariants, metric: present when selected (see analyses).
      ...dynamicsToJson(p.dynamics, p.stateNames),
    };
  }
  return { model: check.model.name, source, analyses: check.analyses, procedures, claims: assessClaims(check) };
}
