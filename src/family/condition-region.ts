/**
 * A stability condition `p > 0` as a reader wants it: factors that are positive on the domain
 * removed (`τ·b(sb − c)` → `b(sb − c)`), and, when it constrains one free real coordinate u as
 * u·(αu + β) with α > 0 and the root −β/α proved positive, the region in words:
 * "u < 0 or u > c/s" (so the points with 0 < u < c/s are unstable).
 *
 * Example: on the SG scalar family's collapsed line the condition s b² − c b > 0 gives
 * { display: s b² − c b, region: { variable: 'B_1_1', root: c/s } }.
 */
import { Rational } from '../exact/rational.js';
import { forEachFactor } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { proveSign } from './domain.js';
import { commonFactor, divideExact } from './poly-matrix.js';
import type { PositivityCertificate, PositivityContext } from './positivity.js';

export interface ConditionRegion {
  /** Ring index of the free coordinate. */
  variable: number;
  /** The condition holds exactly for u < 0 or u > numerator/denominator (a positive root). */
  numerator: Poly;
  denominator: Poly;
}

/** p divided by the largest monomial factor that is positive on the domain. */
export function withoutPositiveFactors(p: Poly, domain: PositivityContext): Poly {
  if (p.isZero()) return p;
  const { monomial, content } = commonFactor([p]);
  let positive = Poly.constant(p.ring, content);
  for (const [m] of monomial.terms) {
    forEachFactor(m, (v, e) => {
      const sign = domain.signs.get(p.ring.names[v]!) ?? 'real';
      if (sign === 'positive' || (sign === 'nonzero' && e % 2 === 0)) positive = positive.mul(Poly.variable(p.ring, v).pow(e));
    });
  }
  return divideExact(p, positive) ?? p;
}

/** The region of `u·(αu + β) > 0` in one free real coordinate, when its shape is proved. */
export function conditionRegion(p: Poly, free: readonly number[], domain: PositivityContext): ConditionRegion | null {
  if (free.length !== 1) return null;
  const u = free[0]!;
  const U = Poly.variable(p.ring, u);
  const linear = divideExact(p, U);
  if (linear === null || linear.derivative(u).derivative(u).isZero() === false) return null;
  const alpha = linear.derivative(u);
  const beta = linear.substitute(u, Poly.zero(p.ring));
  if (alpha.variables().includes(u) || beta.variables().includes(u) || beta.isZero()) return null;
  if (proveSign(alpha, domain, 'positive') === null) return null;
  // root = −β/α > 0 ⇔ −β > 0 (α > 0).
  if (proveSign(beta.neg(), domain, 'positive') === null) return null;
  return { variable: u, numerator: beta.neg(), denominator: alpha.scale(Rational.ONE) };
}

/**
 * αu² + βu + γ > 0 for every real u, by completing the square: α > 0 and 4αγ − β² > 0 (both proved
 * on the domain), since αu² + βu + γ = α(u + β/2α)² + (4αγ − β²)/4α.
 */
export interface SquareProof {
  variable: number;
  /** The free coordinate's name. */
  name: string;
  leading: PositivityCertificate;
  discriminant: PositivityCertificate;
}

export function proveBySquare(p: Poly, free: readonly number[], domain: PositivityContext): SquareProof | null {
  for (const u of free) {
    const a2 = p.derivative(u).derivative(u);
    if (a2.isZero() || !a2.derivative(u).isZero()) continue;
    const alpha = a2.scale(Rational.of(1, 2));
    const beta = p.derivative(u).substitute(u, Poly.zero(p.ring));
    const gamma = p.substitute(u, Poly.zero(p.ring));
    if ([alpha, beta, gamma].some((c) => c.variables().includes(u))) continue;
    const leading = proveSign(alpha, domain, 'positive');
    const discriminant = proveSign(alpha.mul(gamma).scale(Rational.of(4)).sub(beta.mul(beta)), domain, 'positive');
    if (leading && discriminant) return { variable: u, name: p.ring.names[u]!, leading, discriminant };
  }
  return null;
}
