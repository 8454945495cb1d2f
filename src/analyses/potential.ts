/**
 * The potential of a polynomial gradient field by the radial integral of MATH.md §3:
 * Φ(x) = −∫₀¹ V(t x)·x dt, so a monomial m of degree k in V_i contributes −m·x_i/(k+1).
 *
 * Example: for V = (−a, −b) the potential is a²/2 + b²/2.
 */
import { Rational } from '../exact/rational.js';
import { multiplyMonomials, monomialOfVariable } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';

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
 * True when ∇Φ = −W·V holds as a polynomial identity (W = diag(weights), the identity when
 * omitted), compared term by term without building W·V or the sum.
 */
export function isPotentialOf(potential: Poly, field: readonly Poly[], state: readonly number[], weights?: readonly Rational[]): boolean {
  const gradient = Poly.gradients([potential], state)[0]!;
  return gradient.every((g, i) => g.equalsScaled(field[i]!, weights ? weights[i]!.neg() : Rational.MINUS_ONE));
}

const INTEGERS: Rational[] = [];
function integer(k: number): Rational {
  return (INTEGERS[k] ??= Rational.fromBigInt(BigInt(k)));
}
