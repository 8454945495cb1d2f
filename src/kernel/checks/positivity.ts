/**
 * Positivity certificates (issue 10): "p > 0 (≥ 0, < 0, ≤ 0) for every value of the variables in
 * their sign classes and satisfying the substitutions' inequalities". Evidence: the sign class of
 * every variable, substitutions target = r + fresh, and the expanded polynomial.
 *
 * Why it is a proof. Take any point of the domain: each variable in its class (positive > 0,
 * nonnegative ≥ 0, nonzero ≠ 0, real: anything) and, per substitution, target − r in the fresh
 * variable's class. Give each fresh variable the value target − r: it is in its class, and
 * p(point) = E(values), E the expansion of p with every target replaced by r + fresh (the r's
 * mention no target and no fresh variable, so the replacement is simultaneous and exact). Every
 * monomial of E is ≥ 0 at such values (any power of a positive or nonnegative variable, even
 * powers of the others), every coefficient has the claimed sign, so E has that sign weakly; and
 * strictly when one monomial is > 0 (built only from positive variables and even powers of nonzero
 * ones). The check recomputes E itself and only compares it with the certificate's `expanded`.
 */
import { Rational } from '../../exact/rational.js';
import { parseExpression } from '../parse.js';
import { type KPoly, addScaled, addTerm, constant, factorsOf, mul, variable } from '../poly.js';
import { Rejected, choice, need, object } from '../read.js';

const CLASSES = ['positive', 'nonnegative', 'nonzero', 'real'] as const;
const CONCLUSIONS = ['positive', 'nonnegative', 'negative', 'nonpositive'] as const;
type SignClass = (typeof CLASSES)[number];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RELATION = { positive: '> 0', nonnegative: '≥ 0', negative: '< 0', nonpositive: '≤ 0', nonzero: '≠ 0', real: '∈ ℝ' } as const;

function expression(x: unknown, path: string, names: ReadonlySet<string>): KPoly {
  need(typeof x === 'string', path, 'an expression string');
  try {
    return parseExpression(x, names);
  } catch (e) {
    throw new Rejected(`${path} does not parse over the declared variables: ${(e as Error).message}`);
  }
}

const variablesOf = (p: KPoly): Set<string> => new Set([...p.keys()].flatMap(factorsOf));

interface Replacement {
  target: string;
  fresh: string;
  by: KPoly;
  text: string;
}

/** Reads and validates the substitutions: target = r + fresh, fresh declared in its class and used nowhere else. */
function readSubstitutions(x: unknown, path: string, signs: ReadonlyMap<string, SignClass>, polynomial: KPoly): Replacement[] {
  need(Array.isArray(x), path, 'a list of substitutions');
  const raw = x.map((s, k) => {
    const o = object(s, `${path}[${k}]`);
    for (const key of ['target', 'by', 'fresh'] as const) need(typeof o[key] === 'string', `${path}[${k}].${key}`, 'a string');
    const freshClass = choice(o.freshClass, `${path}[${k}].freshClass`, ['positive', 'nonnegative'] as const);
    return { target: o.target as string, by: o.by as string, fresh: o.fresh as string, freshClass, at: `${path}[${k}]` };
  });
  const targets = new Set(raw.map((s) => s.target));
  const fresh = new Set(raw.map((s) => s.fresh));
  if (targets.size !== raw.length) throw new Rejected(`${path}: a variable is substituted twice`);
  if (fresh.size !== raw.length) throw new Rejected(`${path}: a fresh variable is used twice`);
  const inPolynomial = variablesOf(polynomial);
  const names = new Set(signs.keys());
  return raw.map((s) => {
    if (!signs.has(s.target)) throw new Rejected(`${s.at}.target: ${s.target} is not declared in signs`);
    if (signs.get(s.fresh) !== s.freshClass) throw new Rejected(`${s.at}.fresh: ${s.fresh} must be declared ${s.freshClass} in signs`);
    if (inPolynomial.has(s.fresh) || targets.has(s.fresh)) throw new Rejected(`${s.at}.fresh: ${s.fresh} is not fresh (it occurs in the polynomial or is substituted)`);
    const by = expression(s.by, `${s.at}.by`, names);
    const rest = addScaled(by, variable(s.fresh), Rational.MINUS_ONE);
    const restNames = variablesOf(rest);
    if (!by.get(s.fresh)?.isOne() || restNames.has(s.fresh)) throw new Rejected(`${s.at}.by: expected r + ${s.fresh} with ${s.fresh} once, coefficient 1`);
    for (const v of restNames) if (targets.has(v) || fresh.has(v)) throw new Rejected(`${s.at}.by: ${v} is substituted or fresh, so the substitution is not simultaneous`);
    return { target: s.target, fresh: s.fresh, by, text: `${s.target} = ${s.by} for some ${s.fresh} ${RELATION[s.freshClass]}` };
  });
}

