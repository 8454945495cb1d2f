/**
 * A variant's objective and fields as printed expressions (src/expr/render.ts), shared by `ncssl
 * derive` and the variant report: F with a predictor set from the codes written out (no
 * placeholder left), each procedure's field V, and its Jacobian DV when the state is small. Each
 * block names its own common subexpressions u_1, u_2, …; past the size budget a block is its size.
 *
 * Example: `fieldForms(d, d.fields[0], { budget: 8000, jacobian: false }).rendering.kind`.
 */
import { type ExpressionRendering, renderExpressions } from '../../expr/render.js';
import type { Node } from '../../expr/dag.js';
import type { VariantDerivation, VariantField } from '../../variants/fields.js';

/**
 * Largest state whose Jacobian `derive --json` prints: the symbolic DV is built only when read
 * (fields.ts), and its n² entries grow as the state does (state 16: about 30 000 characters).
 */
export const JACOBIAN_MAX_STATE = 16;

/** F(θ, ψ, ξ), with a set predictor's placeholders P replaced by its value B(θ). */
export function objectiveRoot(d: VariantDerivation): Node {
  const { dag, placeholders, setPredictor, objective } = d.layout;
  if (placeholders.length === 0) return objective;
  return dag.substitute([objective], new Map(placeholders.map((v, k) => [v, setPredictor[k]!])))[0]!;
}

export function objectiveForm(d: VariantDerivation, budget: number): ExpressionRendering {
  return renderExpressions(d.layout.dag, [objectiveRoot(d)], { budget });
}

export interface FieldForms {
  /** Roots: V's entries in state order, then DV row by row when `jacobian` is 'included'. */
  rendering: ExpressionRendering;
  /** Why DV is absent: not asked for, a state above JACOBIAN_MAX_STATE, or over the budget (its size). */
  jacobian: 'included' | 'not asked' | 'state too large' | Extract<ExpressionRendering, { kind: 'too-large' }>;
}

export function fieldForms(d: VariantDerivation, field: VariantField, options: { budget: number; jacobian: boolean }): FieldForms {
  const { dag } = d.layout;
  const alone = () => renderExpressions(dag, field.field, { budget: options.budget });
  if (!options.jacobian) return { rendering: alone(), jacobian: 'not asked' };
  if (field.stateNames.length > JACOBIAN_MAX_STATE) return { rendering: alone(), jacobian: 'state too large' };
  const both = renderExpressions(dag, [...field.field, ...field.jacobian.flat()], { budget: options.budget });
  return both.kind === 'rendered' ? { rendering: both, jacobian: 'included' } : { rendering: alone(), jacobian: both };
}
