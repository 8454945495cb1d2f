/**
 * Sparse multivariate polynomials with exact rational coefficients over a named `Ring`.
 *
 * Example:
 *   const R = new Ring(['a', 'b']);
 *   const [a, b] = [Poly.variable(R, 0), Poly.variable(R, 1)];
 *   a.mul(b).sub(a.pow(2)).toString() === '-a^2 + a*b'
 *
 * Values are immutable; every operation returns a new polynomial. Terms map each monomial (see
 * monomial.ts) to a nonzero coefficient, so two equal polynomials have the same terms. They are
 * held in a Map when built by accumulation, or in a TermList (term-list.ts) when built without
 * lookups; both read like a Map. Small rationals, monomials of degree ≤ 2 and each ring's zero
 * polynomial are shared objects, which keeps Jacobians of millions of terms small (issue 5,
 * docs/benchmarks.md).
 */
import { Rational } from '../exact/rational.js';
import {
  type Monomial,
  ONE_MONOMIAL,
  compareMonomials,
  exponentOf,
  forEachFactor,
  monomialOfVariable,
  multiplyMonomials,
  removeCodeAt,
  sortMonomial,
} from './monomial.js';
import { Ring } from './ring.js';
import { packMonomial, shortMonomialIndex } from './monomial-index.js';
import { asTermList, TermList } from './term-list.js';

/** A map under construction (lookups needed). Finished polynomials hold a Map or a TermList. */
type Terms = Map<Monomial, Rational>;
type TermStore = ReadonlyMap<Monomial, Rational>;

/** The integers 0, 1, 2, … as Rationals, made once (exponents brought down by ∂). */
const INTEGERS: Rational[] = [];
function integer(k: number): Rational {
  return (INTEGERS[k] ??= Rational.fromBigInt(BigInt(k)));
}

/** Above this many terms to merge into a list, `linearCombination` uses a map instead. */
const LIST_MERGE_LIMIT = 16;

/** One zero polynomial per ring, shared: Jacobians of linear models are mostly zero entries. */
const ZEROS = new WeakMap<Ring, Poly>();

function addTerm(terms: Terms, m: Monomial, c: Rational): void {
  if (c.isZero()) return;
  const old = terms.get(m);
  if (old === undefined) {
    terms.set(m, c);
    return;
  }
  const sum = old.add(c);
  if (sum.isZero()) terms.delete(m);
  else terms.set(m, sum);
}

export class Poly {
  readonly ring: Ring;
  /**
   * Monomial → nonzero coefficient. Read-only: a Map, or a TermList (term-list.ts) for results
   * built without lookups (derivatives, gradients, scalings); both have the Map reading API.
   */
  readonly terms: ReadonlyMap<Monomial, Rational>;

  private constructor(ring: Ring, terms: TermStore) {
    this.ring = ring;
    this.terms = terms;
  }

  /** Wraps a term map built by the caller; zero coefficients are dropped. */
  static fromTerms(ring: Ring, terms: Iterable<[Monomial, Rational]>): Poly {
    const t: Terms = new Map();
    for (const [m, c] of terms) addTerm(t, m, c);
    return Poly.wrap(ring, t);
  }

  /**
   * Wraps terms whose monomials the caller guarantees distinct (no lookups; zero coefficients
   * are dropped). Use `fromTerms` when keys may repeat.
   */
  static fromDistinctTerms(ring: Ring, terms: Iterable<readonly [Monomial, Rational]>): Poly {
    const monomials: Monomial[] = [];
    const coefficients: Rational[] = [];
    for (const [m, c] of terms) {
      if (c.isZero()) continue;
      monomials.push(m);
      coefficients.push(c);
    }
    return Poly.wrap(ring, new TermList(monomials, coefficients));
  }

  /**
   * Takes ownership of two parallel arrays of terms whose monomials the caller guarantees
   * distinct (zero coefficients are dropped). The arrays must not be modified afterwards.
   */
  static fromDistinctArrays(ring: Ring, monomials: Monomial[], coefficients: Rational[]): Poly {
    if (coefficients.some((c) => c.isZero())) {
      return Poly.fromDistinctTerms(ring, monomials.map((m, k) => [m, coefficients[k]!] as const));
    }
    return Poly.wrap(ring, new TermList(monomials, coefficients));
  }

  static zero(ring: Ring): Poly {
    let z = ZEROS.get(ring);
    if (z === undefined) ZEROS.set(ring, (z = new Poly(ring, new Map())));
    return z;
  }

