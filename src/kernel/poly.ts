/**
 * The kernel's own polynomials (trust argument: check.ts). A polynomial is a Map from monomial to
 * nonzero exact coefficient; a monomial is the sorted list of its variables' names, one entry per
 * unit of exponent, joined by '*', and '' is the monomial 1. Example: 3·a²b is Map { 'a*a*b' → 3 }.
 */
import { Rational } from '../exact/rational.js';
import { charge } from './meter.js';

export type KPoly = Map<string, Rational>;

export const factorsOf = (m: string): string[] => (m === '' ? [] : m.split('*'));
/** The monomial of a list of variable names (sorts the list in place). */
export const monomial = (names: string[]): string => names.sort().join('*');

/** Adds c·m to p in place; a coefficient that cancels to 0 is removed. */
export function addTerm(p: KPoly, m: string, c: Rational): void {
  if (c.isZero()) return;
  const sum = (p.get(m) ?? Rational.ZERO).add(c);
  if (sum.isZero()) p.delete(m);
  else p.set(m, sum);
}

export const variable = (name: string): KPoly => new Map([[name, Rational.ONE]]);
export const constant = (c: Rational): KPoly => new Map(c.isZero() ? [] : [['', c]]);

/** a + c·b. */
export function addScaled(a: KPoly, b: KPoly, c: Rational): KPoly {
  const out: KPoly = new Map(a);
  for (const [m, x] of b) addTerm(out, m, x.mul(c));
  return out;
}

export function mul(a: KPoly, b: KPoly): KPoly {
  charge(a.size * b.size, `a product of polynomials with ${a.size} and ${b.size} terms`);
  const out: KPoly = new Map();
  for (const [m, x] of a) for (const [n, y] of b) addTerm(out, monomial([...factorsOf(m), ...factorsOf(n)]), x.mul(y));
  return out;
}

/** Every first partial derivative in one pass over the terms: ∂(c·v^k·r)/∂v = k·c·v^(k−1)·r. */
export function partials(p: KPoly): Map<string, KPoly> {
  const out = new Map<string, KPoly>();
  for (const [m, c] of p) {
    const f = factorsOf(m);
    for (let i = 0; i < f.length; i++) {
      if (f[i] === f[i - 1]) continue; // a repeated variable: handled at its first occurrence
      let k = 1;
      while (f[i + k] === f[i]) k++;
      const rest = [...f.slice(0, i), ...f.slice(i + 1)].join('*'); // still sorted
      if (!out.has(f[i]!)) out.set(f[i]!, new Map());
      addTerm(out.get(f[i]!)!, rest, c.mul(Rational.of(k)));
    }
  }
  return out;
}

/** p with every variable v replaced by the variable rename(v). */
export function renamed(p: KPoly, rename: (v: string) => string): KPoly {
  const out: KPoly = new Map();
  for (const [m, c] of p) addTerm(out, monomial(factorsOf(m).map(rename)), c);
  return out;
}

export function evaluate(p: KPoly, value: (v: string) => Rational): Rational {
  let total = Rational.ZERO;
  for (const [m, c] of p) total = total.add(factorsOf(m).reduce((t, v) => t.mul(value(v)), c));
  return total;
}
