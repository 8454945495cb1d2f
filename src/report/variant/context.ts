/**
 * What every section of a variant's report reads: the results of `checkVariant` and
 * `variantDynamics` (never recomputed), the source path and the options they ran with.
 */
import type { BuiltSection } from '../context.js';
import type { VariantCheck } from '../../variants/check.js';
import type { VariantDynamics } from '../../variants/claims.js';

export interface VariantReportContext {
  check: VariantCheck;
  dynamics: VariantDynamics;
  source: string;
  options: { samples: number; seed: number; flows: number };
}

/** One section of a variant's report; null when it has nothing to say for this variant. */
export type VariantSectionBuilder = (ctx: VariantReportContext) => BuiltSection | null;
