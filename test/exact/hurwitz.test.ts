/** Routh–Hurwitz: the Routh array against the Hurwitz minors and against float roots. */
import { describe, expect, it } from 'vitest';
import { q, type Rational } from '../../src/exact/rational.js';
import { hurwitzByMinors, hurwitzMinors, routhTest } from '../../src/exact/hurwitz.js';
import { charpoly } from '../../src/exact/charpoly.js';
import { eigenvalues } from '../../src/numeric/eigenvalues.js';
import { seededRandom } from '../../src/numeric/random.js';

const P = (xs: number[]) => xs.map((x) => q(x));

/** Coefficients (leading first) of Π (λ − r) for integer roots r. */
function fromRoots(roots: number[]): Rational[] {
  let c = [q(1)];
  for (const r of roots) c = [...c, q(0)].map((x, i) => (i === 0 ? x : x.sub(c[i - 1]!.mul(q(r)))));
  return c;
}

describe('Routh–Hurwitz', () => {
  it('closed forms', () => {
    expect(routhTest(P([1, 3, 2]))).toMatchObject({ hurwitz: true, rightHalfPlaneRoots: 0 });
    expect(hurwitzMinors(P([1, 3, 2]))).toEqual([3n, 6n]);
    expect(routhTest(P([1, -3, 2]))).toMatchObject({ hurwitz: false, rightHalfPlaneRoots: 2 });
    expect(routhTest(fromRoots([-1, 2, -3]))).toMatchObject({ hurwitz: false, rightHalfPlaneRoots: 1 });
    expect(routhTest(P([5]))).toMatchObject({ hurwitz: true });
    expect(routhTest(P([-1, -3, -2]))).toMatchObject({ hurwitz: true }); // sign of the whole polynomial is irrelevant
  });

  it('a zero pivot is "not Hurwitz" with the root count left open', () => {
    // λ² + 1: roots ±i on the axis.
    expect(routhTest(P([1, 0, 1]))).toMatchObject({ hurwitz: false, zeroPivot: true, rightHalfPlaneRoots: null });
    // (λ² + 1)(λ + 1) = λ³ + λ² + λ + 1: a whole zero row.
    expect(routhTest(P([1, 1, 1, 1]))).toMatchObject({ hurwitz: false, zeroPivot: true, rightHalfPlaneRoots: null });
    expect(hurwitzByMinors(P([1, 1, 1, 1]))).toBe(false);
  });

  it('agrees with the Hurwitz minors and with float eigenvalues on random matrices', () => {
    let stable = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rng = seededRandom(seed);
      const n = 2 + (seed % 6);
      const shift = rng.int(0, 6);
      const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => q(rng.int(-3, 3) - (i === j ? shift : 0), rng.int(1, 2))));
      const c = charpoly(m);
      const r = routhTest(c);
      expect(hurwitzByMinors(c)).toBe(r.hurwitz);
      const ev = eigenvalues(m.map((row) => row.map((x) => x.toNumber())));
      const maxRe = Math.max(...ev.map((z) => z.re));
      if (Math.abs(maxRe) > 1e-9) expect(r.hurwitz).toBe(maxRe < 0);
      if (r.rightHalfPlaneRoots !== null) expect(r.rightHalfPlaneRoots).toBe(ev.filter((z) => z.re > 1e-9).length);
      if (r.hurwitz) stable++;
    }
    expect(stable).toBeGreaterThan(5);
    expect(stable).toBeLessThan(55);
  });
});