  /** Wraps `terms` (not copied; no zero coefficients), or the shared zero when there are none. */
  private static wrap(ring: Ring, terms: TermStore | undefined): Poly {
    return terms === undefined || terms.size === 0 ? Poly.zero(ring) : new Poly(ring, terms);
  }

  static constant(ring: Ring, c: Rational): Poly {
    return Poly.fromTerms(ring, [[ONE_MONOMIAL, c]]);
  }

  static variable(ring: Ring, index: number): Poly {
    if (!Number.isInteger(index) || index < 0 || index >= ring.size) {
      throw new RangeError(`no variable ${index} in a ring of ${ring.size}`);
    }
    return new Poly(ring, new Map([[monomialOfVariable(index), Rational.ONE]]));
  }

  /** Sum of many polynomials, accumulated in one map (much cheaper than chained `add`). */
  static sum(ring: Ring, polys: Iterable<Poly>): Poly {
    const t: Terms = new Map();
    for (const p of polys) {
      Poly.sameRing(ring, p);
      const { monomials: ms, coefficients: cs } = asTermList(p.terms);
      for (let i = 0; i < ms.length; i++) addTerm(t, ms[i]!, cs[i]!);
    }
    return Poly.wrap(ring, t);
  }

  /**
   * Σ c_k·p_k, for `parts` = [[p_1, c_1], …], in one pass (no intermediate polynomials).
   *
   * Example: `Poly.linearCombination(R, [[g, q(-1)], [x, q(-1, 10)]])` is −g − x/10.
   */
  static linearCombination(ring: Ring, parts: Iterable<readonly [Poly, Rational]>): Poly {
    const nonzero: Array<readonly [Poly, Rational]> = [];
    let rest = 0; // terms after the largest part
    for (const part of parts) {
      Poly.sameRing(ring, part[0]);
      if (!part[1].isZero() && !part[0].isZero()) nonzero.push(part);
    }
    if (nonzero.length === 0) return Poly.zero(ring);
    let largest = 0;
    nonzero.forEach(([p], k) => {
      if (p.size > nonzero[largest]![0].size) largest = k;
    });
    nonzero.forEach(([p], k) => {
      if (k !== largest) rest += p.size;
    });
    // Typical field component: one large part (a gradient) plus a few terms (decay), or plus a
    // smaller polynomial (GD's ∂F/∂ξ). The large part's keys are distinct: copy it, scaled, and
    // merge the others into the copy, finding keys by a scan when they are few, through a packed
    // index of short monomials otherwise, and in a Map only when neither applies.
    const [big, factor] = nonzero[largest]!;
    const source = asTermList(big.terms);
    const index = rest > LIST_MERGE_LIMIT ? shortMonomialIndex(source.monomials) : null;
    if (rest > LIST_MERGE_LIMIT && index === null) {
      const t: Terms = new Map();
      for (const [p, c] of nonzero) {
        const { monomials: ms, coefficients: cs } = asTermList(p.terms);
        for (let i = 0; i < ms.length; i++) addTerm(t, ms[i]!, c.isOne() ? cs[i]! : cs[i]!.mul(c));
      }
      return Poly.wrap(ring, t);
    }
    const monomials: Monomial[] = source.monomials.slice();
    const coefficients: Rational[] = factor.isOne() ? source.coefficients.slice() : source.coefficients.map((d) => d.mul(factor));
    const added = new Map<Monomial, number>(); // positions of keys the large part does not have (index path)
    let cancelled = false;
    nonzero.forEach(([p, c], k) => {
      if (k === largest) return;
      const { monomials: ms, coefficients: cs } = asTermList(p.terms);
      for (let i = 0; i < ms.length; i++) {
        const m = ms[i]!;
        const v = c.isOne() ? cs[i]! : cs[i]!.mul(c);
        let at = index === null ? monomials.indexOf(m) : index.get(packMonomial(m));
        if (index !== null && at < 0) at = added.get(m) ?? -1;
        if (at < 0) {
          if (index !== null) added.set(m, monomials.length);
          monomials.push(m);
          coefficients.push(v);
          continue;
        }
        const sum = coefficients[at]!.add(v);
        coefficients[at] = sum;
        if (sum.isZero()) cancelled = true;
      }
    });
    if (cancelled) {
      const keep = coefficients.map((c) => !c.isZero());
      return Poly.wrap(ring, new TermList(monomials.filter((_, k) => keep[k]), coefficients.filter((_, k) => keep[k])));
    }
    return Poly.wrap(ring, new TermList(monomials, coefficients));
  }

