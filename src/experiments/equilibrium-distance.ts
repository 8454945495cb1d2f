/**
 * How far a point of a procedure's state is from the equilibria the theory predicts: the
 * distance to the nearest component of the equilibrium set (src/analyses/equilibria.ts), each
 * component given by the polynomials whose common zeros it is.
 *
 * Each equation is first divided by its monomial factor (a(sb − c) becomes sb − c): the zeros of
 * the quotient are zeros of the equation, so the points found still lie on the component, and the
 * factor's own zeros (the collapsed set, usually) are a component of their own. The point on a
 * component is then found by Gauss–Newton projection: from x, steps of the
 * least-squares step of smallest norm, y ← y − J(y)⁺ g(y), until the equations hold to 1e-12
 * of their scale. For a component cut out by affine equations one step is the orthogonal
 * projection, so the distance is exact; on a curved component the point reached lies on it but
 * need not be the nearest, so the distance is an upper bound. Numerical: floats throughout.
 *
 * Example: `nearestComponent([{ id: 'collapsed', equations: [a] }], state, [0.3, 1])` is
 * `{ component: 'collapsed', distance: 0.3 }`.
 */
import { type CompiledPolys, compilePolys } from '../poly/compile.js';
import { Poly } from '../poly/poly.js';
import { leastSquares, nullOnOverflow } from '../numeric/eigenvalues.js';

export interface ComponentEquations {
  id: string;
  equations: readonly Poly[];
}

const MAX_ITERATIONS = 60;

/** `e` divided by the largest monomial that divides it, unless e is one term (a monomial is its variables' indices as characters, repeated by power). */
export function withoutMonomialFactor(e: Poly): Poly {
  const terms = e.sortedTerms();
  // A monomial alone (A_1_1) is its own zero set: nothing to divide out.
  if (terms.length <= 1) return e;
  const counts = (m: string) => {
    const c = new Map<string, number>();
    for (const ch of m) c.set(ch, (c.get(ch) ?? 0) + 1);
    return c;
  };
  const common = counts(terms[0]![0]);
  for (const [m] of terms.slice(1)) {
    const c = counts(m);
    for (const [ch, k] of common) common.set(ch, Math.min(k, c.get(ch) ?? 0));
  }
  if ([...common.values()].every((k) => k === 0)) return e;
  const strip = (m: string) => {
    const left = new Map(common);
    let out = '';
    for (const ch of m) {
      if ((left.get(ch) ?? 0) > 0) left.set(ch, left.get(ch)! - 1);
      else out += ch;
    }
    return out;
  };
  return Poly.fromTerms(e.ring, terms.map(([m, c]) => [strip(m), c]));
}
const TOLERANCE = 1e-12;

/** The equations and their Jacobian compiled over the state, once per component. */
export interface CompiledComponent {
  id: string;
  m: number;
  n: number;
  g: CompiledPolys;
  dg: CompiledPolys;
}

export function compileComponents(components: readonly ComponentEquations[], state: readonly number[]): CompiledComponent[] {
  return components
    .filter((c) => c.equations.length > 0)
    .map((c) => {
      const equations = c.equations.map(withoutMonomialFactor);
      return {
        id: c.id,
        m: equations.length,
        n: state.length,
        g: compilePolys(equations, state),
        dg: compilePolys(equations.flatMap((e) => state.map((v) => e.derivative(v))), state),
      };
    });
}

/** The distance from x to a point of the component, or null when the projection does not converge. */
export function distanceToComponent(c: CompiledComponent, x: readonly number[]): number | null {
  const y = Float64Array.from(x);
  const g = new Float64Array(c.m);
  const dg = new Float64Array(c.m * c.n);
  const scale = 1 + Math.hypot(...x);
  for (let k = 0; k <= MAX_ITERATIONS; k++) {
    c.g.evaluate(y, g);
    if (!g.every(Number.isFinite)) return null;
    if (Math.max(0, ...g.map(Math.abs)) <= TOLERANCE * scale) return Math.hypot(...y.map((v, i) => v - x[i]!));
    c.dg.evaluate(y, dg);
    const rows = Array.from({ length: c.m }, (_, i) => Array.from(dg.subarray(i * c.n, i * c.n + c.n)));
    const step = nullOnOverflow(() => leastSquares(rows, Array.from(g)));
    if (!step || step.every((s) => s === 0)) return null;
    for (let i = 0; i < c.n; i++) y[i] = y[i]! - step[i]!;
  }
  return null;
}

/** The nearest component to x and the distance to it (null when no projection converged). */
export function nearestComponent(components: readonly CompiledComponent[], x: readonly number[]): { component: string; distance: number } | null {
  let best: { component: string; distance: number } | null = null;
  for (const c of components) {
    const d = distanceToComponent(c, x);
    if (d !== null && (best === null || d < best.distance)) best = { component: c.id, distance: d };
  }
  return best;
}
