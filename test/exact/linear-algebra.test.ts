/** Exact linear algebra: each result re-checked by multiplying back, never by re-running itself. */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/exact/rational.js';
import {
  identityMatrix,
  inverse,
  isPositiveDefinite,
  matMul,
  matVec,
  nullspace,
  rank,
  rref,
  solveLinear,
} from '../../src/exact/linear-algebra.js';
import { seededRandom } from '../../src/numeric/random.js';

const M = (rows: number[][]) => rows.map((r) => r.map((x) => q(x)));
const str = (v: Rational[]) => v.map(String);

function randomMatrix(seed: number, rows: number, cols: number, rankAtMost?: number) {
  const rng = seededRandom(seed);
  const rnd = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => q(rng.int(-4, 4), rng.int(1, 3))));
  if (rankAtMost === undefined) return rnd(rows, cols);
  return matMul(rnd(rows, rankAtMost), rnd(rankAtMost, cols));
}

describe('rref, rank, nullspace, solve', () => {
  it('small cases', () => {
    expect(rank(M([[1, 2], [2, 4]]))).toBe(1);
    expect(nullspace(M([[1, 2], [2, 4]])).map(str)).toEqual([['-2', '1']]);
    expect(rref(M([[2, 4]])).rows.map(str)).toEqual([['1', '2']]);
    const s = solveLinear(M([[1, 1]]), [q(2)])!;
    expect(str(s.particular)).toEqual(['2', '0']);
    expect(s.homogeneous.map(str)).toEqual([['-1', '1']]);
    expect(solveLinear(M([[1, 1], [1, 1]]), [q(1), q(2)])).toBeNull();
    expect(nullspace([], 2).map(str)).toEqual([['1', '0'], ['0', '1']]);
  });

  it('random low-rank matrices: rank, m·nullspace = 0, rank + nullity = columns', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = 1 + (seed % 4);
      const m = randomMatrix(seed, 6, 7, r);
      const k = rank(m);
      expect(k).toBeLessThanOrEqual(r);
      const ns = nullspace(m);
      expect(k + ns.length).toBe(7);
      for (const v of ns) expect(matVec(m, v).every((x) => x.isZero())).toBe(true);
      expect(rank(ns)).toBe(ns.length);
    }
  });

  it('solutions satisfy the system; inverse times matrix is the identity', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const m = randomMatrix(seed, 5, 5);
      const x = randomMatrix(seed + 100, 5, 1).map((r) => r[0]!);
      const b = matVec(m, x);
      const sol = solveLinear(m, b)!;
      expect(matVec(m, sol.particular).map(String)).toEqual(b.map(String));
      const inv = inverse(m);
      if (inv) expect(matMul(inv, m).map(str)).toEqual(identityMatrix(5).map(str));
      else expect(rank(m)).toBeLessThan(5);
    }
  });

  it('positive definiteness', () => {
    expect(isPositiveDefinite(M([[2, 1], [1, 2]]))).toBe(true);
    expect(isPositiveDefinite(M([[1, 2], [2, 1]]))).toBe(false);
    expect(isPositiveDefinite(M([[1, 1], [1, 1]]))).toBe(false);
    expect(isPositiveDefinite(M([[1, 2], [0, 5]]))).toBe(false); // not symmetric
  });
});
