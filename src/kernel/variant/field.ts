/**
 * A variant's field V, and one entry ∂V_i/∂x_j of its Jacobian enclosed over a box, by the
 * kernel's own reading of the four recipes (F = F(θ_online, ψ, ξ_target, θ_set), objective.ts;
 * θ_set is θ as a predictor set from the codes reads it, through which no gradient flows):
 *
 *   identify-then-differentiate (GD)   V_θ = −(∂F/∂θ_online + ∂F/∂ξ) at ξ = θ_set = θ, V_ψ = −α ∂F/∂ψ
 *   differentiate-then-identify (SG)   V_θ = −∂F/∂θ_online at ξ = θ_set = θ,   V_ψ = −α ∂F/∂ψ
 *   moving-average (EMA)               V_θ = −∂F/∂θ_online at θ_set = θ (ξ a state), V_ψ = −α ∂F/∂ψ,
 *                                      V_ξ = τ(θ − ξ)
 *   target-branch (SG online side)     V_θ = −∂F/∂ξ at ξ = θ_set = θ,   V_ψ = 0
 *
 * each with weight decay: V_θ −= λθ, V_ψ −= αλψ. A gradient row V_i = −c_i(∂F/∂s_i(S(x)) + λx_i),
 * s_i the slot(s) differentiated and S(x) the substitution, so
 *
 *   ∂V_i/∂x_j = −c_i (Σ_s ∂²F/∂s_i∂s · ∂S_s/∂x_j + λδ_ij),
 *
 * which is the e1e2 part of F with e1 seeded on the differentiated slot(s) of i only and e2 on
 * every slot x_j fills (online, target, and the set predictor's input): the setting of B(θ) is
 * not differentiated in V but B(θ) still moves with θ, so DV sees it. The rows τ(θ − ξ) and −αλψ
 * are linear: their entries are exact. For P⁻¹V (P = diag(1, α, τ)) the rate factor c_i is left off.
 *
 * Example: `jacobianEntry(ctx, 'A_1_1', 'B_1_1')` encloses ∂V[A_1_1]/∂B_1_1 over ctx's box.
 */
import { Rational } from '../../exact/rational.js';
import { RECIPES } from '../field.js';
import { type HyperDual, hdVariable } from './hyperdual.js';
import { type KInterval, kNeg, kAdd, kRational, kScale } from './interval.js';
import type { KernelLayout, KernelVariant } from './model.js';
import { type VariantSlots, dataViews, variantObjective } from './objective.js';

export const VARIANT_RECIPES = [...RECIPES, 'target-branch'] as const;
export type VariantRecipe = (typeof VARIANT_RECIPES)[number];

/** The state coordinates in order: θ, ψ, then ξ for the moving-average recipe. */
export function variantStateNames(layout: KernelLayout, recipe: VariantRecipe): string[] {
  return [...layout.encoderNames, ...layout.predictorNames, ...(recipe === 'moving-average' ? layout.targetNames : [])];
}

export interface EntryContext {
  variant: KernelVariant;
  layout: KernelLayout;
  recipe: VariantRecipe;
  rateAdjusted: boolean;
  /** The box, one interval per state coordinate. */
  box: ReadonlyMap<string, KInterval>;
  views: ReturnType<typeof dataViews>;
}

type Block = 'theta' | 'psi' | 'xi';

function locate(layout: KernelLayout, recipe: VariantRecipe, name: string): { block: Block; k: number } {
  const theta = layout.encoderNames.indexOf(name);
  if (theta >= 0) return { block: 'theta', k: theta };
  const psi = layout.predictorNames.indexOf(name);
  if (psi >= 0) return { block: 'psi', k: psi };
  const xi = recipe === 'moving-average' ? layout.targetNames.indexOf(name) : -1;
  if (xi >= 0) return { block: 'xi', k: xi };
  throw new Error(`not a state coordinate: ${name}`); // the checker reads i, j against the state first
}

