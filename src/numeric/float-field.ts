/**
 * A vector field as the float analyses see it: its dimension, and V and DV at a point. This is
 * all that the sampled curl, Newton's method, float eigenvalues and the flows need, so they take
 * a `FloatField` and not polynomials. The linear family's fields are polynomials and compile to
 * one (`compiledFloatField`); a model whose field is not polynomial supplies its own, and the
 * exact analyses, which need the polynomial form, do not apply to it.
 *
 * Example: `compiledFloatField(d.field, d.jacobian, d.state).value(x, out)` writes V(x) to out.
 */
import { compilePolys } from '../poly/compile.js';
import type { Poly } from '../poly/poly.js';

export interface FloatField {
  readonly dimension: number;
  /** Writes V(x) into `out` (length `dimension`). */
  value(x: Float64Array, out: Float64Array): void;
  /** Writes DV(x) into `out` row-major: ∂V_i/∂x_j at i·dimension + j. */
  jacobian(x: Float64Array, out: Float64Array): void;
}

/**
 * The float form of a polynomial field and its Jacobian over `state`. Each part is compiled on
 * first use: most runs evaluate V (flows) or DV (Newton, eigenvalues), not always both, and
 * compiling a d = 16 Jacobian costs seconds.
 */
export function compiledFloatField(field: readonly Poly[], jacobian: readonly (readonly Poly[])[], state: readonly number[]): FloatField {
  let value: ReturnType<typeof compilePolys> | null = null;
  let derivative: ReturnType<typeof compilePolys> | null = null;
  return {
    dimension: state.length,
    value(x, out) {
      (value ??= compilePolys(field, state)).evaluate(x, out);
    },
    jacobian(x, out) {
      (derivative ??= compilePolys(jacobian.flat(), state)).evaluate(x, out);
    },
  };
}
