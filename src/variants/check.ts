/**
 * `ncssl check` on a variant (issue 12, item 4): per procedure, whether the field is a gradient
 * field (claim C1), decided by the certified curl (src/interval/certified-curl.ts) beside the
 * float curl check that the linear family also prints (`sampleCurlOfField`, which takes any
 * FloatField). The fields are not polynomials, so the exact analyses (potentials, equilibrium
 * varieties, exact stability) do not apply; what is said carries the level of its evidence.
 *
 * Example: `checkVariant(parseVariant(text, 'v'), { samples: 64, seed: 1 }).procedures[0].certified`.
 */
import type { Level } from '../analyses/finding.js';
import { type SampledCurl, sampleCurlOfField } from '../analyses/curl-sampling.js';
import { type CertifiedCurlSummary, certifyCurlAtSamples } from '../interval/certified-curl.js';
import { fail } from '../model/spec.js';
import { type VariantDerivation, type VariantField, deriveVariant } from './fields.js';
import type { Variant } from './variant.js';

/**
 * The largest state `check` takes for a variant in this version. The certified curl is no longer
 * what limits it (20–30 ms a point at state 208, docs/benchmarks.md); the rest of check is: at
 * state 208 the float curl check computes the whole DV at each sampled point (check takes 13 s
 * of CPU with --flows 0) and the seeded flows to rest take minutes, so the limit stays at 64.
 */
export const MAX_VARIANT_CHECK_STATE = 64;

export interface VariantCurlVerdict {
  /** C1 for this procedure: 'not-gradient' when certified, else undecided at the level reached. */
  verdict: 'not-gradient' | 'undecided';
  level: Level;
  certified: CertifiedCurlSummary;
  sampled: SampledCurl;
}

export interface VariantProcedureCheck {
  field: VariantField;
  /** The curl of V, and of P⁻¹V when some rate is not 1. */
  euclidean: VariantCurlVerdict;
  rateAdjusted: VariantCurlVerdict | null;
}

export interface VariantCheck {
  variant: Variant;
  /** The objective and fields that were checked (the report prints them from here). */
  derivation: VariantDerivation;
  procedures: VariantProcedureCheck[];
}

export function checkVariant(variant: Variant, options: { samples: number; seed: number }): VariantCheck {
  const derivation = deriveVariant(variant);
  const { dag } = derivation.layout;
  const procedures = derivation.fields.map((field): VariantProcedureCheck => {
    if (field.stateNames.length > MAX_VARIANT_CHECK_STATE) {
      fail('encoder', `expected a state of at most ${MAX_VARIANT_CHECK_STATE} coordinates for check on a variant (the certified curl runs V in interval arithmetic at every sampled point), got ${field.stateNames.length} for ${field.procedure.name}`);
    }
    const sampled = sampleCurlOfField(field.float, field.rates.some((r) => !r.isOne()) ? field.rates : null, options);
    const verdict = (rates: VariantField['rates'] | null, floats: SampledCurl): VariantCurlVerdict => {
      const certified = certifyCurlAtSamples(dag, field.field, { ...options, rates });
      const proved = certified.certifiedPoints > 0;
      return { verdict: proved ? 'not-gradient' : 'undecided', level: proved ? 'certified' : floats.nonzeroPoints > 0 ? 'numerical' : 'inconclusive', certified, sampled: floats };
    };
    return {
      field,
      euclidean: verdict(null, sampled.euclidean),
      rateAdjusted: sampled.rateAdjusted ? verdict(field.rates, sampled.rateAdjusted) : null,
    };
  });
  return { variant, derivation, procedures };
}
