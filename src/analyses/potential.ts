/**
 * The potential of a polynomial gradient field by the radial integral of docs/math.md §3:
 * Φ(x) = −∫₀¹ V(t x)·x dt, so a monomial m of degree k in V_i contributes −m·x_i/(k+1).
 *
 * Example: for V = (−a, −b) the potential is a²/2 + b²/2.
 */
import { Rational } from '../exact/rational.js';
import { multiplyMonomials, monomialOfVariable } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { asTermList } from '../poly/term-list.js';

const INTEGERS: Rational[] = [];
function integer(k: number): Rational {
  return (INTEGERS[k] ??= Rational.fromBigInt(BigInt(k)));
}

export function radialPotential(field: readonly Poly[], state: readonly number[], weights?: readonly Rational[]): Poly {
  const ring = field[0]!.ring;
  const terms: Array<[string, Rational]> = [];
  field.forEach((v, i) => {
    const xi = monomialOfVariable(state[i]!);
    // Of W·V (W = diag(weights)) without building W·V: its coefficients are w_i times V_i's.
    const minusW = weights ? weights[i]!.neg() : Rational.MINUS_ONE;
    for (const [m, c] of v.terms) terms.push([multiplyMonomials(m, xi), c.mul(minusW).div(integer(m.length + 1))]);
  });
  return Poly.fromTerms(ring, terms);
}

/**
 * The same potential for a field already known to be a gradient (W·DV symmetric), without the
 * radial integral's accumulation: each monomial m of Φ is read off the component of m's smallest
 * variable x_v alone. There ∂Φ/∂x_v = −w_v·V_v, so Φ_m = −w_v·[m/x_v]V_v / e_v, with e_v the
 * exponent of x_v in m. Every monomial of Φ arises exactly once, so the terms are only appended:
 * at d = 16 the radial integral spent seconds adding into a map of 600 000 monomials. Both give
 * the potential with Φ(0) = 0 when V is a gradient; `isPotentialOf` re-checks ∇Φ = −W·V anyway.
 *
 * Example: for V = (−a − b, −a − 2b), Φ = a²/2 + a·b + b² (a·b read off V_a only).
 */
export function firstVariablePotential(field: readonly Poly[], state: readonly number[], weights?: readonly Rational[]): Poly {
  const ring = field[0]!.ring;
  if (new Set(state).size !== state.length) return radialPotential(field, state, weights);
  const monomials: string[] = [];
  const coefficients: Rational[] = [];
  field.forEach((v, k) => {
    const x = state[k]!;
    const minusW = weights ? weights[k]!.neg() : Rational.MINUS_ONE;
    const { monomials: rs, coefficients: cs } = asTermList(v.terms);
    for (let t = 0; t < rs.length; t++) {
      const r = rs[t]!;
      if (r.length > 0 && r.charCodeAt(0) < x) continue; // m's smallest variable is not x: another component has it
      let e = 1;
      while (e - 1 < r.length && r.charCodeAt(e - 1) === x) e++;
      monomials.push(multiplyMonomials(monomialOfVariable(x), r));
      coefficients.push(cs[t]!.mul(minusW).div(integer(e)));
    }
  });
  return Poly.fromDistinctArrays(ring, monomials, coefficients);
}

/**
 * True when ∇Φ = −W·V holds as a polynomial identity (W = diag(weights), the identity when
 * omitted): ∇Φ is computed, then compared with W·V term by term without building W·V or the sum.
 */
export function isPotentialOf(potential: Poly, field: readonly Poly[], state: readonly number[], weights?: readonly Rational[]): boolean {
  const gradient = Poly.gradients([potential], state)[0]!;
  return gradient.every((g, i) => g.equalsScaled(field[i]!, weights ? weights[i]!.neg() : Rational.MINUS_ONE));
}
