/**
 * The fast paths of the polynomial kernel (issue 5) against independent computations: gradients
 * against exact forward differences (evaluation only, no symbolic ∂), monomial products against a
 * plain sort, the batched float evaluation against one point at a time (bit for bit), shared
 * monomials and coefficients beyond the size of their caches.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { derivativeByDifferences } from '../../src/analyses/curl-certificate.js';
import { seededRandom } from '../../src/numeric/random.js';
import { compilePolys, EVALUATION_BATCH } from '../../src/poly/compile.js';
import { monomialOfCodes, multiplyMonomials, removeCodeAt } from '../../src/poly/monomial.js';
import { packMonomial, shortMonomialIndex } from '../../src/poly/monomial-index.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';

// Indices above 255 make two-byte strings, and 600 variables give more degree-2 monomials than
// the shared table has slots.
const BIG = new Ring(Array.from({ length: 600 }, (_, i) => `x${i}`));

function randomPoly(seed: number, terms: number, maxDegree: number, vars: readonly number[]): Poly {
  const rng = seededRandom(seed);
  const parts: Poly[] = [];
  for (let t = 0; t < terms; t++) {
    let m = Poly.constant(BIG, q(rng.int(-9, 9), rng.int(1, 5)));
    const deg = rng.int(0, maxDegree);
    for (let k = 0; k < deg; k++) m = m.mul(Poly.variable(BIG, vars[rng.int(0, vars.length - 1)]!));
    parts.push(m);
  }
  return Poly.sum(BIG, parts);
}

describe('polynomial kernel fast paths', () => {
  it('gradients equal exact forward-difference derivatives, repeated variables included', () => {
    const vars = [3, 255, 256, 300, 599];
    const rng = seededRandom(11);
    for (let s = 1; s <= 12; s++) {
      const polys = [randomPoly(s, 12, 5, vars), randomPoly(s + 50, 6, 3, vars), Poly.zero(BIG)];
      const wrt = [599, 3, 300, 3, 256, 255, 17];
      const point = new Map(vars.concat([17]).map((v) => [v, q(rng.int(-4, 4), rng.int(1, 3))]));
      Poly.gradients(polys, wrt).forEach((row, i) =>
        row.forEach((g, k) => {
          const expected = derivativeByDifferences(polys[i]!, point, wrt[k]!);
          expect(g.evaluate((v) => point.get(v)!).equals(expected)).toBe(true);
          expect(g.equals(polys[i]!.derivative(wrt[k]!))).toBe(true);
        }),
      );
    }
  });

  it('an entry with no term is the ring zero, shared', () => {
    const x = Poly.variable(BIG, 5);
    const [g] = Poly.gradients([x.mul(x)], [5, 6]);
    expect(g![1]!.isZero()).toBe(true);
    expect(g![1]).toBe(Poly.zero(BIG));
    expect(x.sub(x)).toBe(Poly.zero(BIG));
    expect(g![0]!.toString()).toBe('2*x5');
  });

  it('multiplies, builds and shortens monomials like a plain sort', () => {
    const rng = seededRandom(3);
    const plain = (codes: number[]) => String.fromCharCode(...[...codes].sort((u, v) => u - v));
    for (let t = 0; t < 3000; t++) {
      const a = Array.from({ length: rng.int(0, 4) }, () => rng.int(0, 599));
      const b = Array.from({ length: rng.int(0, 4) }, () => rng.int(0, 599));
      const product = multiplyMonomials(plain(a), plain(b));
      expect(product).toBe(plain([...a, ...b]));
      const sorted = [...a, ...b].sort((u, v) => u - v);
      expect(monomialOfCodes(sorted)).toBe(product);
      if (sorted.length > 0) {
        const at = rng.int(0, sorted.length - 1);
        expect(removeCodeAt(product, at)).toBe(plain(sorted.filter((_, k) => k !== at)));
      }
    }
  });

  it('reads list-held terms through the Map interface, and compares them scaled', () => {
    const vars = [2, 300, 301];
    for (let s = 1; s <= 10; s++) {
      const f = randomPoly(s, 14, 3, vars);
      const g = f.scale(q(-3, 2)); // a TermList
      const back = Poly.fromTerms(BIG, [...g.terms]); // a Map
      expect(g.size).toBe(f.size);
      expect(back.equals(g) && g.equals(back)).toBe(true);
      expect(g.equalsScaled(f, q(-3, 2)) && f.equalsScaled(g, q(-2, 3)) && back.equalsScaled(f, q(-3, 2))).toBe(true);
      expect(g.equalsScaled(f, q(3, 2))).toBe(f.isZero());
      for (const [m, c] of f.terms) {
        expect(g.terms.get(m)!.equals(c.mul(q(-3, 2)))).toBe(true);
        expect(g.terms.has(m)).toBe(true);
      }
      expect(g.terms.get('\u0001')).toBeUndefined();
      expect([...g.terms.keys()]).toEqual([...f.terms.keys()]);
      expect([...g.terms.values()].map(String)).toEqual([...f.terms.values()].map((c) => c.mul(q(-3, 2)).toString()));
      const seen: string[] = [];
      g.terms.forEach((c, m) => seen.push(`${m}:${c}`));
      expect(seen).toEqual([...g.terms.entries()].map(([m, c]) => `${m}:${c}`));
      expect(new Map(g.terms).size).toBe(g.size);
      expect(g.toString()).toBe(back.toString());
    }
  });

  it('renames variables like evaluating at the renamed point, merging and cancelling terms', () => {
    const vars = [10, 11, 300, 301, 599];
    const rename = new Map([[300, 10], [301, 11], [599, 599], [11, 301]]); // a swap 11 ↔ 301 and a merge 300 → 10
    const rng = seededRandom(21);
    for (let s = 1; s <= 15; s++) {
      const p = randomPoly(s, 20, 4, vars);
      const renamed = p.renameVariables(rename);
      for (let t = 0; t < 3; t++) {
        const point = new Map(vars.map((v) => [v, q(rng.int(-5, 5), rng.int(1, 3))]));
        const at = (v: number) => point.get(v)!;
        expect(renamed.evaluate(at).equals(p.evaluate((v) => at(rename.get(v) ?? v)))).toBe(true);
      }
      expect(renamed.variables().includes(300)).toBe(false);
    }
    const [x, y] = [Poly.variable(BIG, 10), Poly.variable(BIG, 300)];
    expect(x.mul(x).sub(y.mul(x)).renameVariables(rename).isZero()).toBe(true); // x² − y·x → 0
    expect(x.add(y).renameVariables(rename).equals(x.scale(q(2)))).toBe(true);
  });

  it('packs monomials of up to three variables into distinct numbers, and indexes them', () => {
    const rng = seededRandom(17);
    const seen = new Map<number, string>();
    for (let t = 0; t < 5000; t++) {
      const codes = Array.from({ length: rng.int(0, 3) }, () => (rng.int(0, 1) ? rng.int(0, 20) : rng.int(0, 0xfffe))).sort((u, v) => u - v);
      const m = String.fromCharCode(...codes);
      const key = packMonomial(m);
      expect(seen.get(key) ?? m).toBe(m);
      seen.set(key, m);
    }
    expect(packMonomial('\u0001\u0002\u0003\u0004')).toBe(-1);
    const monomials = [...seen.values()];
    const index = shortMonomialIndex(monomials)!;
    monomials.forEach((m, k) => expect(index.get(packMonomial(m))).toBe(k));
    expect(index.get(packMonomial('\uffff\uffff\uffff'))).toBe(monomials.indexOf('\uffff\uffff\uffff'));
    expect(shortMonomialIndex(['\u0001', '\u0001\u0002\u0003\u0004'])).toBeNull();
    // Lists with monomials of degree 4 take the other path of equalsScaled.
    const f = randomPoly(5, 30, 5, [1, 2, 3, 400]);
    const g = f.scale(q(5));
    expect(g.equalsScaled(f, q(5)) && !g.equalsScaled(f, q(4))).toBe(true);
  });

  it('combines linearly like chained scale and add', () => {
    const vars = [1, 2, 400];
    for (let s = 1; s <= 10; s++) {
      const [f, g, h] = [randomPoly(s, 8, 3, vars), randomPoly(s + 1, 8, 3, vars), randomPoly(s + 2, 2, 1, vars)];
      const [c, d] = [q(s - 5, 3), q(-2)];
      const chained = f.scale(c).add(g.scale(d)).add(h).add(f.scale(c.neg()));
      const combined = Poly.linearCombination(BIG, [[f, c], [g, d], [h, Rational.ONE], [f, c.neg()], [h, Rational.ZERO]]);
      expect(combined.equals(chained)).toBe(true);
      // One large part and a few terms (the list path), including a cancellation.
      const x = Poly.variable(BIG, 400);
      const few = Poly.linearCombination(BIG, [[g, d], [x, q(s)], [h, q(-1)], [g.derivative(1), Rational.ONE]]);
      expect(few.equals(g.scale(d).add(x.scale(q(s))).sub(h).add(g.derivative(1)))).toBe(true);
      const cancel = Poly.linearCombination(BIG, [[g.add(x), Rational.ONE], [x, q(-1)]]);
      expect(cancel.equals(g)).toBe(true);
    }
  });

  it('evaluates batches bit for bit like one point at a time', () => {
    const vars = [0, 7, 299, 598];
    const polys = Array.from({ length: 9 }, (_, s) => randomPoly(s + 20, 15, 4, vars));
    const f = compilePolys(polys, vars);
    const rng = seededRandom(5);
    for (let count = 1; count <= EVALUATION_BATCH; count++) {
      const xs = Float64Array.from({ length: count * vars.length }, () => rng.normal() * 3);
      const out = new Float64Array(polys.length * EVALUATION_BATCH);
      f.evaluateBatch(xs, count, out);
      const one = new Float64Array(polys.length);
      for (let b = 0; b < count; b++) {
        f.evaluate(xs.subarray(b * vars.length, (b + 1) * vars.length), one);
        polys.forEach((_, i) => expect(Object.is(out[i * EVALUATION_BATCH + b], one[i])).toBe(true));
      }
    }
    expect(() => f.evaluateBatch(new Float64Array(0), EVALUATION_BATCH + 1, new Float64Array(0))).toThrow(RangeError);
  });

  it('keeps exact coefficients when many distinct small values pass through the shared cache', () => {
    const rng = seededRandom(9);
    const wrong: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const [a, b, c, d] = [rng.int(-999, 999), rng.int(1, 99), rng.int(-999, 999), rng.int(1, 99)];
      const [x, y] = [q(a, b), q(c, d)];
      // Cross-multiplied in BigInt, so the check does not go through the cache it tests.
      const sum = x.add(y);
      const product = x.mul(y);
      const ok =
        sum.num * BigInt(b * d) === BigInt(a * d + c * b) * sum.den &&
        product.num * BigInt(b * d) === BigInt(a * c) * product.den &&
        x.num * BigInt(b) === BigInt(a) * x.den;
      if (!ok) wrong.push(`${a}/${b}, ${c}/${d}`);
    }
    expect(wrong).toEqual([]);
  });
});
