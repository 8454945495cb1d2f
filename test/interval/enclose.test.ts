/**
 * Exact rationals enclosed by doubles, in the engine (enclose) and in the kernel (kRational):
 * Rational.toNumber may be several doubles off when numerator or denominator exceed 2⁵³, and the
 * enclosures must still contain the rational (found by an independent review of the certificates).
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { enclose, exactRational, nextUp } from '../../src/interval/interval.js';
import { kRational, rationalOfDouble } from '../../src/kernel/variant/interval.js';
import { seededRandom } from '../../src/numeric/random.js';

const rng = seededRandom(5);
const big = () => BigInt(Math.floor(rng.next() * 2 ** 30)) * 2n ** 30n + BigInt(Math.floor(rng.next() * 2 ** 30)) + 1n;
const cases = [Rational.of(252671062571034699n, 152984207335005873n), ...Array.from({ length: 300 }, () => Rational.of(rng.next() < 0.5 ? -big() : big(), big()))];

describe('doubles around a rational with large numerator and denominator', () => {
  it('the engine encloses it tightly: lo ≤ r ≤ hi, hi = lo or the next double', () => {
    for (const r of cases) {
      const e = enclose(r);
      expect(exactRational(e.lo).compare(r) <= 0 && exactRational(e.hi).compare(r) >= 0, r.toString()).toBe(true);
      expect(e.hi === e.lo || e.hi === nextUp(e.lo), r.toString()).toBe(true);
    }
  });

  it('the kernel encloses it', () => {
    for (const r of cases) {
      const k = kRational(r);
      expect(rationalOfDouble(k.lo).compare(r) <= 0 && rationalOfDouble(k.hi).compare(r) >= 0, r.toString()).toBe(true);
    }
  });
});
