/**
 * Characteristic polynomials: Berkowitz against Bareiss determinants at n + 1 points (a second
 * exact path) and against ml-matrix eigenvalues (an independent float path).
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { charpoly, evaluateAt, splitZeroRoot } from '../../src/exact/charpoly.js';
import { checkCharpoly, determinant } from '../../src/exact/determinant.js';
import { matMul } from '../../src/exact/linear-algebra.js';
import { eigenvalues } from '../../src/numeric/eigenvalues.js';
import { seededRandom } from '../../src/numeric/random.js';

const M = (rows: number[][]) => rows.map((r) => r.map((x) => q(x)));

function randomRational(seed: number, n: number) {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: n }, () => q(rng.int(-5, 5), rng.int(1, 4))));
}

describe('charpoly', () => {
  it('closed forms', () => {
    expect(charpoly(M([[1, 2], [3, 4]])).map(String)).toEqual(['1', '-5', '-2']);
    expect(charpoly([]).map(String)).toEqual(['1']);
    expect(charpoly(M([[0, 1], [0, 0]])).map(String)).toEqual(['1', '0', '0']);
    expect(determinant(M([[1, 2], [3, 4]])).toString()).toBe('-2');
    expect(splitZeroRoot([q(1), q(2), q(0), q(0)])).toEqual({ k: 2, rest: [q(1), q(2)] });
  });

  it('agrees with Bareiss determinants at n + 1 points (random rational matrices up to 12×12)', () => {
    for (let n = 1; n <= 12; n++) {
      const m = randomRational(n, n);
      const c = charpoly(m);
      expect(checkCharpoly(m, c)).toBe(true);
      const wrong = c.slice();
      wrong[n] = wrong[n]!.add(q(1, 7));
      expect(checkCharpoly(m, wrong)).toBe(false);
    }
  });

  it('has the float eigenvalues of ml-matrix as roots (up to rounding)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const n = 3 + (seed % 5);
      const m = randomRational(seed + 50, n);
      const c = charpoly(m).map((x) => x.toNumber());
      const ev = eigenvalues(m.map((r) => r.map((x) => x.toNumber())));
      expect(ev.length).toBe(n);
      for (const z of ev) {
        // Horner in complex floats; scale-aware tolerance.
        let re = 0;
        let im = 0;
        let scale = 0;
        const r = Math.hypot(z.re, z.im);
        c.forEach((ci, i) => {
          [re, im] = [re * z.re - im * z.im + ci, re * z.im + im * z.re];
          scale += Math.abs(ci) * r ** (n - i);
        });
        expect(Math.hypot(re, im)).toBeLessThan(1e-8 * scale);
      }
    }
  });

  it('a singular 32×32 matrix: λ^k splits off with k = n − rank for a diagonalisable one', () => {
    const rng = seededRandom(9);
    const n = 32;
    const u = Array.from({ length: n }, () => Array.from({ length: 20 }, () => q(rng.int(-2, 2))));
    const v = Array.from({ length: 20 }, () => Array.from({ length: n }, () => q(rng.int(-2, 2), rng.int(1, 2))));
    const m = matMul(u, v); // rank ≤ 20, zero eigenvalue of multiplicity ≥ 12
    const c = charpoly(m);
    expect(splitZeroRoot(c).k).toBeGreaterThanOrEqual(12);
    expect(evaluateAt(c, q(0)).isZero()).toBe(true);
  });
});

import { recheckCharpoly, wordPrimes } from '../../src/exact/charpoly-check.js';

describe('modular Hessenberg re-check', () => {
  it('accepts Berkowitz, rejects a tampered coefficient, agrees with Bareiss', () => {
    for (let n = 1; n <= 14; n++) {
      const m = randomRational(n + 200, n);
      const c = charpoly(m);
      expect(recheckCharpoly(m, c)).toBe(true);
      for (let i = 1; i <= n; i++) {
        const wrong = c.slice();
        wrong[i] = wrong[i]!.add(q(1));
        expect(recheckCharpoly(m, wrong)).toBe(false);
      }
    }
    const singular = M([[1, 2, 3], [2, 4, 6], [0, 0, 0]]);
    expect(recheckCharpoly(singular, charpoly(singular))).toBe(true);
    expect(checkCharpoly(singular, charpoly(singular))).toBe(true);
  });
  it('primes are distinct primes below 2^26', () => {
    const ps = wordPrimes(40);
    expect(new Set(ps).size).toBe(40);
    const isPrime = (p: number) => { for (let d = 2; d * d <= p; d++) if (p % d === 0) return false; return true; };
    expect(ps.every((p) => p < 2 ** 26 && isPrime(p))).toBe(true);
  });
});
