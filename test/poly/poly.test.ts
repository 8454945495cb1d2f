import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { seededRandom } from '../../src/numeric/random.js';
import { compilePolys } from '../../src/poly/compile.js';
import { parsePoly, PolyParseError } from '../../src/poly/parse.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';

const R = new Ring(['a', 'b', 'c']);
const [a, b, c] = [0, 1, 2].map((i) => Poly.variable(R, i)) as [Poly, Poly, Poly];
const P = (s: string) => parsePoly(R, s);

function randomPoly(seed: number, terms = 6, maxDegree = 4): Poly {
  const rng = seededRandom(seed);
  let p = Poly.zero(R);
  for (let t = 0; t < terms; t++) {
    let m = Poly.constant(R, q(rng.int(-5, 5), rng.int(1, 4)));
    const deg = rng.int(0, maxDegree);
    for (let k = 0; k < deg; k++) m = m.mul(Poly.variable(R, rng.int(0, 2)));
    p = p.add(m);
  }
  return p;
}

describe('Poly', () => {
  it('prints canonically: degree first, then variable order', () => {
    const p = a.mul(b).sub(a.pow(2)).add(Poly.constant(R, q(1, 3))).add(b.scale(q(-3, 2)));
    expect(p.toString()).toBe('-a^2 + a*b - 3/2*b + 1/3');
    expect(Poly.zero(R).toString()).toBe('0');
    expect(a.add(b).toString()).toBe(b.add(a).toString());
  });
  it('satisfies ring laws on random polynomials', () => {
    for (let s = 1; s <= 20; s++) {
      const [x, y, z] = [randomPoly(s), randomPoly(s + 100), randomPoly(s + 200)];
      expect(x.mul(y.add(z)).equals(x.mul(y).add(x.mul(z)))).toBe(true);
      expect(x.mul(y).equals(y.mul(x))).toBe(true);
      expect(x.sub(x).isZero()).toBe(true);
      expect(x.pow(3).equals(x.mul(x).mul(x))).toBe(true);
    }
  });
  it('expands (a + b)^3 and parses it back', () => {
    const p = a.add(b).pow(3);
    expect(p.toString()).toBe('a^3 + 3*a^2*b + 3*a*b^2 + b^3');
    expect(P(p.toString()).equals(p)).toBe(true);
  });
  it('round-trips random polynomials through text', () => {
    for (let s = 1; s <= 30; s++) {
      const p = randomPoly(s);
      expect(P(p.toString()).equals(p)).toBe(true);
    }
  });
  it('differentiates like central finite differences', () => {
    for (let s = 1; s <= 20; s++) {
      const p = randomPoly(s);
      const pt = [0.3, -0.7, 1.1];
      const f = compilePolys([p], [0, 1, 2]);
      const out = new Float64Array(1);
      for (let v = 0; v < 3; v++) {
        const h = 1e-5;
        const plus = Float64Array.from(pt, (x, i) => (i === v ? x + h : x));
        const minus = Float64Array.from(pt, (x, i) => (i === v ? x - h : x));
        f.evaluate(plus, out);
        const fp = out[0]!;
        f.evaluate(minus, out);
        const fd = (fp - out[0]!) / (2 * h);
        const exact = p.derivative(v).evaluate((i) => Rational.parse(String(pt[i]))!).toNumber();
        expect(fd).toBeCloseTo(exact, 5);
      }
    }
  });
  it('computes gradients in one pass equal to single derivatives', () => {
    for (let s = 1; s <= 20; s++) {
      const p = randomPoly(s, 10);
      const g = p.gradient([2, 0]);
      expect(g[0]!.equals(p.derivative(2))).toBe(true);
      expect(g[1]!.equals(p.derivative(0))).toBe(true);
    }
  });
  it('substitutes a polynomial for a variable consistently with evaluation', () => {
    for (let s = 1; s <= 20; s++) {
      const p = randomPoly(s);
      const value = randomPoly(s + 7, 3, 2);
      const substituted = p.substitute(1, value);
      const pt = [q(1, 2), q(-2, 3), q(3)];
      const at = (i: number) => pt[i]!;
      const direct = p.evaluate((i) => (i === 1 ? value.evaluate(at) : at(i)));
      expect(substituted.evaluate(at).equals(direct)).toBe(true);
    }
  });
  it('renames variables simultaneously', () => {
    const p = P('a^2*c + 2*a*b - c');
    expect(p.renameVariables(new Map([[2, 0], [0, 2]])).equals(P('c^2*a + 2*c*b - a'))).toBe(true);
    expect(p.renameVariables(new Map([[2, 0]])).equals(p.substitute(2, a))).toBe(true);
  });
  it('compiles float evaluation that matches exact evaluation', () => {
    const polys = [1, 2, 3, 4].map((s) => randomPoly(s, 8));
    const f = compilePolys(polys, [2, 1, 0]);
    const out = new Float64Array(4);
    f.evaluate(Float64Array.of(0.25, -1.5, 2), out);
    polys.forEach((p, k) => {
      const exact = p.evaluate((i) => [q(2), q(-3, 2), q(1, 4)][i]!).toNumber();
      expect(out[k]).toBeCloseTo(exact, 10);
    });
    expect(() => compilePolys([a.mul(b)], [0])).toThrow(/not an input/);
  });
  it('refuses bad expressions with a clear error', () => {
    for (const bad of ['a +', 'a ^ -1', 'd', '(a', 'a / b', 'a ^ 100', '1 % 2']) {
      expect(() => P(bad)).toThrow(PolyParseError);
    }
    expect(() => P('('.repeat(300) + 'a' + ')'.repeat(300))).toThrow(/nested/);
  });
});
