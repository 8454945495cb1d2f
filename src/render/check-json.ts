/**
 * The JSON form of `ncssl check` (documented in docs/cli.md): per procedure its title, state and
 * rates, then the keys each analysis that ran adds (its `toJson` hook, src/analyses/registered/),
 * in canonical order; per model the claims. Exact values are strings in the `derive` expression
 * syntax; floats are the sampled evidence only.
 */
import type { ModelCheck } from '../analyses/check-model.js';

export function checkJson(check: ModelCheck, source: string): Record<string, unknown> {
  const procedures: Record<string, unknown> = {};
  for (const p of check.procedures) {
    const json: Record<string, unknown> = { title: p.title, stateDimension: p.stateNames.length, state: p.stateNames, rates: p.rates };
    p.results.forEach((analysis, result) => Object.assign(json, analysis.toJson(result, p)));
    procedures[p.name] = json;
  }
  return { model: check.model.name, source, analyses: check.analyses, procedures, claims: check.claims };
}
