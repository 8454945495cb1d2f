/**
 * The state limit of `derive` and `report` on a variant, checked from the spec's shapes alone,
 * before the objective is built: the same limit as `check` (MAX_VARIANT_CHECK_STATE), since a
 * report runs check's certified curl and flows, and a larger derivation prints megabytes.
 *
 * Example: `variantStateSizes(v)` is `[{ procedure: 'sg', size: 8 }]` for a linear 2→2 encoder with a linear predictor.
 */
import { fail } from '../model/spec.js';
import { MAX_VARIANT_CHECK_STATE } from '../variants/check.js';
import type { Variant } from '../variants/variant.js';

/** Free parameters of the encoder (θ) and of the predictor (ψ), as objective.ts creates them. */
function parameterCounts(v: Variant): { encoder: number; predictor: number } {
  const e = v.encoder;
  const encoder =
    e.kind === 'mlp'
      ? e.layers.slice(1).reduce((s, rows, k) => s + rows * e.layers[k]! + (e.bias ? rows : 0), 0)
      : e.kind === 'linear'
        ? e.in * e.out
        : e.kind === 'diagonal'
          ? Math.min(e.in, e.out)
          : 1;
  const q = e.out;
  const predictor = { linear: q * q, diagonal: q, symmetric: (q * (q + 1)) / 2, identity: 0, directcopy: 0, directpred: 0 }[v.predictor.kind];
  return { encoder, predictor };
}

/** Each procedure's state dimension: θ and ψ, and the target ξ for the moving average. */
export function variantStateSizes(v: Variant): Array<{ procedure: string; size: number }> {
  const { encoder, predictor } = parameterCounts(v);
  return v.procedures.map((p) => ({ procedure: p.name, size: encoder + predictor + (p.recipe === 'moving-average' ? encoder : 0) }));
}

/** Refuses, in one line naming the field, a variant whose state exceeds what check takes. */
export function enforceVariantLimit(v: Variant, command: string): void {
  const over = variantStateSizes(v).find((s) => s.size > MAX_VARIANT_CHECK_STATE);
  if (over) {
    fail('encoder', `expected a state of at most ${MAX_VARIANT_CHECK_STATE} coordinates for ${command} on a variant (as for check), got ${over.size} for ${over.procedure}`);
  }
}
