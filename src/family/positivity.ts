/**
 * Sign proofs for polynomials in symbols on an assumed domain (issue 10): "Δ2 > 0 for every
 * admissible s, c, τ". The method is deliberately simple, so its certificate is checked by
 * expanding one polynomial (src/kernel/checks/positivity.ts):
 *  - each variable has a sign class: positive (> 0), nonnegative (≥ 0), nonzero (≠ 0) or real;
 *  - an inequality `c < s` becomes the substitution s = c + d with a fresh d > 0 (`c ≤ s`: d ≥ 0);
 *    every point of the domain has such a d, so a sign proved for all d > 0 holds on the domain;
 *  - after substituting, every coefficient has one sign and every monomial is ≥ 0 on the domain
 *    (any power of a positive or nonnegative variable, even powers of nonzero or real ones); for a
 *    strict sign, one monomial is > 0 (built from positive variables and even powers of nonzero
 *    ones only, or the constant 1).
 * The prover tries no substitution first, then larger subsets of the given ones; it returns null
 * when nothing works, never a guess.
 *
 * Example: with s, c positive and `c < s`, `provePositivity(s^2 - c^2, …, 'positive')` expands
 * (c + d)² − c² = 2cd + d²: positive.
 */
import { parsePoly } from '../poly/parse.js';
import { Poly } from '../poly/poly.js';
import { Ring } from '../poly/ring.js';
import { forEachFactor } from '../poly/monomial.js';

export type SignClass = 'positive' | 'nonnegative' | 'nonzero' | 'real';
export type Conclusion = 'positive' | 'nonnegative' | 'negative' | 'nonpositive';

/** target = by, where `by` is r + fresh with r free of targets and of fresh variables. */
export interface Substitution {
  target: string;
  by: string;
  fresh: string;
  freshClass: 'positive' | 'nonnegative';
}

export interface PositivityContext {
  /** A variable's class; a variable not listed is real. */
  signs: ReadonlyMap<string, SignClass>;
  /** Candidate substitutions, from the inequalities assumed (see `inequalitySubstitution`). */
  substitutions: readonly Substitution[];
}

/** Plain JSON: the kernel re-expands `polynomial` under `substitutions` and compares with `expanded`. */
export interface PositivityCertificate {
  polynomial: string;
  conclusion: Conclusion;
  /** The class of every variable of `polynomial` and of every fresh variable. */
  signs: Record<string, SignClass>;
  substitutions: Substitution[];
  expanded: string;
}

/** Subsets of substitutions tried at most: a handful of inequalities gives far fewer. */
const MAX_ATTEMPTS = 256;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The substitution for `lesser < greater` (`≤` when not strict): greater = lesser + fresh, or null
 * when `greater` is not a single variable name. Example: ('c', 's', true, 'd') gives s = c + d, d > 0.
 */
export function inequalitySubstitution(lesser: string, greater: string, strict: boolean, fresh: string): Substitution | null {
  if (!NAME.test(greater.trim())) return null;
  return { target: greater.trim(), by: `${NAME.test(lesser.trim()) ? lesser.trim() : `(${lesser})`} + ${fresh}`, fresh, freshClass: strict ? 'positive' : 'nonnegative' };
}

/** The sign of the coefficients (1, −1; 0 for the zero polynomial) and whether a monomial is > 0, or null when the pattern shows nothing. */
function signPattern(p: Poly, classOf: (name: string) => SignClass): { sign: -1 | 0 | 1; strict: boolean } | null {
  let sign: -1 | 0 | 1 = 0;
  let strict = false;
  for (const [m, c] of p.terms) {
    if (sign !== 0 && c.sign() !== sign) return null;
    sign = c.sign();
    let nonnegative = true;
    let positive = true;
    forEachFactor(m, (v, e) => {
      const k = classOf(p.ring.names[v]!);
      if ((k === 'nonzero' || k === 'real') && e % 2 === 1) nonnegative = false;
      if (k === 'nonnegative' || k === 'real') positive = false;
    });
    if (!nonnegative) return null;
    if (positive) strict = true;
  }
  return { sign, strict };
}

function holds(conclusion: Conclusion, pattern: { sign: -1 | 0 | 1; strict: boolean }): boolean {
  switch (conclusion) {
    case 'positive':
      return pattern.sign === 1 && pattern.strict;
    case 'negative':
      return pattern.sign === -1 && pattern.strict;
    case 'nonnegative':
      return pattern.sign >= 0;
    case 'nonpositive':
      return pattern.sign <= 0;
  }
}

/** The subsets of 0…n−1 by size, then in index order: deterministic, smallest proofs first. */
function* subsets(n: number): Generator<number[]> {
  const grow = function* (size: number, from: number, chosen: number[]): Generator<number[]> {
    if (chosen.length === size) yield chosen.slice();
    else for (let i = from; i < n; i++) yield* grow(size, i + 1, [...chosen, i]);
  };
  for (let size = 0; size <= n; size++) yield* grow(size, 0, []);
}

/** Targets distinct, fresh names new and distinct, no `by` mentioning a chosen target or another's fresh. */
function compatible(chosen: readonly Substitution[], p: Poly, signs: ReadonlyMap<string, SignClass>, byNames: ReadonlyMap<Substitution, Set<string>>): boolean {
  const targets = new Set(chosen.map((s) => s.target));
  const fresh = new Set(chosen.map((s) => s.fresh));
  if (targets.size !== chosen.length || fresh.size !== chosen.length) return false;
  const used = new Set(p.variables().map((v) => p.ring.names[v]!));
  return chosen.every((s) => {
    if (used.has(s.fresh) || targets.has(s.fresh)) return false;
    if ((signs.get(s.fresh) ?? s.freshClass) !== s.freshClass) return false;
    return [...byNames.get(s)!].every((n) => n === s.fresh || (!targets.has(n) && !fresh.has(n)));
  });
}

