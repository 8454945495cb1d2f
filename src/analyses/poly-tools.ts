/**
 * Small polynomial helpers the dynamical analyses share: partial evaluation (fix some variables
 * to exact values), primitive integer form, and matrices of polynomials at exact points.
 *
 * Example: `restrict(p, new Map([[0, q(2)]]))` substitutes x0 = 2 and keeps the other variables.
 */
import { Rational } from '../exact/rational.js';
import type { Matrix } from '../exact/linear-algebra.js';
import { Poly } from '../poly/poly.js';
import type { Monomial } from '../poly/monomial.js';

/** p with the variables in `values` replaced by their exact values. */
export function restrict(p: Poly, values: ReadonlyMap<number, Rational>): Poly {
  const terms: Array<[Monomial, Rational]> = [];
  for (const [m, c] of p.terms) {
    let coef = c;
    let rest = '';
    for (let i = 0; i < m.length; i++) {
      const v = m.charCodeAt(i);
      const x = values.get(v);
      if (x === undefined) rest += m[i];
      else coef = coef.mul(x);
    }
    terms.push([rest, coef]);
  }
  return Poly.fromTerms(p.ring, terms);
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The positive rational multiple of p with coprime integer coefficients and a positive first
 * term (in canonical order). Example: `primitive(-1/2*a^2 + 1/2*b^2)` is `a^2 - b^2`.
 */
export function primitive(p: Poly): Poly {
  const sorted = p.sortedTerms();
  if (sorted.length === 0) return p;
  let den = 1n;
  for (const [, c] of sorted) den = (den / gcd(den, c.den)) * c.den;
  let g = 0n;
  for (const [, c] of sorted) g = gcd(g, c.num * (den / c.den));
  const sign = sorted[0]![1].sign() < 0 ? -1n : 1n;
  return p.scale(Rational.of(sign * den, g));
}

/** The matrix of polynomials evaluated at an exact point. */
export function evaluateMatrix(m: readonly Poly[][], at: (v: number) => Rational): Matrix {
  return m.map((row) => row.map((e) => (e.isZero() ? Rational.ZERO : e.evaluate(at))));
}

/**
 * The affine system `matrix · y = rhs` that the polynomials (each of degree ≤ 1 in `unknowns`,
 * with no other variables) state when set to zero; null when one is not affine in them.
 * Example: `affineSystem([2*y0 - 4], [y0])` is { matrix: [[2]], rhs: [4] }.
 */
export function affineSystem(polys: readonly Poly[], unknowns: readonly number[]): { matrix: Matrix; rhs: Rational[] } | null {
  const slot = new Map<number, number>();
  unknowns.forEach((v, i) => slot.set(v, i));
  const matrix: Matrix = [];
  const rhs: Rational[] = [];
  for (const p of polys) {
    const row = new Array<Rational>(unknowns.length).fill(Rational.ZERO);
    let constant = Rational.ZERO;
    for (const [m, c] of p.terms) {
      if (m.length === 0) constant = c;
      else if (m.length === 1 && slot.has(m.charCodeAt(0))) row[slot.get(m.charCodeAt(0))!] = c;
      else return null;
    }
    matrix.push(row);
    rhs.push(constant.neg());
  }
  return { matrix, rhs };
}
