/**
 * Property tests of the engine's polynomials (src/poly) and the kernel's (src/kernel/poly.ts):
 * algebraic laws, derivatives against exact finite differences (Lagrange interpolation along a
 * coordinate line, written here and used nowhere else), the one-pass gradient against single
 * derivatives, text round trips through both parsers, and the two implementations against each other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { parseExpression } from '../../src/kernel/parse.js';
import { evaluate as kernelEvaluate, partials } from '../../src/kernel/poly.js';
import { compilePolys } from '../../src/poly/compile.js';
import { monomialOfVariable, multiplyMonomials } from '../../src/poly/monomial.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';

const NAMES = ['a', 'b', 'c', 'A_1_2'];
const R = new Ring(NAMES);
const RUNS = { numRuns: 150, seed: 20_260_101 };

const rational = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 4 })).map(([n, d]) => Rational.of(n, d));
const term = fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: NAMES.length, maxLength: NAMES.length }), rational);
const poly = fc.array(term, { maxLength: 6 }).map((terms) =>
  Poly.fromTerms(
    R,
    terms.map(([exps, c]) => [exps.reduce((m, e, v) => multiplyMonomials(m, monomialOfVariable(v, e)), ''), c]),
  ),
);
const point = fc.array(rational, { minLength: NAMES.length, maxLength: NAMES.length });
const variableIndex = fc.integer({ min: 0, max: NAMES.length - 1 });

/**
 * ∂f/∂x_k at x, exactly, from values of f alone: g(t) = f(x + t e_k) is a polynomial of degree ≤ n
 * in t, so g'(0) = Σ_m g(m) L_m'(0) for the Lagrange basis on the nodes 0..n.
 */
function lagrangeDerivative(f: Poly, x: Rational[], k: number): Rational {
  const n = Math.max(f.degree(), 1);
  const g = (t: number) => f.evaluate((v) => (v === k ? x[v]!.add(Rational.of(t)) : x[v]!));
  let total = Rational.ZERO;
  for (let m = 0; m <= n; m++) {
    let weight: Rational;
    if (m === 0) {
      weight = Rational.ZERO;
      for (let j = 1; j <= n; j++) weight = weight.sub(Rational.of(1, j)); // L_0'(0) = Σ_{j≠0} 1/(0 − j)
    } else {
      weight = Rational.of(1, m); // L_m'(0) = (1/m) Π_{j≠0,m} (0 − j)/(m − j)
      for (let j = 1; j <= n; j++) if (j !== m) weight = weight.mul(Rational.of(-j, m - j));
    }
    total = total.add(weight.mul(g(m)));
  }
  return total;
}

const at = (x: Rational[]) => (v: number) => x[v]!;

describe('engine polynomials: algebraic laws', () => {
  it('ring axioms', () => {
    fc.assert(
      fc.property(poly, poly, poly, (p, q, r) => {
        expect(p.add(q).equals(q.add(p))).toBe(true);
        expect(p.mul(q).equals(q.mul(p))).toBe(true);
        expect(p.add(q).add(r).equals(p.add(q.add(r)))).toBe(true);
        expect(p.mul(q).mul(r).equals(p.mul(q.mul(r)))).toBe(true);
        expect(p.mul(q.add(r)).equals(p.mul(q).add(p.mul(r)))).toBe(true);
        expect(p.sub(p).isZero()).toBe(true);
        expect(p.mul(Poly.constant(R, Rational.ONE)).equals(p)).toBe(true);
        expect(p.pow(2).equals(p.mul(p))).toBe(true);
      }),
      RUNS,
    );
  });
  it('evaluation is a ring homomorphism', () => {
    fc.assert(
      fc.property(poly, poly, point, (p, q, x) => {
        expect(p.mul(q).evaluate(at(x)).equals(p.evaluate(at(x)).mul(q.evaluate(at(x))))).toBe(true);
        expect(p.sub(q).evaluate(at(x)).equals(p.evaluate(at(x)).sub(q.evaluate(at(x))))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('engine derivatives', () => {
  it('match exact finite differences (Lagrange interpolation along a coordinate line)', () => {
    fc.assert(
      fc.property(poly, point, variableIndex, (p, x, k) => {
        expect(p.derivative(k).evaluate(at(x)).toString()).toBe(lagrangeDerivative(p, x, k).toString());
      }),
      RUNS,
    );
  });
  it('match float central differences of the compiled polynomial', () => {
    fc.assert(
      fc.property(poly, fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 4, maxLength: 4 }), variableIndex, (p, x, k) => {
        const f = compilePolys([p], [0, 1, 2, 3]);
        const df = compilePolys([p.derivative(k)], [0, 1, 2, 3]);
        const out = new Float64Array(1);
        const value = (y: number[]) => (f.evaluate(Float64Array.from(y), out), out[0]!);
        const h = 1e-4;
        const central = (value(x.map((v, i) => (i === k ? v + h : v))) - value(x.map((v, i) => (i === k ? v - h : v)))) / (2 * h);
        df.evaluate(Float64Array.from(x), out);
        // Truncation error h²/6·|g'''| with |g'''| ≤ 27·Σ|c|·1.5^9 for these degrees and coefficients.
        const bound = 1e-6 * (1 + [...p.terms.values()].reduce((s, c) => s + Math.abs(c.toNumber()), 0) * 1e3);
        expect(Math.abs(central - out[0]!)).toBeLessThan(bound);
      }),
      RUNS,
    );
  });
  it('obey linearity, the product rule, and commute (Schwarz)', () => {
    fc.assert(
      fc.property(poly, poly, variableIndex, variableIndex, (p, q, i, j) => {
        expect(p.add(q).derivative(i).equals(p.derivative(i).add(q.derivative(i)))).toBe(true);
        expect(p.mul(q).derivative(i).equals(p.derivative(i).mul(q).add(p.mul(q.derivative(i))))).toBe(true);
        expect(p.derivative(i).derivative(j).equals(p.derivative(j).derivative(i))).toBe(true);
      }),
      RUNS,
    );
  });
  it('the one-pass gradient equals the derivatives one by one', () => {
    fc.assert(
      fc.property(poly, (p) => {
        p.gradient([3, 0, 2]).forEach((g, k) => expect(g.equals(p.derivative([3, 0, 2][k]!))).toBe(true));
      }),
      RUNS,
    );
  });
  it('renaming a variable equals substituting it', () => {
    fc.assert(
      fc.property(poly, variableIndex, variableIndex, (p, v, w) => {
        expect(p.renameVariables(new Map([[v, w]])).equals(p.substitute(v, Poly.variable(R, w)))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('text round trips and the kernel’s independent polynomials', () => {
  it('parsePoly(toString(p)) = p', () => {
    fc.assert(
      fc.property(poly, (p) => {
        expect(parsePoly(R, p.toString()).equals(p)).toBe(true);
      }),
      RUNS,
    );
  });
  it('the kernel reads the engine’s text to the same polynomial, with the same derivatives', () => {
    fc.assert(
      fc.property(poly, point, variableIndex, (p, x, k) => {
        const kp = parseExpression(p.toString(), new Set(NAMES));
        const byName = (v: string) => x[NAMES.indexOf(v)]!;
        expect(kp.size).toBe(p.size);
        expect(kernelEvaluate(kp, byName).equals(p.evaluate(at(x)))).toBe(true);
        expect(kernelEvaluate(partials(kp).get(NAMES[k]!) ?? new Map(), byName).equals(p.derivative(k).evaluate(at(x)))).toBe(true);
      }),
      RUNS,
    );
  });
});