/**
 * A certificate that p has the sign `want` on the domain of `context`, or null when the method
 * finds none. 'nonzero' is proved as positive or else negative.
 */
export function provePositivity(p: Poly, context: PositivityContext, want: Conclusion | 'nonzero'): PositivityCertificate | null {
  if (want === 'nonzero') return provePositivity(p, context, 'positive') ?? provePositivity(p, context, 'negative');
  for (const s of context.substitutions) {
    if (!NAME.test(s.target) || !NAME.test(s.fresh)) throw new Error(`substitution ${s.target} = ${s.by}: target and fresh must be variable names`);
  }
  const occurring = new Set(p.variables().map((v) => p.ring.names[v]!));
  const relevant = context.substitutions.filter((s) => occurring.has(s.target));
  // Fresh names, and symbols a `by` mentions that p does not, join the ring.
  const mentioned = relevant.flatMap((s) => [...(s.by.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []), s.fresh]);
  const extraNames = [...new Set(mentioned.filter((n) => !p.ring.has(n)))];
  const ring = new Ring([...p.ring.names, ...extraNames]);
  // The extended ring keeps every old index, so p's monomials are valid in it unchanged.
  const lifted = Poly.fromDistinctTerms(ring, p.terms);
  const byPoly = new Map(relevant.map((s) => [s, parseSubstitution(s, ring)] as const));
  const byNames = new Map(relevant.map((s) => [s, new Set(byPoly.get(s)!.variables().map((v) => ring.names[v]!))] as const));
  let attempts = 0;
  for (const indices of subsets(relevant.length)) {
    if (++attempts > MAX_ATTEMPTS) break;
    const chosen = indices.map((i) => relevant[i]!);
    if (!compatible(chosen, p, context.signs, byNames)) continue;
    const freshClass = new Map(chosen.map((s) => [s.fresh, s.freshClass] as const));
    const classOf = (name: string): SignClass => freshClass.get(name) ?? context.signs.get(name) ?? 'real';
    // No `by` mentions a chosen target, so substituting one after another is simultaneous.
    const expanded = chosen.reduce((q, s) => q.substitute(ring.indexOf(s.target), byPoly.get(s)!), lifted);
    const pattern = signPattern(expanded, classOf);
    if (pattern === null || !holds(want, pattern)) continue;
    const names = [...occurring, ...chosen.map((s) => s.fresh)].sort();
    return {
      polynomial: p.toString(),
      conclusion: want,
      signs: Object.fromEntries(names.map((n) => [n, classOf(n)])),
      substitutions: chosen.map((s) => ({ ...s })),
      expanded: expanded.toString(),
    };
  }
  return null;
}

/** `by` as a polynomial, required to be r + fresh with r free of fresh (the form the kernel accepts). */
function parseSubstitution(s: Substitution, ring: Ring): Poly {
  const by = parsePoly(ring, s.by);
  const rest = by.sub(Poly.variable(ring, ring.indexOf(s.fresh)));
  if (rest.variables().includes(ring.indexOf(s.fresh))) throw new Error(`substitution ${s.target} = ${s.by}: expected ${s.fresh} once, with coefficient 1`);
  return by;
}

const RELATION: Record<Conclusion, string> = { positive: '> 0', nonnegative: '≥ 0', negative: '< 0', nonpositive: '≤ 0' };

/**
 * One line saying why the certificate holds. Example: "with s = c + d, d > 0: 2*c*d + d^2 has
 * positive coefficients and monomials > 0 for c, d > 0, so it is > 0".
 */
export function describePositivity(cert: PositivityCertificate): string {
  const substituted = cert.substitutions.map((s) => `${s.target} = ${s.by}, ${s.fresh} ${RELATION[s.freshClass]}`).join('; ');
  const names = [...new Set(cert.expanded.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].sort();
  const ring = new Ring(names);
  const expanded = parsePoly(ring, cert.expanded);
  const classOf = (n: string): SignClass => cert.signs[n] ?? 'real';
  const pattern = signPattern(expanded, classOf);
  const ofClass = (k: SignClass) => names.filter((n) => classOf(n) === k);
  const where = [
    ofClass('positive').join(', ') + (ofClass('positive').length ? ' > 0' : ''),
    ofClass('nonnegative').join(', ') + (ofClass('nonnegative').length ? ' ≥ 0' : ''),
    ofClass('nonzero').join(', ') + (ofClass('nonzero').length ? ' ≠ 0 (even powers)' : ''),
    ofClass('real').length ? `even powers of ${ofClass('real').join(', ')}` : '',
  ].filter((x) => x !== '');
  const coefficients = cert.conclusion === 'positive' || cert.conclusion === 'nonnegative' ? 'positive' : 'negative';
  const allStrict = [...expanded.terms].every(([m, c]) => signPattern(Poly.fromDistinctTerms(ring, [[m, c]]), classOf)?.strict);
  const domain = where.length ? ` for ${where.join(', ')}` : '';
  const monomials = allStrict ? `monomials > 0${domain}` : `monomials ≥ 0${domain}${pattern?.strict ? ', one of them > 0' : ''}`;
  return `${substituted ? `with ${substituted}: ` : ''}${cert.expanded} has ${coefficients} coefficients and ${monomials}, so it is ${RELATION[cert.conclusion]}`;
}
