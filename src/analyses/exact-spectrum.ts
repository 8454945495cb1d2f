/**
 * The spectrum at an exact equilibrium, exactly where it can be: the proved zero eigenvalues,
 * every rational eigenvalue exactly, and the rest as floats (stability.ts attaches it to each
 * point with a certificate; `check --json` and the report read it). A float eigenvalue μ of DV
 * is turned into a candidate fraction (continued fractions, denominators up to 10⁶) and kept as
 * exact only when r(candidate) = 0 holds in exact arithmetic, where det(λI − DV) = λ^k0 · r(λ) is
 * the certificate's factorisation; r is then deflated by (λ − candidate). A float never becomes
 * "exact" without that check. When every non-tangent eigenvalue is a (negative) rational, the
 * largest stable learning rate η < min(−2 Re μ / |μ|²) = 2 / max |μ| is exact too.
 *
 * Example: SG on the scalar model at (1, 4/5): r(λ) = λ + 5/2, so the spectrum is
 * { zeros: 1, exact: [-5/2], floats: [] } and η_max = 4/5.
 */
import { Rational } from '../exact/rational.js';
import { evaluateAt } from '../exact/charpoly.js';
import type { Complex } from '../numeric/eigenvalues.js';
import { exponentOf } from '../poly/monomial.js';
import type { Poly } from '../poly/poly.js';
import type { ExactStabilityCertificate } from './stability.js';

export interface ExactSpectrum {
  /** Multiplicity of the eigenvalue 0 (proved by the certificate). */
  zeros: number;
  /** Nonzero rational eigenvalues, each verified as a root of r, with multiplicity, descending. */
  exact: Rational[];
  /** The remaining eigenvalues, in floating point. */
  floats: Complex[];
  /** 2 / max |μ| when every non-tangent eigenvalue is an exact negative rational; else null. */
  learningRate: Rational | null;
}

/** Coefficients of a polynomial in one variable (index 0), leading first. */
export function coefficientsOf(p: Poly): Rational[] {
  const d = p.degree();
  const c = Array.from({ length: d + 1 }, () => Rational.ZERO);
  for (const [m, x] of p.sortedTerms()) c[d - exponentOf(m, 0)] = x;
  return c;
}

/** Best rational approximation of x with denominator ≤ maxDen within `tolerance`, or null. */
export function nearbyFraction(x: number, tolerance: number, maxDen = 1_000_000): Rational | null {
  if (!Number.isFinite(x)) return null;
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  let y = x;
  for (let step = 0; step < 40; step++) {
    const a = Math.floor(y);
    if (!Number.isSafeInteger(a)) return null;
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > BigInt(maxDen)) return null;
    if (Math.abs(Number(h1) / Number(k1) - x) <= tolerance) return Rational.of(h1, k1);
    const frac = y - a;
    if (frac === 0) return null;
    y = 1 / frac;
  }
  return null;
}

/** Divides r (leading first) by (λ − root); the remainder must be 0. */
function deflate(r: readonly Rational[], root: Rational): Rational[] {
  const out: Rational[] = [];
  let carry = Rational.ZERO;
  for (let i = 0; i < r.length - 1; i++) {
    carry = carry.mul(root).add(r[i]!);
    out.push(carry);
  }
  return out;
}

/** The k smallest-modulus eigenvalues are the tangent (zero) ones; the rest, in their order. */
function withoutSmallest(values: readonly Complex[], k: number): Complex[] {
  const order = values.map((z, i) => [Math.hypot(z.re, z.im), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const drop = new Set(order.slice(0, k).map(([, i]) => i));
  return values.filter((_, i) => !drop.has(i));
}

export function exactSpectrum(certificate: ExactStabilityCertificate, eigenvalues: readonly Complex[]): ExactSpectrum {
  const zeros = certificate.zeroMultiplicity;
  let r = coefficientsOf(certificate.remainder);
  const floats = withoutSmallest(eigenvalues, zeros);
  const exact: Rational[] = [];
  const rest: Complex[] = [];
  for (const z of floats) {
    // A double root may come out of the float solver as a pair with a tiny imaginary part; the
    // exact check below decides, so the test here only has to be generous.
    const real = Math.abs(z.im) <= 1e-6 * (1 + Math.abs(z.re));
    const candidate = real && r.length > 1 ? nearbyFraction(z.re, 1e-7 * (1 + Math.abs(z.re))) : null;
    if (candidate && !candidate.isZero() && evaluateAt(r, candidate).isZero()) {
      exact.push(candidate);
      r = deflate(r, candidate);
    } else rest.push(z);
  }
  exact.sort((a, b) => b.compare(a));
  let learningRate: Rational | null = null;
  if (rest.length === 0 && exact.length > 0 && exact.every((x) => x.sign() < 0)) {
    const largest = exact.reduce((m, x) => (x.abs().compare(m) > 0 ? x.abs() : m), Rational.ZERO);
    learningRate = Rational.of(2).div(largest);
  }
  return { zeros, exact, floats: rest, learningRate };
}
