/**
 * The kernel's bounds on its own work, computed before anything is expanded (issue 9). A
 * certificate's expressions are short text for possibly huge polynomials: `((a + b + 1)^64)^8` is
 * 30 characters and degree 512 (nested exponents multiply), about 130 000 terms, and expanding it
 * term by term would not end. So `certificateBounds` reads every string of the certificate with
 * the expression grammar of parse.ts but without expanding: per subexpression it carries an upper
 * bound on the degree and on the number of terms (a sum adds them; a product multiplies them, capped
 * by the number of monomials of its degree in its variables; a power likewise), and it adds up the
 * term products the expansion would cost. A certificate over any bound is refused as malformed
 * before a checker runs. `mul` in poly.ts meters the products it actually computes (cofactor times
 * equation, say) against the same work budget, so no path expands without a bound.
 *
 * Example: `certificateBounds({ evidence: { potential: '((A_1_1+B_1_1+1)^64)^8' } }, KERNEL_BOUNDS)`
 * throws "evidence.potential: expected an expression of degree at most 32 … got degree 512".
 */
import { Malformed } from './read.js';

export interface KernelBounds {
  /** Largest total degree of any subexpression (the bundled certificates reach 4). */
  maxDegree: number;
  /** Largest number of terms any subexpression may expand to (a d = 16 potential has about 600 000). */
  maxTerms: number;
  /** Term products allowed in one certificate, parsing and checking together. */
  maxWork: number;
}

export const KERNEL_BOUNDS: KernelBounds = { maxDegree: 32, maxTerms: 4_000_000, maxWork: 50_000_000 };

/** Upper bounds of one subexpression. */
interface Size {
  degree: number;
  terms: number;
  variables: Set<string>;
}

/** C(v + d, d): the number of monomials of degree ≤ d in v variables (capped, in floats). */
function monomialCount(v: number, d: number): number {
  let c = 1;
  for (let k = 1; k <= d; k++) {
    c = (c * (v + k)) / k;
    if (c > 1e18) return Infinity;
  }
  return c;
}

/**
 * Checks one expression's bounds; `work` is the running total of term products. Text that is not
 * an expression is left to the real parser, which rejects it.
 */
function expressionBounds(text: string, path: string, bounds: KernelBounds, work: { total: number }): void {
  const tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/^()]|\S/g) ?? [];
  let pos = 0;
  let depth = 0;
  const refuse = (what: string): never => {
    throw new Malformed(`${path}: expected ${what}`);
  };
  const check = (s: Size): Size => {
    if (s.degree > bounds.maxDegree) refuse(`an expression of degree at most ${bounds.maxDegree} (nested exponents multiply), got degree ${s.degree}`);
    if (s.terms > bounds.maxTerms) refuse(`an expression of at most ${bounds.maxTerms} terms once expanded, got up to ${s.terms.toExponential(1)}`);
    if (work.total > bounds.maxWork) refuse(`expressions that expand in at most ${bounds.maxWork} term products (the kernel's work bound), got more`);
    return s;
  };
  const union = (a: Set<string>, b: Set<string>): Set<string> => {
    if (a.size < b.size) [a, b] = [b, a];
    for (const v of b) a.add(v);
    return a;
  };
  const times = (a: Size, b: Size): Size => {
    work.total += a.terms * b.terms;
    const variables = union(a.variables, b.variables);
    const degree = a.degree + b.degree;
    return check({ degree, terms: Math.min(a.terms * b.terms, monomialCount(variables.size, degree)), variables });
  };
  const sum = (): Size | null => {
    let acc = product();
    while (acc && (tokens[pos] === '+' || tokens[pos] === '-')) {
      pos++;
      const next = product();
      if (!next) return null;
      acc = check({ degree: Math.max(acc.degree, next.degree), terms: acc.terms + next.terms, variables: union(acc.variables, next.variables) });
    }
    return acc;
  };
  const product = (): Size | null => {
    let acc = unary();
    while (acc && (tokens[pos] === '*' || tokens[pos] === '/')) {
      const op = tokens[pos++];
      if (op === '/') {
        pos++; // a number: no change in size
        continue;
      }
      const next = unary();
      if (!next) return null;
      acc = times(acc, next);
    }
    return acc;
  };
  const unary = (): Size | null => {
    while (tokens[pos] === '-' || tokens[pos] === '+') pos++;
    const base = atom();
    if (!base || tokens[pos] !== '^') return base;
    const e = Number(tokens[pos + 1]);
    pos += 2;
    if (!Number.isSafeInteger(e) || e < 0 || e > 64) return null; // the parser refuses it
    // The parser multiplies e copies in turn: e products with the growing power.
    const degree = base.degree * e;
    if (degree > bounds.maxDegree) refuse(`an expression of degree at most ${bounds.maxDegree} (nested exponents multiply), got degree ${degree}`);
    let result: Size = { degree: 0, terms: 1, variables: new Set() };
    for (let k = 0; k < e; k++) result = times(result, { ...base, variables: new Set(base.variables) });
    return result;
  };
  const atom = (): Size | null => {
    const t = tokens[pos++];
    if (t === undefined) return null;
    if (/^\d/.test(t)) return { degree: 0, terms: 1, variables: new Set() };
    if (/^[A-Za-z_]/.test(t)) return { degree: 1, terms: 1, variables: new Set([t]) };
    if (t !== '(' || ++depth > 100) return null;
    const inner = sum();
    if (tokens[pos++] !== ')') return null;
    depth--;
    return inner;
  };
  sum();
}

/**
 * Checks every string of the certificate (at any depth, up to 64 levels) against `bounds`, and
 * resets poly.ts's work meter to what is left for the checker. Throws Malformed naming the field.
 */
export function certificateBounds(certificate: unknown, bounds: KernelBounds): number {
  const work = { total: 0 };
  const walk = (x: unknown, path: string, level: number): void => {
    if (level > 64) throw new Malformed(`${path}: expected JSON nested at most 64 levels deep`);
    if (typeof x === 'string') {
      if (/[A-Za-z_]/.test(x) && /[*^(+]/.test(x)) expressionBounds(x, path, bounds, work);
    } else if (Array.isArray(x)) x.forEach((y, k) => walk(y, `${path}[${k}]`, level + 1));
    else if (typeof x === 'object' && x !== null) for (const [k, y] of Object.entries(x)) walk(y, path ? `${path}.${k}` : k, level + 1);
  };
  walk(certificate, '', 0);
  return work.total;
}
