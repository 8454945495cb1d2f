/**
 * Sign proofs in symbols: the worked scalar example (EMA Hurwitz determinants > 0 for a ≠ 0 and
 * s, c, τ > 0; s² − c² > 0 under c < s), refusals where the method cannot see a sign, and every
 * certificate's claim against the polynomial evaluated at seeded random points of its domain.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { hurwitzDeterminants } from '../../src/family/poly-matrix.js';
import {
  type PositivityCertificate,
  type PositivityContext,
  type SignClass,
  describePositivity,
  inequalitySubstitution,
  provePositivity,
} from '../../src/family/positivity.js';
import { seededRandom } from '../../src/numeric/random.js';
import { parsePoly } from '../../src/poly/parse.js';
import type { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';

const R = new Ring(['a', 'c', 's', 'tau', 'x']);
const P = (text: string) => parsePoly(R, text);
const signs = new Map<string, SignClass>([['a', 'nonzero'], ['c', 'positive'], ['s', 'positive'], ['tau', 'positive'], ['x', 'nonnegative']]);
const cLessThanS = inequalitySubstitution('c', 's', true, 'd')!;
const context: PositivityContext = { signs, substitutions: [cLessThanS] };

/** The sign the certificate claims, checked at seeded random points of its domain (substitutions included). */
function holdsAtRandomPoints(p: Poly, cert: PositivityCertificate, seed: number): void {
  const rng = seededRandom(seed);
  for (let trial = 0; trial < 50; trial++) {
    const value = new Map<string, Rational>();
    const draw = (k: SignClass) => {
      const magnitude = q(rng.int(k === 'nonnegative' ? 0 : 1, 9), rng.int(1, 5));
      return k === 'positive' || k === 'nonnegative' || rng.next() < 0.5 ? magnitude : magnitude.neg();
    };
    for (const name of R.names) value.set(name, draw(signs.get(name) ?? 'real'));
    for (const s of cert.substitutions) {
      // A point of the domain: target = (its rest at the point) + a fresh value of the fresh class.
      const by = parsePoly(new Ring([...R.names, s.fresh]), s.by);
      value.set(s.target, by.evaluate((v) => (v === R.size ? draw(s.freshClass) : value.get(R.names[v]!)!)));
    }
    const sign = p.evaluate((v) => value.get(R.names[v]!)!).sign();
    const ok = { positive: sign > 0, nonnegative: sign >= 0, negative: sign < 0, nonpositive: sign <= 0 }[cert.conclusion];
    expect(ok).toBe(true);
  }
}