  /**
   * Σ a_k·b_k accumulated in one map, for `pairs` = [[a_1, b_1], …]: no intermediate products.
   *
   * Example: `Poly.sumOfProducts(R, [[a, b], [a, a]])` is a·b + a².
   */
  static sumOfProducts(ring: Ring, pairs: Iterable<readonly [Poly, Poly]>): Poly {
    const t: Terms = new Map();
    for (const [a, b] of pairs) {
      Poly.sameRing(ring, a);
      Poly.sameRing(ring, b);
      const x = asTermList(a.terms);
      const y = asTermList(b.terms);
      for (let i = 0; i < x.monomials.length; i++) {
        const [m1, c1] = [x.monomials[i]!, x.coefficients[i]!];
        for (let j = 0; j < y.monomials.length; j++) addTerm(t, multiplyMonomials(m1, y.monomials[j]!), c1.mul(y.coefficients[j]!));
      }
    }
    return Poly.wrap(ring, t);
  }

  private static sameRing(ring: Ring, p: Poly): void {
    if (p.ring !== ring) throw new Error('polynomials of different rings');
  }

  get size(): number {
    return this.terms.size;
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The constant term (zero when absent). */
  constantTerm(): Rational {
    return this.terms.get(ONE_MONOMIAL) ?? Rational.ZERO;
  }

  /** True when the polynomial is a constant (possibly zero). */
  isConstant(): boolean {
    return this.terms.size === 0 || (this.terms.size === 1 && this.terms.has(ONE_MONOMIAL));
  }

  degree(): number {
    let d = this.terms.size === 0 ? -1 : 0;
    for (const m of this.terms.keys()) if (m.length > d) d = m.length;
    return d;
  }

  /** Indices of the variables that occur, ascending. */
  variables(): number[] {
    const seen = new Set<number>();
    for (const m of this.terms.keys()) for (let i = 0; i < m.length; i++) seen.add(m.charCodeAt(i));
    return [...seen].sort((a, b) => a - b);
  }

  equals(o: Poly): boolean {
    return this.equalsScaled(o, Rational.ONE);
  }

  /**
   * True when this = c·o as polynomials, compared term by term without building c·o.
   *
   * Example: `a.scale(q(2)).equalsScaled(a, q(2))` is true.
   */
  equalsScaled(o: Poly, c: Rational): boolean {
    Poly.sameRing(this.ring, o);
    if (this.terms.size !== o.terms.size) return false;
    if (this.terms.size === 0) return true;
    if (c.isZero()) return false;
    const same = (mine: Rational | undefined, theirs: Rational | undefined): boolean =>
      mine !== undefined && theirs !== undefined && (c.isOne() ? mine.equals(theirs) : mine.equals(theirs.mul(c)));
    // Look keys up in a Map when one side is a Map, or is small enough to scan; two large
    // lists get a throwaway index (a cached one would outlive a one-off comparison).
    if (this.terms instanceof TermList && !(o.terms instanceof TermList)) {
      const { monomials: ms, coefficients: cs } = this.terms;
      for (let i = 0; i < ms.length; i++) if (!same(cs[i], o.terms.get(ms[i]!))) return false;
      return true;
    }
    if (this.terms instanceof TermList && this.terms.size > TermList.SCAN_LIMIT) {
      const index = shortMonomialIndex(this.terms.monomials);
      if (index !== null) {
        const mine = this.terms.coefficients;
        const { monomials: ms, coefficients: cs } = asTermList(o.terms);
        for (let i = 0; i < ms.length; i++) {
          const at = index.get(packMonomial(ms[i]!));
          if (at < 0 || !same(mine[at], cs[i])) return false;
        }
        return true;
      }
    }
    let lookup: ReadonlyMap<Monomial, Rational> = this.terms;
    if (this.terms instanceof TermList && this.terms.size > TermList.SCAN_LIMIT) {
      const index: Terms = new Map();
      const { monomials: ms, coefficients: cs } = this.terms;
      for (let i = 0; i < ms.length; i++) index.set(ms[i]!, cs[i]!);
      lookup = index;
    }
    const { monomials: ms, coefficients: cs } = asTermList(o.terms);
    for (let i = 0; i < ms.length; i++) if (!same(lookup.get(ms[i]!), cs[i])) return false;
    return true;
  }

  add(o: Poly): Poly {
    return Poly.linearCombination(this.ring, [
      [this, Rational.ONE],
      [o, Rational.ONE],
    ]);
  }

  sub(o: Poly): Poly {
    return this.add(o.neg());
  }

  neg(): Poly {
    return this.scale(Rational.MINUS_ONE);
  }

  scale(c: Rational): Poly {
    if (c.isZero()) return Poly.zero(this.ring);
    if (c.isOne()) return this;
    // Keys are already distinct and c ≠ 0, so no term can cancel: a list, no lookups.
    const source = asTermList(this.terms);
    return Poly.wrap(this.ring, new TermList(source.monomials.slice(), source.coefficients.map((d) => d.mul(c))));
  }

  mul(o: Poly): Poly {
    return Poly.sumOfProducts(this.ring, [[this, o]]);
  }

  /** Non-negative integer power, by repeated squaring. */
  pow(k: number): Poly {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`power must be a non-negative integer, got ${k}`);
    let result = Poly.constant(this.ring, Rational.ONE);
    let base: Poly = this;
    while (k > 0) {
      if (k & 1) result = result.mul(base);
      k >>= 1;
      if (k > 0) base = base.mul(base);
    }
    return result;
  }

