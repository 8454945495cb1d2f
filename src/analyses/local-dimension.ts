/**
 * Local dimension of an equilibrium component at a point (issue 4, item 2): the dimension of the
 * tangent space of the component's defining equations g there, n − rank Dg(x), exact at rational
 * points and by singular values at float points; beside it the kernel dimension of DV(x).
 *
 * Example: for SG on the scalar model the residual component 5/2*A_1_1*B_1_1 - 2*A_1_1 = 0 has
 * Dg = (0, 5/2·a) at (a, 4/5), so dimension 2 − 1 = 1, the line b = 4/5.
 */
import type { Rational } from '../exact/rational.js';
import { rank } from '../exact/linear-algebra.js';
import { compilePolys } from '../poly/compile.js';
import type { Poly } from '../poly/poly.js';
import { numericalRank } from '../numeric/eigenvalues.js';
import { evaluateMatrix } from './poly-tools.js';

/** The Jacobian of the equations over the state, as polynomials. */
export function equationJacobian(equations: readonly Poly[], state: readonly number[]): Poly[][] {
  return equations.map((g) => g.gradient(state));
}

/** n − rank Dg(x) at an exact point (`values` in state order). */
export function exactTangentDimension(jacobian: readonly Poly[][], state: readonly number[], values: readonly Rational[]): number {
  const slot = new Map(state.map((v, k) => [v, k]));
  const dg = evaluateMatrix(jacobian, (v) => values[slot.get(v)!]!);
  return state.length - (dg.length === 0 ? 0 : rank(dg));
}

/** n − (numerical rank of Dg(x)) at a float point; relative singular-value tolerance 1e-8. */
export function floatTangentDimension(jacobian: readonly Poly[][], state: readonly number[], values: readonly number[]): number {
  if (jacobian.length === 0) return state.length;
  const n = state.length;
  const compiled = compilePolys(jacobian.flat(), state);
  const out = new Float64Array(jacobian.length * n);
  compiled.evaluate(Float64Array.from(values), out);
  const m = Array.from({ length: jacobian.length }, (_, i) => Array.from(out.subarray(i * n, (i + 1) * n)));
  return n - numericalRank(m, 1e-8);
}
