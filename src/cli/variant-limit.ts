/**
 * The limits of `check`, `derive` and `report` on a variant, checked from the spec's shapes alone,
 * before the objective is built: the state limit of check (MAX_VARIANT_CHECK_STATE), since a
 * report runs check's certified curl and flows and a larger derivation prints megabytes, and an
 * estimate of the objective's size, which the number of pairs multiplies.
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

/**
 * The most nodes the objective may be estimated to have: pairs × (4·encoder parameters + 2q² + 10q),
 * its two encoder passes, the predictor and the loss per pair. The state-208 benchmark (256 pairs,
 * about 235 000 by this count) builds 549 000 nodes with V in 167 MB, so the limit keeps a run
 * near 1.5 GB.
 */
export const MAX_VARIANT_OBJECTIVE_SIZE = 2_000_000;

export function variantObjectiveSize(v: Variant): number {
  const q = v.encoder.out;
  return v.data.pairs.length * (4 * parameterCounts(v).encoder + 2 * q * q + 10 * q);
}

/** Refuses, in one line naming the field, a variant whose state or objective exceeds what check takes. */
export function enforceVariantLimit(v: Variant, command: string): void {
  const over = variantStateSizes(v).find((s) => s.size > MAX_VARIANT_CHECK_STATE);
  if (over) {
    fail('encoder', `expected a state of at most ${MAX_VARIANT_CHECK_STATE} coordinates for ${command} on a variant (as for check), got ${over.size} for ${over.procedure}`);
  }
  const size = variantObjectiveSize(v);
  if (size > MAX_VARIANT_OBJECTIVE_SIZE) {
    fail('data', `expected an objective of at most ${MAX_VARIANT_OBJECTIVE_SIZE} estimated nodes (pairs × (4·encoder parameters + 2q² + 10q)) for ${command} on a variant, got ${size} from ${v.data.pairs.length} pairs: fewer pairs or a smaller encoder`);
  }
}