/** p with each target replaced by its polynomial, expanded (products charged to the meter by `mul`). */
function substitute(p: KPoly, replacements: readonly Replacement[]): KPoly {
  const by = new Map(replacements.map((r) => [r.target, r.by]));
  const out: KPoly = new Map();
  for (const [m, c] of p) {
    const term = factorsOf(m).reduce((t, v) => mul(t, by.get(v) ?? variable(v)), constant(c));
    for (const [n, d] of term) addTerm(out, n, d);
  }
  return out;
}

/**
 * Checks a positivity certificate (fields: polynomial, conclusion, signs, substitutions, expanded;
 * docs in src/family/positivity.ts) and returns the reason it holds; throws Malformed for a
 * misshapen certificate and Rejected for evidence that does not prove the conclusion.
 */
export function checkPositivity(x: unknown, path = 'positivity'): string {
  const cert = object(x, path);
  const signObject = object(cert.signs, `${path}.signs`);
  const signs = new Map<string, SignClass>();
  for (const [name, k] of Object.entries(signObject)) {
    need(NAME.test(name), `${path}.signs`, `variable names, got '${name.slice(0, 20)}'`);
    signs.set(name, choice(k, `${path}.signs.${name}`, CLASSES));
  }
  const names = new Set(signs.keys());
  const conclusion = choice(cert.conclusion, `${path}.conclusion`, CONCLUSIONS);
  const polynomial = expression(cert.polynomial, `${path}.polynomial`, names);
  const replacements = readSubstitutions(cert.substitutions, `${path}.substitutions`, signs, polynomial);
  const claimed = expression(cert.expanded, `${path}.expanded`, names);
  const expanded = substitute(polynomial, replacements);
  if (addScaled(expanded, claimed, Rational.MINUS_ONE).size > 0) throw new Rejected(`${path}.expanded is not the polynomial after the substitutions`);

  const wanted = conclusion === 'positive' || conclusion === 'nonnegative' ? 1 : -1;
  let strict = false;
  for (const [m, c] of expanded) {
    if (c.sign() !== wanted) throw new Rejected(`the coefficient ${c} of ${m || '1'} is not ${wanted > 0 ? 'positive' : 'negative'}`);
    const f = factorsOf(m);
    let positive = true;
    for (const v of new Set(f)) {
      const k = signs.get(v)!;
      const odd = f.filter((u) => u === v).length % 2 === 1;
      if (odd && (k === 'nonzero' || k === 'real')) throw new Rejected(`the monomial ${m} has an odd power of ${v}, which is ${k}: its sign is not fixed`);
      if (k === 'nonnegative' || k === 'real') positive = false;
    }
    strict ||= positive;
  }
  const isStrict = conclusion === 'positive' || conclusion === 'negative';
  if (isStrict && !strict) throw new Rejected(`no monomial is > 0 on the whole domain, so the sign is only ${wanted > 0 ? '≥ 0' : '≤ 0'}, not ${RELATION[conclusion]}`);

  // Fresh variables are bound by their substitution ("for some d > 0"), not part of the domain.
  const fresh = new Set(replacements.map((r) => r.fresh));
  const domain = [...signs].filter(([v, k]) => k !== 'real' && !fresh.has(v)).map(([v, k]) => `${v} ${RELATION[k]}`);
  const hypotheses = [...domain, ...replacements.map((r) => r.text)];
  return `${cert.polynomial} ${RELATION[conclusion]} wherever ${hypotheses.join(', ') || 'the variables are real'}: its expansion has ${wanted > 0 ? 'positive' : 'negative'} coefficients on monomials ≥ 0${isStrict ? ', one of them > 0' : ''}`;
}
