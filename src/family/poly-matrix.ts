/**
 * Exact linear algebra over polynomials in symbols (issue 10): the characteristic polynomial and
 * determinant of a matrix of Polys, the Hurwitz determinants of a polynomial whose coefficients are
 * Polys, exact division, and the common rational and monomial factor of a list of polynomials.
 *
 * Why division-free where possible: over ℚ[symbols] a division is a multivariate long division,
 * far dearer than a product, and the parametric matrices are small but their entries are not.
 * Berkowitz needs no division at all; Bareiss needs one exact division per entry and step, which
 * is still cheaper than Berkowitz once per leading minor.
 *
 * Example: for M = [[0, -a*c], [1, -s]], `charpolyOf(M)` is [1, s, a*c] (λ² + sλ + ac).
 */
import { Rational } from '../exact/rational.js';
import { divide as divideMonomial } from '../poly/cofactors.js';
import { type Monomial, ONE_MONOMIAL, compareMonomials, multiplyMonomials } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';

type PolyMatrix = readonly (readonly Poly[])[];

function ringOf(m: PolyMatrix): Poly['ring'] {
  const n = m.length;
  if (n === 0 || m.some((row) => row.length !== n)) throw new RangeError(`expected a square matrix of at least 1×1, got ${n} rows`);
  return m[0]![0]!.ring;
}

/**
 * det(λI − M), coefficients leading first (the first is 1), by Berkowitz's algorithm: the
 * charpoly of the trailing block M[k:, k:] is a Toeplitz matrix times that of M[k+1:, k+1:],
 * working from the bottom-right 1×1 block up (the same recurrence as src/exact/charpoly.ts).
 */
export function charpolyOf(m: PolyMatrix): Poly[] {
  const ring = ringOf(m);
  const n = m.length;
  const one = Poly.constant(ring, Rational.ONE);
  let poly: Poly[] = [one, m[n - 1]![n - 1]!.neg()];
  for (let k = n - 2; k >= 0; k--) {
    const size = n - k;
    // Toeplitz column: 1, −a, −R·C, −R·A1·C, …, with a = M[k][k], R the row right of it, C the
    // column below it and A1 the block below-right.
    const t: Poly[] = [one, m[k]![k]!.neg()];
    const row = m[k]!.slice(k + 1);
    let vec: Poly[] = m.slice(k + 1).map((r) => r[k]!);
    for (let j = 2; j <= size; j++) {
      t.push(Poly.sumOfProducts(ring, row.map((x, i) => [x, vec[i]!] as const)).neg());
      if (j === size) break;
      vec = m.slice(k + 1).map((r) => Poly.sumOfProducts(ring, vec.map((v, c) => [r[k + 1 + c]!, v] as const)));
    }
    const next: Poly[] = [];
    for (let i = 0; i <= size; i++) {
      const pairs: Array<readonly [Poly, Poly]> = [];
      for (let j = Math.max(0, i - size); j <= Math.min(i, size - 1); j++) pairs.push([t[i - j]!, poly[j]!]);
      next.push(Poly.sumOfProducts(ring, pairs));
    }
    poly = next;
  }
  return poly;
}

/** det(M) = (−1)^n times the constant coefficient of det(λI − M): division-free. */
export function determinantOf(m: PolyMatrix): Poly {
  const c = charpolyOf(m);
  const last = c[c.length - 1]!;
  return m.length % 2 === 0 ? last : last.neg();
}

/**
 * A binary heap of monomials, leading (canonical graded lexicographic order) first. Division
 * pops the remainder's leading term once per quotient term; scanning the remainder for it
 * instead made a degree-4 Hurwitz determinant with 10³ terms take seconds.
 */
class LeadingFirst {
  private readonly items: Monomial[] = [];
  push(m: Monomial): void {
    const a = this.items;
    let i = a.push(m) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareMonomials(a[parent]!, m) <= 0) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = m;
  }
  pop(): Monomial | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= a.length) break;
      if (child + 1 < a.length && compareMonomials(a[child + 1]!, a[child]!) < 0) child++;
      if (compareMonomials(last, a[child]!) <= 0) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = last;
    return top;
  }
}

/**
 * p / q when q divides p exactly in ℚ[variables], else null. Long division by leading terms: if
 * q·h = p then lead(p) = lead(q)·lead(h) in any monomial order, so a leading term of the
 * remainder that lead(q) does not divide proves q ∤ p. Example: `divideExact(a^2 - b^2, a + b)` is a − b.
 */
export function divideExact(p: Poly, q: Poly): Poly | null {
  if (q.isZero()) throw new RangeError('division by the zero polynomial');
  if (p.ring !== q.ring) throw new Error('polynomials of different rings');
  const [lm, lc] = q.sortedTerms()[0]!;
  const rest = new Map(p.terms);
  const heap = new LeadingFirst();
  for (const m of rest.keys()) heap.push(m);
  const quotient: Array<[Monomial, Rational]> = [];
  while (rest.size > 0) {
    const m = heap.pop()!;
    const c = rest.get(m);
    if (c === undefined) continue; // cancelled since it was pushed
    const t = divideMonomial(m, lm);
    if (t === null) return null;
    const factor = c.div(lc);
    quotient.push([t, factor]);
    for (const [qm, qc] of q.terms) {
      const at = multiplyMonomials(qm, t);
      const old = rest.get(at);
      if (old === undefined) heap.push(at);
      const sum = (old ?? Rational.ZERO).sub(qc.mul(factor));
      if (sum.isZero()) rest.delete(at);
      else rest.set(at, sum);
    }
  }
  // The quotient's monomials strictly decrease, so they are distinct.
  return Poly.fromDistinctTerms(p.ring, quotient);
}

