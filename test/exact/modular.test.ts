/** Modular arithmetic, reconstruction and the modular nullspace solver against exact elimination. */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/exact/rational.js';
import { crt, ModularEchelon, PRIMES, rationalMod, reconstructRational } from '../../src/exact/modular.js';
import { modularNullspace } from '../../src/exact/modular-nullspace.js';
import { matMul, matVec, nullspace } from '../../src/exact/linear-algebra.js';
import { seededRandom } from '../../src/numeric/random.js';

describe('modular arithmetic', () => {
  it('primes are prime and below 2^26', () => {
    expect(PRIMES.length).toBe(8);
    for (const p of PRIMES) {
      expect(p).toBeLessThan(2 ** 26);
      for (let d = 2; d * d <= p; d++) expect(p % d).not.toBe(0);
    }
  });
  it('residues and reconstruction round-trip', () => {
    const p = PRIMES[0]!;
    for (const x of [q(1, 3), q(-7, 12), q(0), q(123, 457), q(-5)]) {
      const r = rationalMod(x, p);
      expect(reconstructRational(BigInt(r), BigInt(p))!.equals(x)).toBe(true);
    }
    const [p1, p2] = [BigInt(PRIMES[0]!), BigInt(PRIMES[1]!)];
    const big = q(9876543, 1234567);
    const x = crt(BigInt(rationalMod(big, PRIMES[0]!)), p1, BigInt(rationalMod(big, PRIMES[1]!)), p2);
    expect(reconstructRational(x, p1 * p2)!.equals(big)).toBe(true);
    expect(reconstructRational(BigInt(rationalMod(big, PRIMES[0]!)), p1)?.equals(big) ?? false).toBe(false);
  });
  it('echelon rank', () => {
    const e = new ModularEchelon(3, PRIMES[0]!);
    expect(e.add([1, 2, 3])).toBe(true);
    expect(e.add([2, 4, 6])).toBe(false);
    expect(e.add([0, 1, 1])).toBe(true);
    expect(e.rank).toBe(2);
  });
});

describe('modularNullspace', () => {
  it('recovers the exact nullspace of random low-rank systems from random combinations of rows', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rng = seededRandom(seed);
      const cols = 12;
      const r = 3 + (seed % 6);
      const left = Array.from({ length: 20 }, () => Array.from({ length: r }, () => q(rng.int(-3, 3))));
      const right = Array.from({ length: r }, () => Array.from({ length: cols }, () => q(rng.int(-9, 9), rng.int(1, 5))));
      const m = matMul(left, right);
      const result = modularNullspace({
        unknowns: cols,
        equations(p, g) {
          // One random combination of all rows per equation.
          const w = m.map(() => g.int(0, p - 1));
          return [Array.from({ length: cols }, (_, j) => m.reduce((s, row, i) => (s + ((w[i]! * rationalMod(row[j]!, p)) % p)) % p, 0))];
        },
        verify: (v) => matVec(m, v).every((x) => x.isZero()),
      });
      expect(result.status).toBe('proved');
      if (result.status !== 'proved') continue;
      const exact = nullspace(m);
      expect(result.basis.map((v) => v.map(String))).toEqual(exact.map((v) => v.map(String)));
    }
  });
  it('full rank means only zero', () => {
    const result = modularNullspace({
      unknowns: 2,
      equations: (p, g) => [[g.int(1, p - 1), g.int(1, p - 1)]],
      verify: () => false,
    });
    expect(result).toMatchObject({ status: 'proved', basis: [], rank: 2 });
  });
  it('says inconclusive when no candidate passes the exact check', () => {
    const result = modularNullspace({ unknowns: 2, equations: () => [[1, 1]], verify: (v: Rational[]) => v.length < 0 });
    expect(result.status).toBe('inconclusive');
  });
});
