/**
 * What the family kinds share (trust argument: check.ts; issue 10). A family certificate's model
 * declares symbols with sign classes and inequalities between them; every claim is "for every
 * admissible value", i.e. every value of the symbols in their classes satisfying the inequalities.
 * A sign the claim uses comes with a positivity certificate (checks/positivity.ts), which proves
 * it under the assumptions *the certificate* lists. `signProof` accepts such a certificate only
 * when it proves the kernel's own polynomial and when the model's declarations imply its
 * assumptions: each variable's class is implied by its declared class (positive implies every
 * class, nonnegative and nonzero imply themselves and real), and each substitution target = by
 * comes from a declared inequality lhs < rhs (or ≤): target is rhs, by is lhs + fresh, and a
 * positive fresh variable needs a strict inequality. Every admissible value then satisfies the
 * certificate's hypotheses, so the sign holds there.
 *
 * Example: with `c: positive`, `s: positive` and `c < s`, a certificate for s² − c² > 0 that
 * substitutes s = c + d_1, d_1 > 0 is accepted; one that assumes c > 0 when c is declared real
 * is refused.
 */
import { Rational } from '../exact/rational.js';
import { checkPositivity } from './checks/positivity.js';
import { type KernelModel, type Recipe, type SymbolClass, RECIPES } from './field.js';
import { claimOf } from './evidence.js';
import { parseExpression } from './parse.js';
import { type KPoly, addScaled, addTerm, constant, factorsOf, monomial, mul, variable } from './poly.js';
import { type Json, Rejected, choice, need, object } from './read.js';

/** The classes a declared class implies (a certificate may assume any of them, nothing stronger). */
const IMPLIED: Record<SymbolClass, readonly SymbolClass[]> = {
  positive: ['positive', 'nonnegative', 'nonzero', 'real'],
  nonnegative: ['nonnegative', 'real'],
  nonzero: ['nonzero', 'real'],
  real: ['real'],
};

const same = (a: KPoly, b: KPoly): boolean => addScaled(a, b, Rational.MINUS_ONE).size === 0;

/** The claim of a family certificate: claimOf's fields, the symbols' names, and names = state then symbols. */
export function familyClaim(cert: Json, model: KernelModel, allowed: readonly Recipe[] = RECIPES) {
  const claim = claimOf(cert, model, allowed);
  const symbols = [...model.symbols.keys()];
  return { ...claim, state: claim.names, symbols, all: new Set([...claim.names, ...symbols]) };
}

/** An expression over the given names (state and symbols, or symbols and free variables). */
export function familyExpression(x: unknown, path: string, names: ReadonlySet<string>): KPoly {
  need(typeof x === 'string', path, 'an expression string');
  try {
    return parseExpression(x, names);
  } catch (e) {
    throw new Rejected(`${path} does not parse over ${[...names].join(', ')}: ${(e as Error).message}`);
  }
}

/**
 * Checks a positivity certificate at `path` proving that `expected` has one of the `conclusions`
 * for every admissible value of the symbols and every value of the `extra` variables (free state
 * variables) in their classes; returns the certificate's conclusion and the checker's reason.
 */
export function signProof(
  x: unknown,
  path: string,
  model: KernelModel,
  expected: KPoly,
  conclusions: ReadonlyArray<'positive' | 'negative' | 'nonnegative'>,
  extra: ReadonlyMap<string, SymbolClass> = new Map(),
): { conclusion: string; reason: string } {
  const cert = object(x, path);
  const context = new Map([...model.symbols, ...extra]);
  const conclusion = choice(cert.conclusion, `${path}.conclusion`, conclusions);
  if (!same(familyExpression(cert.polynomial, `${path}.polynomial`, new Set(context.keys())), expected)) {
    throw new Rejected(`${path}.polynomial is not the kernel's own polynomial`);
  }
  need(Array.isArray(cert.substitutions), `${path}.substitutions`, 'a list of substitutions');
  const fresh = new Map<string, string>();
  (cert.substitutions as unknown[]).forEach((s, k) => {
    const at = `${path}.substitutions[${k}]`;
    const o = object(s, at);
    for (const key of ['target', 'by', 'fresh', 'freshClass'] as const) need(typeof o[key] === 'string', `${at}.${key}`, 'a string');
    const [target, by, name, freshClass] = [o.target, o.by, o.fresh, o.freshClass] as string[];
    if (context.has(name!)) throw new Rejected(`${at}.fresh: ${name} is a declared variable, not a fresh one`);
    const byPoly = familyExpression(by, `${at}.by`, new Set([...context.keys(), name!]));
    const source = model.inequalities.find((q) => same(q.rhs, variable(target!)) && same(byPoly, addScaled(q.lhs, variable(name!), Rational.ONE)));
    if (source === undefined) throw new Rejected(`${at}: ${target} = ${by} does not come from a declared inequality (lhs < rhs gives rhs = lhs + fresh)`);
    if (freshClass === 'positive' && !source.strict) throw new Rejected(`${at}: ${name} > 0 needs a strict inequality, but the declared one is ≤`);
    fresh.set(name!, freshClass!);
  });
  for (const [name, k] of Object.entries(object(cert.signs, `${path}.signs`))) {
    if (fresh.has(name)) continue; // its class is checked against its substitution by checkPositivity
    const declared = context.get(name);
    if (declared === undefined) throw new Rejected(`${path}.signs: ${name.slice(0, 40)} is neither declared nor a fresh variable of a substitution`);
    if (!IMPLIED[declared].includes(k as SymbolClass)) throw new Rejected(`${path}.signs: ${name} is assumed ${String(k).slice(0, 20)}, but declared only ${declared}`);
  }
  return { conclusion, reason: checkPositivity(cert, path) };
}

