/**
 * The discrete training step of each field recipe, as practitioners run it (docs/math.md §2):
 * x ← x + η·(minibatch estimate of V), with the target handled as the recipe says. A procedure
 * reaches the loop through its registered recipe (src/procedures/), so a new procedure with an
 * existing recipe trains without a change here, and the table below must name every recipe
 * (TypeScript refuses it otherwise).
 *
 *  - identify-then-differentiate (GD on E): the target is the encoder, and the gradient flows
 *    through both of its places: the encoder moves by −η(∂A ℓ + ∂T ℓ) at T = A;
 *  - differentiate-then-identify (SG): the target is the encoder with its gradient stopped:
 *    −η ∂A ℓ at T = A;
 *  - moving-average (EMA, BYOL): −η ∂A ℓ at the current target, then T ← m T + (1 − m) A with
 *    the updated encoder; m = 1 − η τ matches the continuous rate τ of the spec.
 *
 * Weight decay λ and the predictor's rate α enter as in the field: θ ← θ − η(g_θ + λθ),
 * ψ ← ψ − ηα(g_ψ + λψ).
 *
 * Example: `UPDATE_RULES[getProcedure('sg').recipe].target` is `'copy'`.
 */
import type { FieldRecipe } from '../procedures/procedure.js';

export interface UpdateRule {
  /** The encoder's gradient also counts the target's (the target is the encoder, not stopped). */
  throughTarget: boolean;
  /** After the step the target is a copy of the encoder, or its moving average. */
  target: 'copy' | 'average';
}

export const UPDATE_RULES: Record<FieldRecipe, UpdateRule> = {
  'identify-then-differentiate': { throughTarget: true, target: 'copy' },
  'differentiate-then-identify': { throughTarget: false, target: 'copy' },
  'moving-average': { throughTarget: false, target: 'average' },
};
