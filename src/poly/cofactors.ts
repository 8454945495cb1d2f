/**
 * Cofactors for equilibrium-set and stability certificates: polynomials u, h_j with
 * u·f = Σ_j h_j·g_j, found by search (this file is not trusted: the kernel re-checks every
 * identity). For each given multiplier u, two exact steps:
 *  1. An equation that is a single variable, c·v, takes every term of u·f that contains v.
 *  2. The rest is solved as a linear system in the unknown coefficients of the h_j, over the
 *     monomials m with m·s = t for a term t of the rest and a term s of g_j (a solution whose
 *     terms all show up in the products; enough for the components the engine builds).
 * Failing those, u itself becomes unknown (degree ≤ 1, then ≤ 2, normalised by u(x) = 1), which
 * finds e.g. u = 9·A_1_1 − 3·A_1_2 when two equations share a factor. Every attempt has a size
 * budget, so a hopeless search ends quickly with null.
 * `chartOf` picks equations with independent gradients at a point, greedily.
 *
 * Example: with g = [5/2*a*b - 2*a], `cofactorsOf(-a*b*(5/2*b - 2), g, [0], [1])` is
 * { u: 1, h: Map { 0 → -b } }.
 */
import { Rational } from '../exact/rational.js';
import { rank } from '../exact/linear-algebra.js';
import { Poly } from './poly.js';
import { type Monomial, multiplyMonomials } from './monomial.js';

export interface Cofactors {
  /** The multiplier u (1 for a global identity). */
  u: Poly;
  /** Equation index → h_j; absent means 0. */
  h: Map<number, Poly>;
}

/** Most unknown coefficients in one linear solve, and most elimination steps: beyond, that attempt gives up. */
const MAX_UNKNOWNS = 2000;
const MAX_STEPS = 2_000_000;

/** m / s when s divides m (both sorted code-unit strings), else null. */
export function divide(m: Monomial, s: Monomial): Monomial | null {
  let out = '';
  let j = 0;
  for (let i = 0; i < m.length; i++) {
    if (j < s.length && m[i] === s[j]) j++;
    else if (j < s.length && m[i]! > s[j]!) return null; // s[j] is missing from m
    else out += m[i];
  }
  return j === s.length ? out : null;
}

/** Indices of equations whose gradients at the point are independent, taken greedily in `order`. */
export function chartOf(gradients: readonly Rational[][], order: readonly number[]): number[] {
  const chosen: number[] = [];
  for (const j of order) {
    if (rank([...chosen, j].map((i) => gradients[i]!)) === chosen.length + 1) chosen.push(j);
  }
  return chosen;
}

/** Sparse exact solve of Σ_col a_col·x_col = b per row; free unknowns are 0. Null when inconsistent. */
function solveSparse(rows: Array<{ a: Map<number, Rational>; b: Rational }>): Map<number, Rational> | null {
  const pivots: Array<{ col: number; a: Map<number, Rational>; b: Rational }> = [];
  let steps = 0;
  for (const row of rows) {
    const a = new Map(row.a);
    let b = row.b;
    for (const p of pivots) {
      const f = a.get(p.col);
      if (f === undefined) continue;
      if ((steps += p.a.size) > MAX_STEPS) return null;
      for (const [c, x] of p.a) {
        const y = (a.get(c) ?? Rational.ZERO).sub(f.mul(x));
        if (y.isZero()) a.delete(c);
        else a.set(c, y);
      }
      b = b.sub(f.mul(p.b));
    }
    if (a.size === 0) {
      if (!b.isZero()) return null;
      continue;
    }
    const [col, lead] = a.entries().next().value as [number, Rational];
    const inv = lead.inv();
    for (const [c, x] of a) a.set(c, x.mul(inv));
    pivots.push({ col, a, b: b.mul(inv) });
  }
  const x = new Map<number, Rational>();
  for (let i = pivots.length - 1; i >= 0; i--) {
    const p = pivots[i]!;
    let v = p.b;
    for (const [c, y] of p.a) if (c !== p.col) v = v.sub(y.mul(x.get(c) ?? Rational.ZERO));
    x.set(p.col, v);
  }
  return x;
}

/**
 * Unknowns a_i and c_(j,m) with Σ_i a_i·s_i = Σ c_(j,m)·m·g_j (j ∈ allowed) and Σ_i a_i·w_i = 1,
 * over the monomials m with m·(term of g_j) = (term of some s_i); null when there is no solution.
 */
function solveIdentity(sources: readonly Poly[], weights: readonly Rational[], equations: readonly Poly[], allowed: readonly number[]): { a: Rational[]; h: Map<number, Poly> } | null {
  // First with divisors among the equations' leading-degree terms only (few unknowns, usually
  // enough), then with every term.
  return solveOver(sources, weights, equations, allowed, true) ?? solveOver(sources, weights, equations, allowed, false);
}

