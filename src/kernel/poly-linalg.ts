/**
 * The kernel's own linear algebra over polynomials in symbols (trust argument: check.ts; issue 10):
 * the characteristic polynomial of a matrix of KPolys by Faddeev–LeVerrier (the engine uses
 * Berkowitz, src/family/poly-matrix.ts), exact division, and the Hurwitz determinants by Bareiss's
 * fraction-free elimination with that division. Every polynomial product is charged to the work
 * meter by `mul`; each routine also charges its own operation count before it starts.
 *
 * Example: `kernelCharpoly([[0, -a*c], [1, -s]])` is [1, s, a*c] (λ² + sλ + ac), leading first.
 */
import { Rational } from '../exact/rational.js';
import { charge } from './meter.js';
import { type KPoly, addScaled, addTerm, constant, factorsOf, monomial, mul } from './poly.js';

const ONE = (): KPoly => constant(Rational.ONE);

/** Σ_l a[i][l]·b[l][j]. */
function product(a: KPoly[][], b: KPoly[][], i: number, j: number): KPoly {
  let sum: KPoly = new Map();
  for (let l = 0; l < a.length; l++) if (a[i]![l]!.size > 0 && b[l]![j]!.size > 0) sum = addScaled(sum, mul(a[i]![l]!, b[l]![j]!), Rational.ONE);
  return sum;
}

/**
 * det(λI − A) for a square matrix of polynomials, coefficients LEADING FIRST (c[0] = 1, unlike
 * linalg.ts's `charpoly`), by Faddeev–LeVerrier over ℚ[symbols], where dividing by the integer k
 * is always possible: M_0 = 0; M_k = A·M_(k−1) + c_(k−1)·I, c_k = −tr(A·M_k)/k (k = 1…n).
 */
export function kernelCharpoly(a: KPoly[][]): KPoly[] {
  const n = a.length;
  if (n === 0 || a.some((row) => row.length !== n)) throw new Error(`expected a square matrix, got ${n} rows`);
  charge(n ** 4, `the characteristic polynomial of a ${n}×${n} matrix of polynomials`);
  const c: KPoly[] = [ONE()];
  let M: KPoly[][] = a.map((row) => row.map(() => new Map()));
  for (let k = 1; k <= n; k++) {
    const AM = a.map((_, i) => a.map((__, j) => product(a, M, i, j)));
    M = AM.map((row, i) => row.map((x, j) => (i === j ? addScaled(x, c[k - 1]!, Rational.ONE) : x)));
    let trace: KPoly = new Map();
    for (let i = 0; i < n; i++) trace = addScaled(trace, product(a, M, i, i), Rational.ONE);
    c.push(addScaled(new Map(), trace, Rational.of(-1, k)));
  }
  return c;
}

/**
 * The order of long division: higher degree first, then the sorted factor lists compared name by
 * name, the smaller name first at the first difference (graded lexicographic: a monomial order,
 * so a product's leading term is the product of the leading terms).
 */
function precedes(x: string[], y: string[]): boolean {
  if (x.length !== y.length) return x.length > y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

function leading(p: KPoly): [string[], Rational] {
  let best: [string[], Rational] | null = null;
  for (const [m, c] of p) {
    const f = factorsOf(m);
    if (best === null || precedes(f, best[0])) best = [f, c];
  }
  return best!;
}

/** Monomials (with their factor lists) in a binary heap, leading first: one pop per quotient term, not a scan. */
class LeadingFirst {
  private readonly items: Array<[string, string[]]> = [];
  push(m: string): void {
    const a = this.items;
    const item: [string, string[]] = [m, factorsOf(m)];
    let i = a.push(item) - 1;
    for (; i > 0 && precedes(item[1], a[(i - 1) >> 1]![1]); i = (i - 1) >> 1) a[i] = a[(i - 1) >> 1]!;
    a[i] = item;
  }
  pop(): [string, string[]] {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length === 0) return top;
    let i = 0;
    for (let child = 1; child < a.length; child = 2 * i + 1) {
      if (child + 1 < a.length && precedes(a[child + 1]![1], a[child]![1])) child++;
      if (!precedes(a[child]![1], last[1])) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = last;
    return top;
  }
}

/** x / y for sorted factor lists, or null when y does not divide x. */
function divideFactors(x: string[], y: string[]): string[] | null {
  const out: string[] = [];
  let j = 0;
  for (const v of x) {
    if (j < y.length && v === y[j]) j++;
    else if (j < y.length && v > y[j]!) return null;
    else out.push(v);
  }
  return j === y.length ? out : null;
}

/** p / q when q divides p exactly, else null (a leading term of the remainder not divisible by lead(q) proves q ∤ p). */
export function kernelDivide(p: KPoly, q: KPoly): KPoly | null {
  if (q.size === 0) throw new Error('division by the zero polynomial');
  const [lm, lc] = leading(q);
  const rest: KPoly = new Map(p);
  const heap = new LeadingFirst();
  for (const m of rest.keys()) heap.push(m);
  const quotient: KPoly = new Map();
  while (rest.size > 0) {
    const [m, f] = heap.pop();
    const c = rest.get(m);
    if (c === undefined) continue; // cancelled since it was pushed
    charge(q.size, `a step of a division by a polynomial with ${q.size} terms`);
    const t = divideFactors(f, lm);
    if (t === null) return null;
    const factor = c.div(lc);
    addTerm(quotient, monomial(t.slice()), factor);
    for (const [n, d] of q) {
      const at = monomial([...factorsOf(n), ...t]);
      if (!rest.has(at)) heap.push(at);
      addTerm(rest, at, d.mul(factor).neg());
    }
  }
  return quotient;
}

/**
 * The leading principal minors Δ1…Δd of the Hurwitz matrix (H_ij = a_(2j−i), 1-based) of
 * a0·λ^d + … + ad (`coeffs` leading first), by Bareiss without row exchanges: the k-th pivot is
 * Δ_k. Stops after the first minor that is identically 0 (no value of the symbols makes all > 0).
 */
export function kernelHurwitzDeterminants(coeffs: KPoly[]): KPoly[] {
  const d = coeffs.length - 1;
  if (d < 1) return [];
  charge(d ** 3, `the Hurwitz determinants of a degree-${d} polynomial`);
  const a = (k: number): KPoly => (k >= 0 && k <= d ? coeffs[k]! : new Map());
  const h = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => a(2 * (j + 1) - (i + 1))));
  const minors: KPoly[] = [];
  let previous = ONE();
  for (let k = 0; k < d; k++) {
    // The last column of H is (0, …, 0, ad): expanding along it, Δd = ad·Δ(d−1).
    const pivot = k === d - 1 && k > 0 ? mul(a(d), minors[k - 1]!) : h[k]![k]!;
    minors.push(pivot);
    if (pivot.size === 0) break;
    if (k >= d - 2) continue;
    for (let i = k + 1; i < d; i++) {
      for (let j = k + 1; j < d; j++) {
        const cross = addScaled(mul(pivot, h[i]![j]!), mul(h[i]![k]!, h[k]![j]!), Rational.MINUS_ONE);
        const next = kernelDivide(cross, previous);
        if (next === null) throw new Error('Bareiss: a division that must be exact was not (internal error)');
        h[i]![j] = next;
      }
    }
    previous = pivot;
  }
  return minors;
}
