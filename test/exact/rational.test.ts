import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';

describe('Rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    expect(q(6, -4).toString()).toBe('-3/2');
    expect(q(0, 5).equals(Rational.ZERO)).toBe(true);
    expect(q(10, 5).isInteger()).toBe(true);
  });
  it('parses decimals, exponents and fractions exactly', () => {
    expect(Rational.parse('0.1')!.toString()).toBe('1/10');
    expect(Rational.parse('-2.50')!.toString()).toBe('-5/2');
    expect(Rational.parse('1e-3')!.toString()).toBe('1/1000');
    expect(Rational.parse('2.5E2')!.toString()).toBe('250');
    expect(Rational.parse(' 3 / -6 ')!.toString()).toBe('-1/2');
    for (const bad of ['', 'NaN', 'Infinity', '1/0', '1.2.3', 'abc', '1e999999', '.', '--1']) {
      expect(Rational.parse(bad)).toBeNull();
    }
  });
  it('does field arithmetic exactly', () => {
    const a = q(1, 3);
    const b = q(1, 6);
    expect(a.add(b).toString()).toBe('1/2');
    expect(a.sub(b).toString()).toBe('1/6');
    expect(a.mul(b).toString()).toBe('1/18');
    expect(a.div(b).toString()).toBe('2');
    expect(q(-2, 3).pow(3).toString()).toBe('-8/27');
    expect(q(2, 3).pow(-2).toString()).toBe('9/4');
    expect(q(1, 3).compare(q(1, 2))).toBe(-1);
    expect(() => a.div(Rational.ZERO)).toThrow();
  });
  it('agrees with floats on random operations', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), (seed % 41) - 20);
    for (let k = 0; k < 200; k++) {
      const [a, b, c, d] = [next(), next() || 1, next(), next() || 1];
      const x = q(a, b).mul(q(c, d)).add(q(a, d));
      expect(x.toNumber()).toBeCloseTo((a / b) * (c / d) + a / d, 12);
    }
  });
  it('converts huge values to finite doubles', () => {
    const big = Rational.of(10n ** 400n + 1n, 10n ** 399n);
    expect(big.toNumber()).toBeCloseTo(10, 10);
  });
});