describe('provePositivity', () => {
  it('proves the EMA factor’s Hurwitz determinants > 0 for a ≠ 0 and s, c, τ > 0, with no substitution', () => {
    const minors = hurwitzDeterminants([P('s'), P('a^2*s^2 + c^2 + s*tau'), P('a^2*s^2*tau')]);
    minors.forEach((m, k) => {
      const cert = provePositivity(m, context, 'positive');
      expect(cert).not.toBeNull();
      expect(cert!.substitutions).toEqual([]);
      expect(cert!.conclusion).toBe('positive');
      holdsAtRandomPoints(m, cert!, 30 + k);
    });
    expect(describePositivity(provePositivity(minors[0]!, context, 'positive')!)).toBe(
      'a^2*s^2 + c^2 + s*tau has positive coefficients and monomials > 0 for c, s, tau > 0, a ≠ 0 (even powers), so it is > 0',
    );
  });

  it('proves s² − c² > 0 under c < s by s = c + d, d > 0, and says so', () => {
    const cert = provePositivity(P('s^2 - c^2'), context, 'positive')!;
    expect(cert).toEqual({
      polynomial: '-c^2 + s^2',
      conclusion: 'positive',
      signs: { c: 'positive', d: 'positive', s: 'positive' },
      substitutions: [{ target: 's', by: 'c + d', fresh: 'd', freshClass: 'positive' }],
      expanded: '2*c*d + d^2',
    });
    expect(describePositivity(cert)).toBe('with s = c + d, d > 0: 2*c*d + d^2 has positive coefficients and monomials > 0 for c, d > 0, so it is > 0');
    holdsAtRandomPoints(P('s^2 - c^2'), cert, 1);
  });

  it('proves c > 0, and s − c > 0 only with the inequality', () => {
    expect(provePositivity(P('c'), context, 'positive')!.expanded).toBe('c');
    expect(provePositivity(P('s - c'), { signs, substitutions: [] }, 'positive')).toBeNull();
    expect(provePositivity(P('s - c'), context, 'positive')!.expanded).toBe('d');
    expect(provePositivity(P('s - c'), { signs, substitutions: [inequalitySubstitution('c', 's', false, 'd')!] }, 'positive')).toBeNull();
    expect(provePositivity(P('s - c'), { signs, substitutions: [inequalitySubstitution('c', 's', false, 'd')!] }, 'nonnegative')!.conclusion).toBe('nonnegative');
  });

  it('proves negative, nonzero and weak signs, and the strict sign only with a strictly positive monomial', () => {
    expect(provePositivity(P('-a^2*tau - 1'), context, 'nonzero')!.conclusion).toBe('negative');
    expect(provePositivity(P('a^2 + s'), context, 'nonzero')!.conclusion).toBe('positive');
    expect(provePositivity(P('x*s + x^3'), context, 'positive')).toBeNull(); // x ≥ 0: it may be 0
    expect(provePositivity(P('x*s + x^3'), context, 'nonnegative')!.conclusion).toBe('nonnegative');
    expect(provePositivity(P('x + 1'), context, 'positive')!.conclusion).toBe('positive');
    expect(describePositivity(provePositivity(P('x + 1'), context, 'positive')!)).toBe('x + 1 has positive coefficients and monomials ≥ 0 for x ≥ 0, one of them > 0, so it is > 0');
    expect(provePositivity(P('0'), context, 'nonnegative')!.expanded).toBe('0');
    expect(provePositivity(P('0'), context, 'positive')).toBeNull();
  });

  it('never guesses: mixed signs, odd powers of a nonzero or real symbol, state variables', () => {
    for (const text of ['s - tau', 'a*s', 'a^3 + 1', 'x - 1']) expect(provePositivity(P(text), context, 'nonzero')).toBeNull();
    // (s − c)² ≥ 0 is true but not seen term by term; under c < s it is d² > 0.
    expect(provePositivity(P('(s - c)^2'), { signs, substitutions: [] }, 'nonnegative')).toBeNull();
    expect(provePositivity(P('(s - c)^2'), context, 'positive')!.expanded).toBe('d^2');
    const T = new Ring(['A_1_1', 's']);
    expect(provePositivity(parsePoly(T, 'A_1_1^2*s + s'), { signs: new Map([['s', 'positive']]), substitutions: [] }, 'positive')!.signs).toEqual({ A_1_1: 'real', s: 'positive' });
    expect(provePositivity(parsePoly(T, 'A_1_1*s + s'), { signs: new Map([['s', 'positive']]), substitutions: [] }, 'positive')).toBeNull();
  });

  it('combines substitutions when one is not enough, and skips incompatible ones', () => {
    const S = new Ring(['c', 's', 't']);
    const chain: PositivityContext = {
      signs: new Map([['c', 'positive'], ['s', 'positive'], ['t', 'positive']]),
      substitutions: [inequalitySubstitution('c', 's', true, 'd')!, inequalitySubstitution('c', 't', true, 'e')!, inequalitySubstitution('s', 't', true, 'f')!],
    };
    const cert = provePositivity(parsePoly(S, 's*t - c^2'), chain, 'positive')!;
    expect(cert.substitutions.map((s) => s.target)).toEqual(['s', 't']);
    expect(cert.expanded).toBe(parsePoly(new Ring(['c', 's', 't', 'd', 'e']), '(c + d)*(c + e) - c^2').toString());
    // t = s + f cannot be combined with s = c + d (it mentions a substituted variable).
    expect(provePositivity(parsePoly(S, 't - c'), { ...chain, substitutions: [chain.substitutions[0]!, chain.substitutions[2]!] }, 'positive')).toBeNull();
  });

  it('is deterministic: the same input gives the same certificate', () => {
    expect(JSON.stringify(provePositivity(P('s^2 - c^2'), context, 'positive'))).toBe(JSON.stringify(provePositivity(P('s^2 - c^2'), context, 'positive')));
  });
});

describe('inequalitySubstitution', () => {
  it('writes greater = lesser + fresh, parenthesising a compound lesser side', () => {
    expect(inequalitySubstitution('c', 's', true, 'd')).toEqual({ target: 's', by: 'c + d', fresh: 'd', freshClass: 'positive' });
    expect(inequalitySubstitution('c - x', 's', false, 'd')).toEqual({ target: 's', by: '(c - x) + d', fresh: 'd', freshClass: 'nonnegative' });
    expect(inequalitySubstitution('s', '2*c', true, 'd')).toBeNull();
  });
});
