/**
 * Linear algebra over polynomials in symbols against independent computations: every symbolic
 * result, instantiated at seeded random rationals, equals the rational routines' result on the
 * instantiated matrix (Berkowitz charpoly, Bareiss determinant, Routh–Hurwitz minors), plus the
 * closed forms of the worked scalar example.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { charpoly } from '../../src/exact/charpoly.js';
import { determinant } from '../../src/exact/determinant.js';
import { hurwitzMinors } from '../../src/exact/hurwitz.js';
import { charpolyOf, commonFactor, determinantOf, divideExact, hurwitzDeterminants } from '../../src/family/poly-matrix.js';
import { seededRandom, type SeededRandom } from '../../src/numeric/random.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';

const R = new Ring(['a', 'b', 'c', 's', 'tau']);
const P = (text: string) => parsePoly(R, text);
const texts = (ps: Poly[]) => ps.map((p) => p.toString());

function randomPoly(rng: SeededRandom, terms: number, maxDegree: number): Poly {
  const parts: Poly[] = [];
  for (let t = 0; t < terms; t++) {
    let m = Poly.constant(R, q(rng.int(-5, 5), rng.int(1, 3)));
    for (let k = rng.int(0, maxDegree); k > 0; k--) m = m.mul(Poly.variable(R, rng.int(0, R.size - 1)));
    parts.push(m);
  }
  return Poly.sum(R, parts);
}

const randomPoint = (rng: SeededRandom) => {
  const values = R.names.map(() => q(rng.int(-7, 7), rng.int(1, 4)));
  return (v: number) => values[v]!;
};

describe('charpolyOf and determinantOf', () => {
  it('give the closed forms of small parametric matrices', () => {
    expect(texts(charpolyOf([[P('0'), P('-a*c')], [P('1'), P('-s')]]))).toEqual(['1', 's', 'a*c']);
    expect(texts(charpolyOf([[P('a')]]))).toEqual(['1', '-a']);
    expect(determinantOf([[P('a'), P('b')], [P('c'), P('s')]]).toString()).toBe('a*s - b*c');
    // A zero row gives the factor λ; the 2×2 block's trace and determinant give the rest.
    const J = [
      [P('0'), P('0'), P('0')],
      [P('0'), P('-a^2*s^2'), P('-a*s*c')],
      [P('0'), P('-a*s*c'), P('-c^2 - s*tau')],
    ];
    expect(texts(charpolyOf(J))).toEqual(['1', 'a^2*s^2 + c^2 + s*tau', 'a^2*s^3*tau', '0']);
  });

  it('instantiated at random rationals, equal the rational charpoly and determinant', () => {
    const rng = seededRandom(101);
    for (let trial = 0; trial < 40; trial++) {
      const n = rng.int(1, 4);
      const m = Array.from({ length: n }, () => Array.from({ length: n }, () => (rng.next() < 0.25 ? Poly.zero(R) : randomPoly(rng, rng.int(1, 3), 2))));
      const c = charpolyOf(m);
      const det = determinantOf(m);
      for (let k = 0; k < 3; k++) {
        const at = randomPoint(rng);
        const numeric = m.map((row) => row.map((e) => e.evaluate(at)));
        expect(c.map((x) => x.evaluate(at).toString())).toEqual(charpoly(numeric).map(String));
        expect(det.evaluate(at).equals(determinant(numeric))).toBe(true);
      }
    }
  });

  it('refuses a matrix that is not square', () => {
    expect(() => charpolyOf([[P('a'), P('b')]])).toThrow(/square/);
    expect(() => charpolyOf([])).toThrow(/square/);
  });
});

describe('divideExact', () => {
  it('divides exactly or says it cannot', () => {
    expect(divideExact(P('a^2 - b^2'), P('a + b'))!.toString()).toBe('a - b');
    expect(divideExact(P('a^2*s^2*tau'), P('s*tau'))!.toString()).toBe('a^2*s');
    expect(divideExact(P('a^2 + b^2'), P('a + b'))).toBeNull();
    expect(divideExact(P('a'), P('s'))).toBeNull();
    expect(divideExact(P('0'), P('s'))!.isZero()).toBe(true);
    expect(divideExact(P('3*a'), P('2'))!.toString()).toBe('3/2*a');
    expect(() => divideExact(P('a'), P('0'))).toThrow(/zero/);
  });

  it('recovers p from p·q and refuses p·q + r for a remainder r of lower degree than q', () => {
    const rng = seededRandom(7);
    for (let trial = 0; trial < 60; trial++) {
      const [p, d] = [randomPoly(rng, rng.int(1, 5), 3), randomPoly(rng, rng.int(1, 4), 3)];
      if (d.isZero()) continue;
      expect(divideExact(p.mul(d), d)!.equals(p)).toBe(true);
      if (d.degree() >= 1) expect(divideExact(p.mul(d).add(P('1')), d)).toBeNull(); // a nonzero constant is no multiple of d
    }
  });
});

describe('commonFactor', () => {
  it('strips the rational content and the monomial shared by every term', () => {
    const f = commonFactor([P('2*s^2*a'), P('4*s'), P('0')]);
    expect([f.content.toString(), f.monomial.toString(), ...texts(f.primitive)]).toEqual(['2', 's', 'a*s', '2', '0']);
    const g = commonFactor([P('1/2*s*tau'), P('-3/4*s^2')]);
    expect([g.content.toString(), g.monomial.toString(), ...texts(g.primitive)]).toEqual(['1/4', 's', '2*tau', '-3*s']);
    const z = commonFactor([P('0')]);
    expect([z.content.toString(), z.monomial.toString()]).toEqual(['1', '1']);
  });

  it('content·monomial·primitive is the input, and the primitive parts share no factor left', () => {
    const rng = seededRandom(23);
    for (let trial = 0; trial < 40; trial++) {
      const shared = randomPoly(rng, 1, 3);
      if (shared.isZero()) continue;
      const polys = Array.from({ length: rng.int(1, 4) }, () => randomPoly(rng, rng.int(0, 4), 2).mul(shared));
      const { content, monomial, primitive } = commonFactor(polys);
      polys.forEach((p, i) => expect(primitive[i]!.mul(monomial).scale(content).equals(p)).toBe(true));
      const again = commonFactor(primitive);
      expect(again.content.equals(Rational.ONE) || primitive.every((p) => p.isZero())).toBe(true);
      expect(again.monomial.toString()).toBe('1');
      for (const p of primitive) for (const c of p.terms.values()) expect(c.isInteger()).toBe(true);
    }
  });
});

describe('hurwitzDeterminants', () => {
  it('of the EMA factor sλ² + (a²s² + c² + sτ)λ + a²s²τ are Δ1 and Δ1·a²s²τ', () => {
    const minors = hurwitzDeterminants([P('s'), P('a^2*s^2 + c^2 + s*tau'), P('a^2*s^2*tau')]);
    expect(texts(minors)).toEqual(['a^2*s^2 + c^2 + s*tau', P('(a^2*s^2 + c^2 + s*tau)*a^2*s^2*tau').toString()]);
  });

  it('of a cubic with symbolic coefficients: a1, a1·a2 − a0·a3, a3·Δ2', () => {
    const minors = hurwitzDeterminants([P('1'), P('a'), P('b'), P('c')]);
    expect(texts(minors)).toEqual(['a', 'a*b - c', 'a*b*c - c^2']);
  });

  it('stop after a minor that is identically zero, and have none for a constant', () => {
    expect(texts(hurwitzDeterminants([P('1'), P('0'), P('a')]))).toEqual(['0']);
    expect(hurwitzDeterminants([P('s')])).toEqual([]);
  });

  it('instantiated, equal the determinants of the instantiated Hurwitz matrix and the rational minors', () => {
    const rng = seededRandom(5);
    for (let trial = 0; trial < 40; trial++) {
      const d = rng.int(1, 5);
      const coefficients = Array.from({ length: d + 1 }, (_, k) => (k === 0 ? randomPoly(rng, 2, 1).add(P('1')) : randomPoly(rng, rng.int(1, 3), 2)));
      const minors = hurwitzDeterminants(coefficients);
      const at = randomPoint(rng);
      const a = coefficients.map((c) => c.evaluate(at));
      if (a[0]!.isZero()) continue;
      const h = (k: number) => Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => a[2 * (j + 1) - (i + 1)] ?? Rational.ZERO));
      minors.forEach((m, k) => expect(m.evaluate(at).equals(determinant(h(k + 1)))).toBe(true));
      // src/exact/hurwitz.ts makes a0 > 0 and scales to integers by L > 0: its Δ_k is (±L)^k times ours.
      const L = a.reduce((l, x) => { const den = x.den; let [u, v] = [l, den]; while (v !== 0n) [u, v] = [v, u % v]; return (l / u) * den; }, 1n); // prettier-ignore
      const factor = Rational.of(a[0]!.sign() < 0 ? -L : L);
      const rational = hurwitzMinors(a);
      rational.forEach((r, k) => {
        if (k < minors.length) expect(Rational.fromBigInt(r).equals(minors[k]!.evaluate(at).mul(factor.pow(k + 1)))).toBe(true);
      });
    }
  });
});
