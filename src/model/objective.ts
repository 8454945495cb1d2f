/**
 * The general objective F(θ, ψ, ξ) = ½ E‖g_ψ(f_θ(x1)) − f_ξ(x2)‖² of MATH.md §1, derived as an
 * exact polynomial in the parameters: the loss is expanded as a polynomial in the parameters and
 * the view entries, then the expectation replaces each product of two view entries by its second
 * moment (E[x1_a x1_b] = Σ1_ab, E[x1_a x2_b] = Σ12_ab, E[x2_a x2_b] = Σ2_ab).
 *
 * Example: for the scalar model with Σ = s, Σ12 = c this yields
 * `½ s A² B² − c A B T + ½ s T²` (MATH.md §5 with T := A gives E).
 */
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import type { Model } from './model.js';
import type { Parametrization } from './parameters.js';

/** Matrix-vector product of polynomial matrices, `M v`. */
function apply(params: Parametrization, m: Poly[][], v: Poly[]): Poly[] {
  return m.map((row) => Poly.sum(params.ring, row.map((e, j) => (e.isZero() ? e : e.mul(v[j]!)))));
}

/** The sample loss ½‖B A x1 − T x2‖² as a polynomial in parameters and view entries. */
export function sampleLoss(params: Parametrization): Poly {
  const ring = params.ring;
  const x1 = params.view1.map((v) => Poly.variable(ring, v));
  const x2 = params.view2.map((v) => Poly.variable(ring, v));
  const online = apply(params, params.predictor.matrix, apply(params, params.encoder.matrix, x1));
  const target = apply(params, params.target.matrix, x2);
  const half = Rational.of(1, 2);
  return Poly.sum(
    ring,
    online.map((o, i) => {
      const r = o.sub(target[i]!);
      return r.mul(r).scale(half);
    }),
  );
}

/**
 * Applies E[·] to a polynomial that is quadratic in the view entries: every term must carry
 * exactly two view factors, which are replaced by their second moment.
 */
export function expectation(params: Parametrization, loss: Poly, model: Model): Poly {
  const { sigma1, sigma2, sigma12 } = model.moments;
  const firstView = params.view1[0]!;
  const p = params.view1.length;
  // View k of entry index v: 1 for x1, 2 for x2; position within the view.
  const viewOf = (v: number): [1 | 2, number] => (v < firstView + p ? [1, v - firstView] : [2, v - firstView - p]);
  const moment = ([va, ia]: [1 | 2, number], [vb, ib]: [1 | 2, number]): Rational => {
    if (va === 1 && vb === 1) return sigma1[ia]![ib]!;
    if (va === 2 && vb === 2) return sigma2[ia]![ib]!;
    return va === 1 ? sigma12[ia]![ib]! : sigma12[ib]![ia]!; // E[x2_a x1_b] = Σ12_ba
  };
  const terms: Array<[string, Rational]> = [];
  for (const [m, c] of loss.terms) {
    // Variables are sorted, and view entries come last in the ring, so they end the monomial.
    let split = m.length;
    while (split > 0 && m.charCodeAt(split - 1) >= firstView) split--;
    if (m.length - split !== 2) throw new Error('expectation: the loss must be quadratic in the views');
    terms.push([m.slice(0, split), c.mul(moment(viewOf(m.charCodeAt(split)), viewOf(m.charCodeAt(split + 1))))]);
  }
  return Poly.fromTerms(params.ring, terms);
}

/** F(θ, ψ, ξ) of `model`, exact. */
export function objective(model: Model, params: Parametrization): Poly {
  return expectation(params, sampleLoss(params), model);
}
