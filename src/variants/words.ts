/**
 * The words for a variant, in one place: what each recipe does to the gradient and a one-line
 * description of the model (loss, encoder, predictor, data), shared by `check` and the reports.
 *
 * Example: `describeVariant(v)` is 'cosine loss, linear encoder 1→1, linear predictor, 2 view pairs'.
 */
import type { Variant } from './variant.js';

/** One phrase per recipe of src/variants/fields.ts. */
export const RECIPE_WORDS: Record<string, string> = {
  'identify-then-differentiate': 'gradient through both branches (no stop gradient, no EMA)',
  'differentiate-then-identify': 'stop gradient on the target branch (SimSiam)',
  'moving-average': 'moving-average target (BYOL)',
  'target-branch': 'stop gradient on the online branch (gradient through the target branch only)',
};

export function describeVariant(v: Variant): string {
  const e = v.encoder;
  const encoder = e.kind === 'mlp' ? `MLP ${e.layers.join('→')}${e.activation ? ` (${e.activation})` : ''}${e.bias ? ' with biases' : ''}` : `${e.kind} encoder ${e.in}→${e.out}`;
  const p = v.predictor;
  const predictor = p.kind === 'directcopy' ? `DirectCopy predictor (F̂ + ${p.eps}·I)` : p.kind === 'directpred' ? `DirectPred predictor (power ${p.power}, eps ${p.eps})` : `${p.kind} predictor`;
  const data = v.data.origin ?? `${v.data.pairs.length} view pair${v.data.pairs.length === 1 ? '' : 's'}`;
  return `${v.loss} loss, ${encoder}, ${predictor}, ${data}`;
}
