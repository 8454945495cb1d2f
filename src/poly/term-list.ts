/**
 * The terms of a polynomial built without lookups, as two parallel arrays, behind the read-only
 * Map interface every caller already uses (`p.terms.get(m)`, `for (const [m, c] of p.terms)`).
 *
 * Example: `new TermList(['\u0000'], [q(2)]).get('\u0000')` is 2.
 *
 * Why: a derivative, a gradient or a scaling produces distinct monomials by construction, so it
 * never needs to look a key up while it builds. A JS Map pays for hashing and growing its table
 * on every insertion; an array push does not, and takes about half the memory. A Jacobian of a
 * d = 16 model has about 19 million terms, which made Map insertion the largest single cost of
 * the kernel (docs/benchmarks.md, "Performance (issue 5)"). Lookups, which few callers need,
 * build an index on first use.
 *
 * Invariants (the producer guarantees them): keys distinct, coefficients nonzero.
 */
import type { Rational } from '../exact/rational.js';
import type { Monomial } from './monomial.js';

export class TermList implements ReadonlyMap<Monomial, Rational> {
  /** At or below this size `get` scans the keys instead of building an index. */
  static readonly SCAN_LIMIT = 8;

  private index: Map<Monomial, Rational> | null = null;

  constructor(
    readonly monomials: Monomial[],
    readonly coefficients: Rational[],
  ) {}

  get size(): number {
    return this.monomials.length;
  }

  get(m: Monomial): Rational | undefined {
    const ms = this.monomials;
    if (ms.length <= TermList.SCAN_LIMIT) {
      for (let i = 0; i < ms.length; i++) if (ms[i] === m) return this.coefficients[i];
      return undefined;
    }
    return this.lookup().get(m);
  }

  has(m: Monomial): boolean {
    return this.get(m) !== undefined;
  }

  private lookup(): Map<Monomial, Rational> {
    if (this.index === null) {
      const index = new Map<Monomial, Rational>();
      for (let i = 0; i < this.monomials.length; i++) index.set(this.monomials[i]!, this.coefficients[i]!);
      this.index = index;
    }
    return this.index;
  }

  forEach(visit: (c: Rational, m: Monomial, map: ReadonlyMap<Monomial, Rational>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.monomials.length; i++) visit.call(thisArg, this.coefficients[i]!, this.monomials[i]!, this);
  }

  *entries(): Generator<[Monomial, Rational], undefined, unknown> {
    for (let i = 0; i < this.monomials.length; i++) yield [this.monomials[i]!, this.coefficients[i]!];
    return undefined;
  }

  *keys(): Generator<Monomial, undefined, unknown> {
    for (let i = 0; i < this.monomials.length; i++) yield this.monomials[i]!;
    return undefined;
  }

  *values(): Generator<Rational, undefined, unknown> {
    for (let i = 0; i < this.coefficients.length; i++) yield this.coefficients[i]!;
    return undefined;
  }

  [Symbol.iterator](): Generator<[Monomial, Rational], undefined, unknown> {
    return this.entries();
  }
}

const EMPTY = new TermList([], []);

/**
 * The terms as two arrays, for the kernel's hot loops (plain indexed loops, which V8 compiles
 * well; a shared callback-taking helper did not, once many callers passed it closures): a
 * TermList as it is, a Map copied into a temporary one in one linear pass. Read-only: never
 * modify the arrays.
 */
export function asTermList(terms: ReadonlyMap<Monomial, Rational>): TermList {
  if (terms instanceof TermList) return terms;
  if (terms.size === 0) return EMPTY;
  return new TermList([...terms.keys()], [...terms.values()]);
}