  /** ∂/∂x_index. */
  derivative(index: number): Poly {
    const code = String.fromCharCode(index);
    const monomials: Monomial[] = [];
    const coefficients: Rational[] = [];
    const { monomials: ms, coefficients: cs } = asTermList(this.terms);
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      const at = m.indexOf(code);
      if (at < 0) continue;
      const e = exponentOf(m, index);
      // Distinct monomials containing x stay distinct once one x is removed: a list, no lookups.
      monomials.push(removeCodeAt(m, at));
      coefficients.push(e === 1 ? cs[i]! : cs[i]!.mul(integer(e)));
    }
    return Poly.wrap(this.ring, new TermList(monomials, coefficients));
  }

  /**
   * All partial derivatives `[∂/∂x_v for v of variables]` in one pass over the terms: each term
   * feeds only the derivatives of the variables it contains, so the cost is terms × degree, not
   * terms × variables.
   */
  gradient(variables: readonly number[]): Poly[] {
    return Poly.gradients([this], variables)[0]!;
  }

  /**
   * The gradients of many polynomials over the same variables (a Jacobian when `polys` is a
   * field): `Poly.gradients(V, x)[i][j]` is ∂V_i/∂x_j. One pass over each polynomial's terms, as
   * in `gradient`; the variable table is built once for all rows, and an entry with no term is
   * the ring's shared zero.
   */
  static gradients(polys: readonly Poly[], variables: readonly number[]): Poly[][] {
    let top = -1;
    for (const v of variables) if (v > top) top = v;
    const slot = new Int32Array(top + 1).fill(-1);
    const repeats: Array<[number, number]> = []; // [position, first position of the same variable]
    variables.forEach((v, i) => {
      if (slot[v] === -1) slot[v] = i;
      else repeats.push([i, slot[v]!]);
    });
    const counts = new Int32Array(variables.length);
    const filled = new Int32Array(variables.length);
    return polys.map((p) => {
      // First count each derivative's terms, so that its arrays are allocated once at their
      // final size (growing them by push leaves garbage and slack behind: 19 million terms at
      // d = 16). Most entries of a linear model's Jacobian stay empty and get no list at all.
      counts.fill(0);
      const { monomials: ms, coefficients: cs } = asTermList(p.terms);
      for (let k = 0; k < ms.length; k++) {
        const m = ms[k]!;
        let i = 0;
        while (i < m.length) {
          const v = m.charCodeAt(i);
          let j = i + 1;
          while (j < m.length && m.charCodeAt(j) === v) j++;
          const s = v <= top ? slot[v]! : -1;
          if (s >= 0) counts[s]!++;
          i = j;
        }
      }
      const out: Array<TermList | undefined> = new Array(variables.length).fill(undefined);
      for (let s = 0; s < variables.length; s++) {
        if (counts[s]! > 0) out[s] = new TermList(new Array<Monomial>(counts[s]!), new Array<Rational>(counts[s]!));
      }
      filled.fill(0);
      for (let k = 0; k < ms.length; k++) {
        const m = ms[k]!;
        const c = cs[k]!;
        let i = 0;
        while (i < m.length) {
          const v = m.charCodeAt(i);
          let j = i + 1;
          while (j < m.length && m.charCodeAt(j) === v) j++;
          const s = v <= top ? slot[v]! : -1;
          if (s >= 0) {
            // Distinct monomials containing x_v stay distinct with one x_v removed, so each
            // output key is new: no lookups (and c ≠ 0, so nothing cancels).
            const list = out[s]!;
            const at = filled[s]!++;
            list.monomials[at] = removeCodeAt(m, i);
            list.coefficients[at] = j - i === 1 ? c : c.mul(integer(j - i));
          }
          i = j;
        }
      }
      const row = out.map((t) => Poly.wrap(p.ring, t));
      for (const [i, first] of repeats) row[i] = row[first]!;
      return row;
    });
  }

  /** Replaces variable `index` by the polynomial `value`. */
  substitute(index: number, value: Poly): Poly {
    Poly.sameRing(this.ring, value);
    const code = String.fromCharCode(index);
    const powers: Poly[] = [Poly.constant(this.ring, Rational.ONE)];
    const t: Terms = new Map();
    for (const [m, c] of this.terms) {
      const at = m.indexOf(code);
      if (at < 0) {
        addTerm(t, m, c);
        continue;
      }
      const e = exponentOf(m, index);
      while (powers.length <= e) powers.push(powers[powers.length - 1]!.mul(value));
      const rest = m.slice(0, at) + m.slice(at + e);
      for (const [pm, pc] of powers[e]!.terms) addTerm(t, multiplyMonomials(rest, pm), c.mul(pc));
    }
    return Poly.wrap(this.ring, t);
  }

  /**
   * Simultaneous substitution of variables by variables: `target[v]` is the new index of
   * variable v (or v itself). Used for ξ := θ, where it is far cheaper than `substitute`.
   */
  renameVariables(target: ReadonlyMap<number, number>): Poly {
    let top = -1;
    for (const v of target.keys()) if (v > top) top = v;
    const to = new Int32Array(top + 1).fill(-1);
    for (const [v, w] of target) if (w !== v) to[v] = w;
    // Terms with no renamed variable keep their (distinct) monomials: a list, no lookups. Only
    // renamed terms, a small share for ξ := θ, are accumulated in a map, since two of them, or
    // one of them and a kept term, may meet (T_ij·A_kl and A_ij·T_kl both become A_ij·A_kl).
    const keptMonomials: Monomial[] = [];
    const keptCoefficients: Rational[] = [];
    const moved: Terms = new Map();
    const codes: number[] = [];
    const { monomials: ms, coefficients: cs } = asTermList(this.terms);
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k]!;
      let changed = false;
      codes.length = m.length;
      for (let i = 0; i < m.length; i++) {
        const v = m.charCodeAt(i);
        const w = v <= top ? to[v]! : -1;
        if (w >= 0) changed = true;
        codes[i] = w >= 0 ? w : v;
      }
      if (changed) addTerm(moved, sortMonomial(codes), cs[k]!);
      else {
        keptMonomials.push(m);
        keptCoefficients.push(cs[k]!);
      }
    }
    if (moved.size === 0) return Poly.wrap(this.ring, new TermList(keptMonomials, keptCoefficients));
    const monomials: Monomial[] = [];
    const coefficients: Rational[] = [];
    for (let k = 0; k < keptMonomials.length; k++) {
      const m = keptMonomials[k]!;
      let c = keptCoefficients[k]!;
      const d = moved.get(m);
      if (d !== undefined) {
        moved.delete(m);
        c = c.add(d);
        if (c.isZero()) continue;
      }
      monomials.push(m);
      coefficients.push(c);
    }
    for (const [m, c] of moved) {
      monomials.push(m);
      coefficients.push(c);
    }
    return Poly.wrap(this.ring, new TermList(monomials, coefficients));
  }

  /** Exact value at a point given as `value(variableIndex)`. */
  evaluate(value: (index: number) => Rational): Rational {
    let total = Rational.ZERO;
    const { monomials: ms, coefficients: cs } = asTermList(this.terms);
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k]!;
      let term = cs[k]!;
      for (let i = 0; i < m.length; i++) term = term.mul(value(m.charCodeAt(i)));
      total = total.add(term);
    }
    return total;
  }

  /** Terms in canonical order (degree descending, then lexicographic in variable index). */
  sortedTerms(): Array<[Monomial, Rational]> {
    return [...this.terms].sort((x, y) => compareMonomials(x[0], y[0]));
  }

  /**
   * Canonical text, parseable by common CAS: `3/2*A_1_1^2*B_1_2 - A_1_2 + 1/3`.
   * Same polynomial, same string.
   */
  toString(): string {
    if (this.terms.size === 0) return '0';
    const names = this.ring.names;
    let out = '';
    for (const [m, c] of this.sortedTerms()) {
      const negative = c.sign() < 0;
      const mag = c.abs();
      const factors: string[] = [];
      forEachFactor(m, (v, e) => factors.push(e === 1 ? names[v]! : `${names[v]}^${e}`));
      let body: string;
      if (factors.length === 0) body = mag.toString();
      else if (mag.isOne()) body = factors.join('*');
      else body = `${mag.toString()}*${factors.join('*')}`;
      if (out === '') out = negative ? `-${body}` : body;
      else out += negative ? ` - ${body}` : ` + ${body}`;
    }
    return out;
  }
}
