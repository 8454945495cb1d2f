/**
 * The potential of a polynomial gradient field by the radial integral of MATH.md §3:
 * Φ(x) = −∫₀¹ V(t x)·x dt, so a monomial m of degree k in V_i contributes −m·x_i/(k+1).
 *
 * Example: for V = (−a, −b) the potential is a²/2 + b²/2.
 */
import { Rational } from '../exact/rational.js';
import { multiplyMonomials, monomialOfVariable } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';

export function radialPotential(field: readonly Poly[], state: readonly number[]): Poly {
  const ring = field[0]!.ring;
  const terms: Array<[string, Rational]> = [];
  field.forEach((v, i) => {
    const xi = monomialOfVariable(state[i]!);
    for (const [m, c] of v.terms) {
      terms.push([multiplyMonomials(m, xi), c.neg().div(Rational.fromBigInt(BigInt(m.length + 1)))]);
    }
  });
  return Poly.fromTerms(ring, terms);
}

/** True when ∇Φ = −V holds as a polynomial identity. */
export function isPotentialOf(potential: Poly, field: readonly Poly[], state: readonly number[]): boolean {
  const gradient = potential.gradient(state);
  return gradient.every((g, i) => g.add(field[i]!).isZero());
}