/** ∂V_i/∂x_j (of P⁻¹V when rate-adjusted), enclosed over the box. */
export function jacobianEntry(ctx: EntryContext, i: string, j: string): KInterval {
  const { variant: v, layout, recipe, rateAdjusted } = ctx;
  const [row, col] = [locate(layout, recipe, i), locate(layout, recipe, j)];
  const delta = i === j ? Rational.ONE : Rational.ZERO;
  if (row.block === 'xi') {
    // V_ξk = τ(θ_k − ξ_k)
    const d = (col.block === 'theta' && col.k === row.k ? Rational.ONE : Rational.ZERO).sub(col.block === 'xi' && col.k === row.k ? Rational.ONE : Rational.ZERO);
    return kRational(rateAdjusted ? d : d.mul(v.emaRate));
  }
  const rate = row.block === 'psi' && !rateAdjusted ? v.predictorRate : Rational.ONE;
  if (row.block === 'psi' && recipe === 'target-branch') return kRational(v.weightDecay.mul(delta).mul(rate).neg()); // V_ψ = −αλψ
  const F = variantObjective(v, layout, ctx.views, seededSlots(ctx, row, col));
  return kNeg(kScale(rate, kAdd(F.d, kRational(v.weightDecay.mul(delta)))));
}

/** V_i itself (of P⁻¹V when rate-adjusted), enclosed over the box: the e1 part of F, no e2 seed. */
export function fieldEntry(ctx: EntryContext, i: string): KInterval {
  const { variant: v, layout, recipe, rateAdjusted, box } = ctx;
  const row = locate(layout, recipe, i);
  if (row.block === 'xi') {
    // V_ξk = τ(θ_k − ξ_k)
    const d = kAdd(box.get(layout.encoderNames[row.k]!)!, kNeg(box.get(i)!));
    return rateAdjusted ? d : kScale(v.emaRate, d);
  }
  const rate = row.block === 'psi' && !rateAdjusted ? v.predictorRate : Rational.ONE;
  const decay = kScale(v.weightDecay, box.get(i)!);
  if (row.block === 'psi' && recipe === 'target-branch') return kNeg(kScale(rate, decay)); // V_ψ = −αλψ
  const F = variantObjective(v, layout, ctx.views, seededSlots(ctx, row, null));
  return kNeg(kScale(rate, kAdd(F.b, decay)));
}

/** The slots of F at the box, e1 on the slot(s) row i differentiates, e2 on every slot x_j fills (none when col is null). */
function seededSlots(ctx: EntryContext, row: { block: Block; k: number }, col: { block: Block; k: number } | null): VariantSlots {
  const { layout, recipe, box } = ctx;
  const ema = recipe === 'moving-average';
  const value = (name: string) => box.get(name)!;
  const seed = (on: boolean) => (on ? 1 : 0);
  const isRow = (b: Block, k: number) => row.block === b && row.k === k;
  const isCol = (b: Block, k: number) => col !== null && col.block === b && col.k === k;
  // Which θ slots row i differentiates: online (GD, SG, EMA), target (GD, target-branch).
  const rowOnline = recipe !== 'target-branch';
  const rowTarget = recipe === 'identify-then-differentiate' || recipe === 'target-branch';
  const online = layout.encoderNames.map((n, k) => hdVariable(value(n), seed(rowOnline && isRow('theta', k)), seed(isCol('theta', k))));
  const predictor = layout.predictorNames.map((n, k) => hdVariable(value(n), seed(isRow('psi', k)), seed(isCol('psi', k))));
  const target: HyperDual[] = layout.targetNames.map((n, k) => {
    const at = ema ? value(n) : value(layout.encoderNames[k]!);
    return hdVariable(at, seed(rowTarget && isRow('theta', k)), seed(ema ? isCol('xi', k) : isCol('theta', k)));
  });
  const setInput = layout.encoderNames.map((n, k) => hdVariable(value(n), 0, seed(isCol('theta', k))));
  return { online, predictor, target, setInput };
}
