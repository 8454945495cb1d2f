/**
 * A derivation as data: an ordered list of steps, each a chain of equalities and the rule that
 * justifies it. The report layer words each rule (src/report/rules.ts); printers never see rules.
 *
 * Example: `{ rule: 'stop-gradient', rows: [{ lhs: rate(A), rhs: BᵀM }], substitutions: [[T, A]] }`.
 */
import type { MatExpr } from './expr.js';
import type { ScalarValues } from './scalars.js';
import type { MatSymbol } from './symbols.js';

export type RuleId =
  /** The statement a derivation starts from: F = ½ E‖BAx1 − Tx2‖². */
  | 'definition'
  /** ‖v‖² = vᵀv, then distribute. */
  | 'expand-square'
  /** E[xᵢᵀ M xⱼ] = tr(M E[xⱼ xᵢᵀ]) with the moments. */
  | 'expectation'
  /** tr(XY) = tr(YX), tr(Xᵀ) = tr(X), Σᵀ = Σ. */
  | 'trace-cyclic'
  /** The parameter kinds: B = I, A = aJ, … */
  | 'kind'
  /** d(XY) = dX·Y + X·dY, d tr(X) = tr(dX); which blocks vary. */
  | 'product-rule'
  /** tr(W dX) = ⟨Wᵀ, dX⟩, tr(W dXᵀ) = ⟨W, dX⟩, collect. */
  | 'inner-product'
  /** ⟨G, dX⟩ for every dX ⇒ ∇_X F = G. */
  | 'read-gradient'
  /** E(A, B) = F(A, B, A): the target is the encoder before differentiating (GD). */
  | 'original-objective'
  /** The procedure's field in terms of gradients (docs/math.md §2). */
  | 'field'
  /** Stop gradient: T := A after differentiating (SG). */
  | 'stop-gradient'
  /** The model's values of λ, α, τ that simplify the formulas. */
  | 'specialize'
  /** The directional derivative δ ↦ DV[δ], by the product rule. */
  | 'directional'
  /** vec(XYZ) = (Zᵀ ⊗ X) vec Y, vec(Xᵀ) = K vec X, tr(W δY) = vec(Wᵀ)ᵀ vec δY. */
  | 'vec'
  /** ω(δ, ε) = ⟨ε, DV[δ]⟩ − ⟨δ, DV[ε]⟩. */
  | 'curl-form'
  /** ω(δ, ε) = ⟨ε, C[δ]⟩ read off: C = DV − DV*. */
  | 'curl-operator'
  /** Φ(x) = −∫₀¹ ⟨x, V(tx)⟩ dt, term by term. */
  | 'radial-potential';

export interface StepRow {
  /** Null for a continuation row `= …` of the previous row's chain. */
  lhs: MatExpr | null;
  rhs: MatExpr;
}

export interface Definition {
  symbol: MatSymbol;
  definition: MatExpr;
}

export interface Step {
  rule: RuleId;
  rows: StepRow[];
  /** Names introduced by this step: M = BAΣ1 − AΣ12ᵀ. */
  where?: Definition[];
  /** Substitutions made by this step, such as T := A or B = I. */
  substitutions?: Array<[MatExpr, MatExpr]>;
  /** Scalar values substituted by a `specialize` step. */
  values?: ScalarValues;
  /** The blocks that vary in a `product-rule` step (others are held fixed). */
  varying?: MatSymbol[];
}
