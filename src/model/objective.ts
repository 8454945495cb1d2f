/**
 * The general objective F(θ, ψ, ξ) = ½ E‖g_ψ(f_θ(x1)) − f_ξ(x2)‖² of docs/math.md §1, derived as an
 * exact polynomial in the parameters: the loss is expanded as a polynomial in the parameters and
 * the view entries, then the expectation replaces each product of two view entries by its second
 * moment (E[x1_a x1_b] = Σ1_ab, E[x1_a x2_b] = Σ12_ab, E[x2_a x2_b] = Σ2_ab).
 *
 * Example: for the scalar model with Σ = s, Σ12 = c this yields
 * `½ s A² B² − c A B T + ½ s T²` (docs/math.md §5 with T := A gives E).
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
export function expectation(params: Parametrization, loss: Poly, model: { moments: Moments<Rational> | Moments<Poly> }): Poly {
  const { sigma1, sigma2, sigma12 } = model.moments as Moments<Rational | Poly>;
  const firstView = params.view1[0]!;
  const p = params.view1.length;
  // View k of entry index v: 1 for x1, 2 for x2; position within the view.
  const viewOf = (v: number): [1 | 2, number] => (v < firstView + p ? [1, v - firstView] : [2, v - firstView - p]);
  const moment = ([va, ia]: [1 | 2, number], [vb, ib]: [1 | 2, number]): Rational | Poly => {
    if (va === 1 && vb === 1) return sigma1[ia]![ib]!;
    if (va === 2 && vb === 2) return sigma2[ia]![ib]!;
    return va === 1 ? sigma12[ia]![ib]! : sigma12[ib]![ia]!; // E[x2_a x1_b] = Σ12_ba
  };
  const terms: Array<[string, Rational]> = [];
  const symbolic: Array<[Poly, Poly]> = [];
  for (const [m, c] of loss.terms) {
    // Variables are sorted, and view entries come last in the ring, so they end the monomial.
    let split = m.length;
    while (split > 0 && m.charCodeAt(split - 1) >= firstView) split--;
    if (m.length - split !== 2) throw new Error('expectation: the loss must be quadratic in the views');
    const e = moment(viewOf(m.charCodeAt(split)), viewOf(m.charCodeAt(split + 1)));
    if (e instanceof Rational) terms.push([m.slice(0, split), c.mul(e)]);
    else symbolic.push([Poly.fromTerms(params.ring, [[m.slice(0, split), c]]), e]);
  }
  return Poly.fromTerms(params.ring, terms).add(Poly.sumOfProducts(params.ring, symbolic));
}

/** The three second-moment matrices, of numbers (a model) or of polynomials (a family). */
export interface Moments<T> {
  sigma1: T[][];
  sigma2: T[][];
  sigma12: T[][];
}

/**
 * F(θ, ψ, ξ) of `model`, exact, with the expectation applied pairwise: the loss is never expanded
 * in the view entries. With P = B·A (the online map) and r_i = Σ_l P_il x1_l − Σ_l T_il x2_l,
 *
 *   ½ E[r_i²] = Σ_l P_il·(½Σ1_ll P_il + Σ_{m>l} Σ1_lm P_im − Σ_m Σ12_lm T_im)
 *             + Σ_l T_il·(½Σ2_ll T_il + Σ_{m>l} Σ2_lm T_im),
 *
 * each pair of view entries (l ≤ m, x1 before x2, the order of the ring) taking the moment the
 * expanded path gives it. The bracketed factors are linear combinations of P's and T's entries,
 * so F costs about one product term per term of F. `expectation(sampleLoss(…))` is the slower,
 * plainer path kept as the test oracle (test/model/objective-pairwise.test.ts).
 */
export function objective(model: Model, params: Parametrization): Poly {
  const ring = params.ring;
  const { sigma1, sigma2, sigma12 } = model.moments;
  const A = params.encoder.matrix;
  const B = params.predictor.matrix;
  const T = params.target.matrix;
  const q = A.length;
  const p = params.view1.length;
  const half = Rational.of(1, 2);
  const nonzero = (poly: Poly, c: Rational): boolean => !poly.isZero() && !c.isZero();
  const pairs: Array<[Poly, Poly]> = [];
  for (let i = 0; i < q; i++) {
    const P = Array.from({ length: p }, (_, l) => Poly.sumOfProducts(ring, B[i]!.map((b, k) => [b, A[k]![l]!] as const)));
    for (let l = 0; l < p; l++) {
      const online: Array<[Poly, Rational]> = [[P[l]!, half.mul(sigma1[l]![l]!)]];
      const target: Array<[Poly, Rational]> = [[T[i]![l]!, half.mul(sigma2[l]![l]!)]];
      for (let m = l + 1; m < p; m++) {
        online.push([P[m]!, sigma1[l]![m]!]);
        target.push([T[i]![m]!, sigma2[l]![m]!]);
      }
      for (let m = 0; m < p; m++) online.push([T[i]![m]!, sigma12[l]![m]!.neg()]);
      pairs.push([P[l]!, Poly.linearCombination(ring, online.filter(([e, c]) => nonzero(e, c)))]);
      pairs.push([T[i]![l]!, Poly.linearCombination(ring, target.filter(([e, c]) => nonzero(e, c)))]);
    }
  }
  return Poly.sumOfProducts(ring, pairs);
}