const gcd = (a: bigint, b: bigint): bigint => {
  [a, b] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** The largest monomial dividing both (multiset intersection of the sorted code units). */
function monomialGcd(a: Monomial, b: Monomial): Monomial {
  let out = '';
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out += a[i];
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return out;
}

export interface CommonFactor {
  /** The positive rational content: every coefficient over it is an integer, all coprime together. */
  content: Rational;
  /** The monomial (coefficient 1) dividing every term of every polynomial, the largest such. */
  monomial: Poly;
  /** Each polynomial divided by content·monomial (a zero polynomial stays zero). */
  primitive: Poly[];
}

/**
 * Strips the common rational and monomial factor of a list of polynomials of one ring (e.g. the
 * coefficients of a characteristic polynomial), so `2s·λ² + 2s²·λ` prints as 2s·(λ² + sλ). The
 * content is positive: signs are left to the caller. All zero: content 1, monomial 1.
 * Example: `commonFactor([2*s^2*a, 4*s])` is { content: 2, monomial: s, primitive: [a*s, 2] }.
 */
export function commonFactor(polys: readonly Poly[]): CommonFactor {
  if (polys.length === 0) throw new RangeError('commonFactor needs at least one polynomial (for its ring)');
  const ring = polys[0]!.ring;
  let [num, den] = [0n, 1n];
  let mono: Monomial | null = null;
  for (const p of polys) {
    if (p.ring !== ring) throw new Error('polynomials of different rings');
    for (const [m, c] of p.terms) {
      num = gcd(num, c.num);
      den = (den / gcd(den, c.den)) * c.den;
      mono = mono === null ? m : monomialGcd(mono, m);
    }
  }
  if (mono === null) return { content: Rational.ONE, monomial: Poly.constant(ring, Rational.ONE), primitive: [...polys] };
  // For reduced fractions n_i/d_i the content is gcd(n_i)/lcm(d_i).
  const content = Rational.of(num, den);
  const inverse = content.inv();
  const divided = (p: Poly) => Poly.fromDistinctTerms(ring, [...p.terms].map(([m, c]) => [divideMonomial(m, mono!)!, c.mul(inverse)] as const));
  return {
    content,
    monomial: Poly.fromDistinctTerms(ring, [[mono, Rational.ONE]]),
    primitive: polys.map((p) => (mono === ONE_MONOMIAL && content.isOne() ? p : divided(p))),
  };
}

/**
 * The leading principal minors Δ1, …, Δd of the Hurwitz matrix H (H_ij = a_(2j−i), 1-based) of
 * a0·λ^d + a1·λ^(d−1) + … + ad (`coefficients` leading first), as polynomials in the symbols, with
 * no normalisation of a0's sign. Bareiss's fraction-free elimination without row exchanges: the
 * k-th pivot is exactly Δ_k (Sylvester's identity) and each step's division is exact; Δd = ad·Δ(d−1)
 * by expanding along the last column. Like the rational routines (src/exact/hurwitz.ts) it stops
 * after the first minor that is identically 0: that already rules out "all Δ_k > 0" for every
 * value of the symbols.
 * Example: for s·λ² + b·λ + e, [b, b·e].
 */
export function hurwitzDeterminants(coefficients: readonly Poly[]): Poly[] {
  const d = coefficients.length - 1;
  if (d < 1) return [];
  const ring = coefficients[0]!.ring;
  const zero = Poly.zero(ring);
  const a = (k: number) => (k >= 0 && k <= d ? coefficients[k]! : zero);
  const h: Poly[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => a(2 * (j + 1) - (i + 1))));
  const minors: Poly[] = [];
  let previous = Poly.constant(ring, Rational.ONE);
  for (let k = 0; k < d; k++) {
    // H's last column is (0, …, 0, ad), so Δd = ad·Δ(d−1): one product instead of the dearest step.
    const pivot = k === d - 1 && k > 0 ? a(d).mul(minors[k - 1]!) : h[k]![k]!;
    minors.push(pivot);
    if (pivot.isZero()) break;
    if (k >= d - 2) continue; // the elimination after it would only feed Δd
    for (let i = k + 1; i < d; i++) {
      for (let j = k + 1; j < d; j++) {
        const cross = Poly.sumOfProducts(ring, [[pivot, h[i]![j]!], [h[i]![k]!.neg(), h[k]![j]!]]);
        const next = divideExact(cross, previous);
        if (next === null) throw new Error('Bareiss: a division that must be exact was not (internal error)');
        h[i]![j] = next;
      }
    }
    previous = pivot;
  }
  return minors;
}