function solveOver(sources: readonly Poly[], weights: readonly Rational[], equations: readonly Poly[], allowed: readonly number[], leading: boolean): { a: Rational[]; h: Map<number, Poly> } | null {
  const unknowns: Array<[number, Monomial]> = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const t of source.terms.keys()) {
      for (const j of allowed) {
        const degree = equations[j]!.degree();
        for (const s of equations[j]!.terms.keys()) {
          if (leading && s.length < degree) continue;
          const m = divide(t, s);
          if (m === null || seen.has(`${j}:${m}`)) continue;
          seen.add(`${j}:${m}`);
          unknowns.push([j, m]);
          if (unknowns.length > MAX_UNKNOWNS) return null;
        }
      }
    }
  }
  const rowOf = new Map<Monomial, Map<number, Rational>>();
  const add = (m: Monomial, col: number, c: Rational) => {
    const row = rowOf.get(m) ?? rowOf.set(m, new Map()).get(m)!;
    row.set(col, (row.get(col) ?? Rational.ZERO).add(c));
  };
  sources.forEach((source, i) => source.terms.forEach((c, m) => add(m, i, c)));
  unknowns.forEach(([j, m], k) => equations[j]!.terms.forEach((c, s) => add(multiplyMonomials(m, s), sources.length + k, c.neg())));
  const rows = [...rowOf.values()].map((a) => ({ a: new Map([...a].filter(([, c]) => !c.isZero())), b: Rational.ZERO }));
  rows.push({ a: new Map(weights.flatMap((w, i) => (w.isZero() ? [] : [[i, w] as [number, Rational]]))), b: Rational.ONE });
  const x = solveSparse(rows);
  if (!x) return null;
  const terms = new Map<number, Array<[Monomial, Rational]>>();
  unknowns.forEach(([j, m], k) => {
    const c = x.get(sources.length + k);
    if (c && !c.isZero()) (terms.get(j) ?? terms.set(j, []).get(j)!).push([m, c]);
  });
  const ring = sources[0]!.ring;
  return { a: sources.map((_, i) => x.get(i) ?? Rational.ZERO), h: new Map([...terms].map(([j, t]) => [j, Poly.fromTerms(ring, t)])) };
}

/** The monomials of degree 1…d in the variables (the constant is left out: the caller tries 1 first). */
function monomialsUpTo(variables: readonly number[], d: number): Monomial[] {
  let layer: Monomial[] = [''];
  const out: Monomial[] = [];
  for (let k = 1; k <= d; k++) {
    layer = layer.flatMap((m) => variables.filter((v) => m.length === 0 || v >= m.charCodeAt(m.length - 1)).map((v) => m + String.fromCharCode(v)));
    out.push(...layer);
  }
  return out;
}

/**
 * u and h_j (j ∈ allowed) with u·f = Σ h_j·g_j: first each fixed multiplier in turn; then, given
 * the point (`at`), u as an unknown polynomial of degree ≤ 1, then ≤ 2, with u(x) = 1. Null when
 * nothing works. The result is verified here as a polynomial identity before it is returned.
 */
export function cofactorsOf(f: Poly, equations: readonly Poly[], allowed: readonly number[], multipliers: readonly Poly[], at?: (v: number) => Rational): Cofactors | null {
  const ring = f.ring;
  const holds = (u: Poly, h: Map<number, Poly>) => Poly.sum(ring, [...h].map(([j, hj]) => hj.mul(equations[j]!))).equals(u.mul(f));
  const singles = new Map<number, [number, Rational]>(); // variable → (equation, c) for g_j = c·v
  for (const j of allowed) {
    const [[m, c] = ['', Rational.ZERO]] = equations[j]!.terms;
    if (equations[j]!.terms.size === 1 && m.length === 1 && !singles.has(m.charCodeAt(0))) singles.set(m.charCodeAt(0), [j, c]);
  }
  const others = allowed.filter((j) => ![...singles.values()].some(([i]) => i === j));
  for (const u of multipliers) {
    const target = u.mul(f);
    const parts = new Map<number, Array<[Monomial, Rational]>>();
    const rest: Array<[Monomial, Rational]> = [];
    for (const [m, c] of target.terms) {
      const k = [...m].findIndex((ch) => singles.has(ch.charCodeAt(0)));
      if (k < 0) {
        rest.push([m, c]);
        continue;
      }
      const [j, g] = singles.get(m.charCodeAt(k))!;
      (parts.get(j) ?? parts.set(j, []).get(j)!).push([m.slice(0, k) + m.slice(k + 1), c.div(g)]);
    }
    const h = new Map([...parts].map(([j, t]) => [j, Poly.fromTerms(ring, t)]));
    const remainder = Poly.fromTerms(ring, rest);
    let candidate: Map<number, Poly> | null = h;
    if (!remainder.isZero()) {
      const solved = solveIdentity([remainder], [Rational.ONE], equations, others);
      candidate = solved ? merge(h, solved.h) : (solveIdentity([target], [Rational.ONE], equations, allowed)?.h ?? null);
    }
    if (candidate && holds(u, candidate)) return { u, h: candidate };
  }
  if (!at) return null;
  const variables = [...new Set([f, ...allowed.map((j) => equations[j]!)].flatMap((p) => p.variables()))].sort((a, b) => a - b);
  for (const degree of [1, 2, 3]) {
    const monomials = ['', ...monomialsUpTo(variables, degree)];
    const basis = monomials.map((m) => Poly.fromTerms(ring, [[m, Rational.ONE]]));
    const solved = solveIdentity(basis.map((m) => m.mul(f)), basis.map((m) => m.evaluate(at)), equations, allowed);
    if (!solved) continue;
    const u = Poly.sum(ring, basis.map((m, i) => m.scale(solved.a[i]!)));
    if (holds(u, solved.h)) return { u, h: solved.h };
  }
  return null;
}

function merge(a: Map<number, Poly>, b: Map<number, Poly>): Map<number, Poly> {
  const out = new Map(a);
  for (const [j, p] of b) out.set(j, out.has(j) ? out.get(j)!.add(p) : p);
  return out;
}