/** The number of state factors of a monomial. */
function stateDegree(m: string, isState: (v: string) => boolean): number {
  return factorsOf(m).filter(isState).length;
}

/** The largest total degree in the state of any of the polynomials. */
export function fieldDegree(polys: readonly KPoly[], isState: (v: string) => boolean): number {
  let K = 0;
  for (const p of polys) for (const m of p.keys()) K = Math.max(K, stateDegree(m, isState));
  return K;
}

/**
 * p(N/D)·D^K: in every term each state variable x is replaced by its numerator N_x and the term is
 * multiplied by D^(K − its state degree); K at least p's degree in the state, so no division.
 */
export function clearedAt(p: KPoly, numerators: ReadonlyMap<string, KPoly>, D: KPoly, K: number): KPoly {
  const powers = new Map<string, KPoly>();
  const power = (key: string, base: KPoly, e: number): KPoly => {
    const id = `${key}^${e}`;
    let hit = powers.get(id);
    if (hit === undefined) {
      hit = constant(Rational.ONE);
      for (let k = 0; k < e; k++) hit = mul(hit, base);
      powers.set(id, hit);
    }
    return hit;
  };
  const out: KPoly = new Map();
  for (const [m, c] of p) {
    const rest: string[] = [];
    const counts = new Map<string, number>();
    for (const v of factorsOf(m)) {
      if (numerators.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
      else rest.push(v);
    }
    let term: KPoly = new Map([[monomial(rest), c]]);
    let degree = 0;
    for (const [v, e] of counts) {
      term = mul(term, power(v, numerators.get(v)!, e));
      degree += e;
    }
    if (degree > K) throw new Error(`clearedAt: a term of degree ${degree} > K = ${K} (internal error)`);
    for (const [n, d] of mul(term, power('', D, K - degree))) addTerm(out, n, d);
  }
  return out;
}

/**
 * The coefficient of the state monomial `stateMonomial` in p, read as a polynomial in the state with
 * coefficients in the other variables. Example: the coefficient of A_1_1 in −c·A_1_1 + s·A_1_1² is −c.
 */
export function stateCoefficient(p: KPoly, stateMonomial: string, isState: (v: string) => boolean): KPoly {
  const out: KPoly = new Map();
  for (const [m, c] of p) {
    const f = factorsOf(m);
    if (f.filter(isState).join('*') === stateMonomial) addTerm(out, f.filter((v) => !isState(v)).join('*'), c);
  }
  return out;
}

/** "a class for each name" in a statement: `A_1_1 ≠ 0`; real ones are not listed. */
export function describeClasses(classes: ReadonlyMap<string, SymbolClass>): string {
  const RELATION = { positive: '> 0', nonnegative: '≥ 0', nonzero: '≠ 0', real: '' } as const;
  return [...classes].filter(([, k]) => k !== 'real').map(([v, k]) => `${v} ${RELATION[k]}`).join(', ');
}

/** Which field an integrability claim is about: V, or P⁻¹V (each component without its rate). */
export function integrabilityField(cert: Json): { rateAdjusted: boolean; symbol: string } {
  const field = choice(cert.field, 'field', ['V', 'P^-1 V'] as const);
  return { rateAdjusted: field !== 'V', symbol: field === 'V' ? 'V' : '(P⁻¹V)' };
}
