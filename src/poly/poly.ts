/**
 * Sparse multivariate polynomials with exact rational coefficients over a named `Ring`.
 *
 * Example:
 *   const R = new Ring(['a', 'b']);
 *   const [a, b] = [Poly.variable(R, 0), Poly.variable(R, 1)];
 *   a.mul(b).sub(a.pow(2)).toString() === '-a^2 + a*b'
 *
 * Values are immutable; every operation returns a new polynomial. Terms live in a Map from
 * monomial (see monomial.ts) to a nonzero coefficient, so two equal polynomials have equal maps.
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
  sortMonomial,
} from './monomial.js';
import { Ring } from './ring.js';

type Terms = Map<Monomial, Rational>;

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
  /** Monomial → nonzero coefficient. Treat as read-only. */
  readonly terms: ReadonlyMap<Monomial, Rational>;

  private constructor(ring: Ring, terms: Terms) {
    this.ring = ring;
    this.terms = terms;
  }

  /** Wraps a term map built by the caller; zero coefficients are dropped. */
  static fromTerms(ring: Ring, terms: Iterable<[Monomial, Rational]>): Poly {
    const t: Terms = new Map();
    for (const [m, c] of terms) addTerm(t, m, c);
    return new Poly(ring, t);
  }

  static zero(ring: Ring): Poly {
    return new Poly(ring, new Map());
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
      for (const [m, c] of p.terms) addTerm(t, m, c);
    }
    return new Poly(ring, t);
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
    Poly.sameRing(this.ring, o);
    if (this.terms.size !== o.terms.size) return false;
    for (const [m, c] of this.terms) {
      const d = o.terms.get(m);
      if (d === undefined || !d.equals(c)) return false;
    }
    return true;
  }

  add(o: Poly): Poly {
    Poly.sameRing(this.ring, o);
    const t: Terms = new Map(this.terms);
    for (const [m, c] of o.terms) addTerm(t, m, c);
    return new Poly(this.ring, t);
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
    const t: Terms = new Map();
    for (const [m, d] of this.terms) t.set(m, d.mul(c));
    return new Poly(this.ring, t);
  }

  mul(o: Poly): Poly {
    Poly.sameRing(this.ring, o);
    const t: Terms = new Map();
    for (const [m1, c1] of this.terms) {
      for (const [m2, c2] of o.terms) addTerm(t, multiplyMonomials(m1, m2), c1.mul(c2));
    }
    return new Poly(this.ring, t);
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
    const t: Terms = new Map();
    for (const [m, c] of this.terms) {
      const at = m.indexOf(code);
      if (at < 0) continue;
      const e = exponentOf(m, index);
      addTerm(t, m.slice(0, at) + m.slice(at + 1), c.mul(Rational.fromBigInt(BigInt(e))));
    }
    return new Poly(this.ring, t);
  }

  /**
   * All partial derivatives `[∂/∂x_v for v of variables]` in one pass over the terms: each term
   * feeds only the derivatives of the variables it contains, so the cost is terms × degree, not
   * terms × variables.
   */
  gradient(variables: readonly number[]): Poly[] {
    const slot = new Map<number, number>();
    variables.forEach((v, i) => slot.set(v, i));
    const out: Terms[] = variables.map(() => new Map());
    for (const [m, c] of this.terms) {
      forEachFactor(m, (v, e, start) => {
        const s = slot.get(v);
        if (s === undefined) return;
        const rest = m.slice(0, start) + m.slice(start + 1);
        addTerm(out[s]!, rest, e === 1 ? c : c.mul(Rational.fromBigInt(BigInt(e))));
      });
    }
    return out.map((t) => new Poly(this.ring, t));
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
    return new Poly(this.ring, t);
  }

  /**
   * Simultaneous substitution of variables by variables: `target[v]` is the new index of
   * variable v (or v itself). Used for ξ := θ, where it is far cheaper than `substitute`.
   */
  renameVariables(target: ReadonlyMap<number, number>): Poly {
    const t: Terms = new Map();
    for (const [m, c] of this.terms) {
      let changed = false;
      const codes: number[] = new Array(m.length);
      for (let i = 0; i < m.length; i++) {
        const v = m.charCodeAt(i);
        const w = target.get(v);
        if (w !== undefined && w !== v) changed = true;
        codes[i] = w ?? v;
      }
      addTerm(t, changed ? sortMonomial(codes) : m, c);
    }
    return new Poly(this.ring, t);
  }

  /** Exact value at a point given as `value(variableIndex)`. */
  evaluate(value: (index: number) => Rational): Rational {
    let total = Rational.ZERO;
    for (const [m, c] of this.terms) {
      let term = c;
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
