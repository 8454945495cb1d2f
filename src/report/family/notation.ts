/**
 * How a family's report writes its polynomials: in the symbols as declared (`tau` → τ), the single
 * entries of 1×1 blocks as the letters papers use (a, b and ξ for A, B, T), common factors pulled
 * out (`½a²(sb² − 2bc + s)`), points as fractions (`b = c/s`).
 *
 * Example: `factoredLatex(E)` for the scalar family is `\tfrac{1}{2} a^{2} \left(b^{2} s - 2 b c + s\right)`.
 */
import { polyLatex, polyTermsLatex, rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import type { Poly } from '../../poly/poly.js';
import { commonFactor } from '../../family/poly-matrix.js';
import type { Family } from '../../family/family.js';

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'eta', 'theta', 'kappa', 'lambda', 'mu', 'nu', 'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega']);

/** A declared symbol: `tau` → `\tau`, `sigma2` → `\sigma_{2}`, `x` → `x`, `d_1` → `d_{1}`. */
export function symbolLatex(name: string): string {
  const m = /^([A-Za-z]+?)_?(\d*)$/.exec(name);
  if (m) {
    const [, letters, digits] = m;
    const base = GREEK.has(letters!) ? `\\${letters}` : letters!.length === 1 ? letters! : `\\mathit{${letters}}`;
    return digits ? `${base}_{${digits}}` : base;
  }
  return variableLatex(name);
}

/** The variable naming of one family's report. */
export function familyVariables(family: Family): (name: string) => string {
  const scalarBlocks = family.encoder.in === 1 && family.encoder.out === 1;
  const letters: Record<string, string> = scalarBlocks ? { A_1_1: 'a', B_1_1: 'b', T_1_1: '\\xi' } : {};
  const symbols = new Set(family.ring.names);
  return (name) => letters[name] ?? (symbols.has(name) || /^d_\d+$/.test(name) ? symbolLatex(name) : variableLatex(name));
}

/**
 * p's terms with a positive one first when there is one (`s^2 - c^2`, not `-c^2 + s^2`): the
 * canonical order sorts the state before the symbols, which is not how a paper orders a sum.
 */
export function positiveFirstLatex(p: Poly, variable: (name: string) => string): string {
  const terms = polyTermsLatex(p, { variable });
  const k = terms.findIndex((t, i) => i > 0 && t.startsWith('+ '));
  if (!terms[0]!.startsWith('-') || k < 0) return terms.join(' ');
  const first = terms[k]!.slice(2);
  const head = terms[0]!.replace(/^-/, '- ');
  return [first, head, ...terms.filter((_, i) => i !== 0 && i !== k)].join(' ');
}

/** p with its rational and monomial content pulled out: c·m·(q). */
export function factoredLatex(p: Poly, variable: (name: string) => string): string {
  if (p.isZero()) return '0';
  const { content, monomial, primitive } = commonFactor([p]);
  const q = primitive[0]!;
  if (q.size === 1) return polyLatex(p, { variable });
  // Pull out a sign when most terms of q are negative: −a(sb² − 2bc + s), not a(2bc − sb² − s).
  const negative = [...q.terms.values()].filter((c) => c.sign() < 0).length;
  const flip = 2 * negative > q.size;
  const inner = positiveFirstLatex(flip ? q.neg() : q, variable);
  const head = [flip ? '-' : '', content.isOne() ? '' : rationalLatex(content), monomial.isConstant() ? '' : polyLatex(monomial, { variable })].join(' ').trim();
  if (head === '') return inner;
  return head === '-' ? `-\\left(${inner}\\right)` : `${head} \\left(${inner}\\right)`;
}

/** A quotient N/D: N when D = 1, a \frac otherwise (exact quotients already divided out). */
export function fractionLatex(numerator: Poly, denominator: Poly, variable: (name: string) => string): string {
  if (denominator.isConstant() && denominator.constantTerm().isOne()) return factoredLatex(numerator, variable);
  return `\\frac{${factoredLatex(numerator, variable)}}{${factoredLatex(denominator, variable)}}`;
}
