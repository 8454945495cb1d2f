/**
 * The kernel's parametric pieces (issue 10): positivity certificates from the engine's prover are
 * accepted and tampered ones refused; the kernel's Faddeev–LeVerrier characteristic polynomial and
 * Bareiss Hurwitz determinants over polynomials agree with the engine's Berkowitz and Bareiss and,
 * instantiated, with the kernel's own rational routines; the work meter bounds them.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { charpolyOf, hurwitzDeterminants } from '../../src/family/poly-matrix.js';
import { type PositivityCertificate, type SignClass, inequalitySubstitution, provePositivity } from '../../src/family/positivity.js';
import { checkPositivity } from '../../src/kernel/checks/positivity.js';
import { charpoly, hurwitzMinors } from '../../src/kernel/linalg.js';
import { KernelWorkExceeded, meterWork } from '../../src/kernel/meter.js';
import { parseExpression } from '../../src/kernel/parse.js';
import { type KPoly, addScaled, evaluate } from '../../src/kernel/poly.js';
import { kernelCharpoly, kernelDivide, kernelHurwitzDeterminants } from '../../src/kernel/poly-linalg.js';
import { Malformed, Rejected } from '../../src/kernel/read.js';
import { seededRandom, type SeededRandom } from '../../src/numeric/random.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';

const R = new Ring(['a', 'c', 's', 'tau']);
const NAMES = new Set(R.names);
const signs = new Map<string, SignClass>([['a', 'nonzero'], ['c', 'positive'], ['s', 'positive'], ['tau', 'positive']]);
const context = { signs, substitutions: [inequalitySubstitution('c', 's', true, 'd')!] };
const prove = (text: string) => provePositivity(parsePoly(R, text), context, 'positive')!;
const K = (text: string): KPoly => parseExpression(text, NAMES);
const same = (x: KPoly, y: KPoly) => addScaled(x, y, q(-1)).size === 0;
const tampered = (cert: PositivityCertificate, change: Partial<PositivityCertificate>) => ({ ...structuredClone(cert), ...change });

describe('checkPositivity', () => {
  const shifted = prove('s^2 - c^2');

  it('accepts the engine’s certificates and states the domain', () => {
    expect(checkPositivity(shifted)).toBe('-c^2 + s^2 > 0 wherever c > 0, s > 0, s = c + d for some d > 0: its expansion has positive coefficients on monomials ≥ 0, one of them > 0');
    for (const m of hurwitzDeterminants(['s', 'a^2*s^2 + c^2 + s*tau', 'a^2*s^2*tau'].map((t) => parsePoly(R, t)))) {
      expect(checkPositivity(provePositivity(m, context, 'positive'))).toMatch(/> 0 wherever a ≠ 0, c > 0, s > 0, tau > 0:/);
    }
    expect(checkPositivity(provePositivity(parsePoly(R, '-a^2 - c'), context, 'nonzero'))).toMatch(/^-a\^2 - c < 0/);
  });

  it('rejects a wrong expanded form, a negative coefficient and a sign stronger than shown', () => {
    expect(() => checkPositivity(tampered(shifted, { expanded: '2*c*d + 2*d^2' }))).toThrow(Rejected);
    // Both sides changed consistently, so only the sign pattern can catch it.
    expect(() => checkPositivity(tampered(shifted, { polynomial: 's^2 - 2*c^2', expanded: '-c^2 + 2*c*d + d^2' }))).toThrow(/coefficient -1 of c\*c is not positive/);
    const weak = { polynomial: 'c*x', conclusion: 'positive', signs: { c: 'positive', x: 'nonnegative' }, substitutions: [], expanded: 'c*x' };
    expect(() => checkPositivity(weak)).toThrow(/only ≥ 0, not > 0/);
    expect(checkPositivity({ ...weak, conclusion: 'nonnegative' })).toMatch(/^c\*x ≥ 0 wherever c > 0, x ≥ 0/);
    expect(() => checkPositivity({ ...weak, conclusion: 'negative' })).toThrow(Rejected);
  });

  it('rejects an odd power of a real or nonzero variable', () => {
    expect(() => checkPositivity({ polynomial: 'a*c + c', conclusion: 'positive', signs: { a: 'real', c: 'positive' }, substitutions: [], expanded: 'a*c + c' })).toThrow(/odd power of a, which is real/);
    expect(() => checkPositivity({ polynomial: 'a^3', conclusion: 'nonnegative', signs: { a: 'nonzero' }, substitutions: [], expanded: 'a^3' })).toThrow(/odd power of a/);
    expect(checkPositivity({ polynomial: 'a^2', conclusion: 'positive', signs: { a: 'nonzero' }, substitutions: [], expanded: 'a^2' })).toMatch(/> 0 wherever a ≠ 0/);
    expect(() => checkPositivity({ polynomial: 'a^2', conclusion: 'positive', signs: { a: 'real' }, substitutions: [], expanded: 'a^2' })).toThrow(Rejected);
  });

  it('rejects substitutions that do not state an inequality soundly', () => {
    const sub = shifted.substitutions[0]!;
    const withSub = (s: object, extraSigns: object = {}) => tampered(shifted, { substitutions: [{ ...sub, ...s }] as never, signs: { ...shifted.signs, ...extraSigns } });
    const { d: _, ...undeclared } = shifted.signs;
    expect(() => checkPositivity(tampered(shifted, { signs: undeclared }))).toThrow(/d must be declared positive/);
    expect(() => checkPositivity(withSub({}, { d: 'real' }))).toThrow(/d must be declared positive/);
    expect(() => checkPositivity(withSub({ by: 'c + 2*d' }))).toThrow(/coefficient 1/);
    expect(() => checkPositivity(withSub({ by: 'c + d - d^2' }))).toThrow(/once/);
    expect(() => checkPositivity(withSub({ fresh: 'c', by: 'c + c' }, { c: 'positive' }))).toThrow(/not fresh/);
    expect(() => checkPositivity(withSub({ target: 'x' }))).toThrow(/x is not declared/);
    expect(() => checkPositivity(tampered(shifted, { substitutions: [sub, { ...sub }] }))).toThrow(/substituted twice/);
    // s = c + d and t = s + e: the second mentions a substituted variable, so they are not simultaneous.
    const chain = { polynomial: 't - c', conclusion: 'positive', signs: { c: 'positive', s: 'positive', t: 'positive', d: 'positive', e: 'positive' }, substitutions: [sub, { target: 't', by: 's + e', fresh: 'e', freshClass: 'positive' }], expanded: 'd + e' };
    expect(() => checkPositivity(chain)).toThrow(/not simultaneous/);
  });

  it('calls a misshapen certificate malformed', () => {
    expect(() => checkPositivity(null)).toThrow(Malformed);
    expect(() => checkPositivity(tampered(shifted, { conclusion: 'nonzero' as never }))).toThrow(Malformed);
    expect(() => checkPositivity(tampered(shifted, { signs: { c: 'big' } as never }))).toThrow(Malformed);
    expect(() => checkPositivity(tampered(shifted, { substitutions: 'none' as never }))).toThrow(Malformed);
    expect(() => checkPositivity(tampered(shifted, { substitutions: [{ ...shifted.substitutions[0]!, freshClass: 'nonzero' as never }] }))).toThrow(Malformed);
    expect(() => checkPositivity(tampered(shifted, { polynomial: 's^2 - z' }))).toThrow(/does not parse/);
  });
});

function randomKernelMatrix(rng: SeededRandom, n: number): string[][] {
  const names = R.names;
  const entry = () => {
    const terms = Array.from({ length: rng.int(0, 3) }, () => [`${rng.int(-4, 4)}/${rng.int(1, 3)}`, ...Array.from({ length: rng.int(0, 2) }, () => names[rng.int(0, names.length - 1)]!)].join('*'));
    return terms.length ? terms.join(' + ') : '0';
  };
  return Array.from({ length: n }, () => Array.from({ length: n }, entry));
}

describe('kernelCharpoly and kernelHurwitzDeterminants', () => {
  it('give the closed forms', () => {
    expect(kernelCharpoly([[K('0'), K('-a*c')], [K('1'), K('-s')]]).every((c, i) => same(c, K(['1', 's', 'a*c'][i]!)))).toBe(true);
    const minors = kernelHurwitzDeterminants([K('s'), K('a^2*s^2 + c^2 + s*tau'), K('a^2*s^2*tau')]);
    expect(minors.map((m, i) => same(m, K(['a^2*s^2 + c^2 + s*tau', '(a^2*s^2 + c^2 + s*tau)*a^2*s^2*tau'][i]!)))).toEqual([true, true]);
    expect(kernelHurwitzDeterminants([K('1'), K('0'), K('a')]).map((m) => m.size)).toEqual([0]);
  });

  it('agree with the engine (Berkowitz, Bareiss) and, instantiated, with the kernel’s rational routines', () => {
    const rng = seededRandom(17);
    for (let trial = 0; trial < 25; trial++) {
      const texts = randomKernelMatrix(rng, rng.int(1, 4));
      const kernel = kernelCharpoly(texts.map((row) => row.map(K)));
      const engine = charpolyOf(texts.map((row) => row.map((t) => parsePoly(R, t))));
      kernel.forEach((c, i) => expect(same(c, K(engine[i]!.toString()))).toBe(true));
      const values = new Map(R.names.map((v) => [v, q(rng.int(-6, 6), rng.int(1, 3))]));
      const at = (v: string) => values.get(v)!;
      const numeric = charpoly(texts.map((row) => row.map((t) => evaluate(K(t), at)))).reverse(); // linalg's is from λ⁰ up
      expect(kernel.map((c) => evaluate(c, at).toString())).toEqual(numeric.map(String));

      if (texts.length === 4) continue; // random 4×4 entries make Δ3 of 10³ terms: seconds, not a better test
      const minors = kernelHurwitzDeterminants(kernel);
      const engineMinors = hurwitzDeterminants(engine);
      expect(minors.length).toBe(engineMinors.length);
      minors.forEach((m, i) => expect(same(m, K(engineMinors[i]!.toString()))).toBe(true));
      // The monic charpoly has a0 = 1; linalg scales by the common denominator L: Δ_k times L^k.
      const a = kernel.map((c) => evaluate(c, at));
      const L = a.reduce((l, x) => { let [u, v] = [l, x.den]; while (v !== 0n) [u, v] = [v, u % v]; return (l / u) * x.den; }, 1n); // prettier-ignore
      hurwitzMinors(a).forEach((r, k) => {
        if (k < minors.length) expect(q(r).equals(evaluate(minors[k]!, at).mul(q(L).pow(k + 1)))).toBe(true);
      });
    }
  });

  it('divides exactly or returns null', () => {
    expect(same(kernelDivide(K('a^2 - s^2'), K('a + s'))!, K('a - s'))).toBe(true);
    expect(kernelDivide(K('a^2 + s^2'), K('a + s'))).toBeNull();
    const rng = seededRandom(3);
    for (let trial = 0; trial < 30; trial++) {
      const [[x, y]] = randomKernelMatrix(rng, 2) as [[string, string]];
      if (K(y).size === 0) continue;
      expect(same(kernelDivide(K(`(${x})*(${y})`), K(y))!, K(x))).toBe(true);
    }
  });

  it('charge the work meter', () => {
    const big = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => K(i === j ? 'a + s' : 'c*tau - 1')));
    meterWork(1000);
    try {
      expect(() => kernelCharpoly(big)).toThrow(KernelWorkExceeded);
    } finally {
      meterWork(Infinity);
    }
  });
});

describe('the engine and the kernel on one polynomial ring', () => {
  it('read each other’s text (the certificate’s polynomials cross the boundary as strings)', () => {
    const p = Poly.sum(R, [parsePoly(R, '3/2*a^2*s'), parsePoly(R, '-c*tau')]);
    expect(same(K(p.toString()), K('-c*tau + 3/2*a^2*s'))).toBe(true);
  });
});
