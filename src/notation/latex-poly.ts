/**
 * Exact polynomials as LaTeX: `A_1_2` prints as `A_{1,2}`, `3/2` as `\tfrac{3}{2}`, and a long
 * polynomial can be cut into lines at its + and − signs for an aligned display.
 *
 * Example: `polyLatex(parsePoly(R, '3/2*A_1_1^2*B_1_2 - A_1_2'))` is
 * `\tfrac{3}{2} A_{1,1}^{2} B_{1,2} - A_{1,2}`.
 */
import type { Rational } from '../exact/rational.js';
import { forEachFactor } from '../poly/monomial.js';
import type { Poly } from '../poly/poly.js';
import { latexWidth } from './latex-width.js';

const GREEK: Record<string, string> = { lambda: '\\lambda', alpha: '\\alpha', tau: '\\tau', sigma: '\\sigma' };

/** LaTeX of a variable name of the core's rings: A_1_2 → A_{1,2}, x1_3 → x_{1,3}, alpha → \alpha. */
export function variableLatex(name: string): string {
  const entry = /^([A-Za-z])_(\d+)_(\d+)$/.exec(name);
  if (entry) return `${entry[1]}_{${entry[2]},${entry[3]}}`;
  const view = /^x(\d+)_(\d+)$/.exec(name);
  if (view) return `x_{${view[1]},${view[2]}}`;
  if (name in GREEK) return GREEK[name]!;
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathrm{${name.replace(/[^A-Za-z0-9]/g, (ch) => (ch === '_' ? '\\_' : ''))}}`;
}

/** An exact number: `-3`, `\tfrac{3}{4}` (sign included). */
export function rationalLatex(r: Rational): string {
  const sign = r.sign() < 0 ? '-' : '';
  const a = r.abs();
  return a.isInteger() ? `${sign}${a.num}` : `${sign}\\tfrac{${a.num}}{${a.den}}`;
}

export interface PolyLatexOptions {
  /** Variable name → LaTeX (default: `variableLatex`). */
  variable?: (name: string) => string;
}

/**
 * The terms of a polynomial in canonical order, each with its sign: `['\tfrac{3}{2} a^{2}',
 * '- b', '+ 1']`. The first term has no `+`.
 */
export function polyTermsLatex(p: Poly, options: PolyLatexOptions = {}): string[] {
  if (p.isZero()) return ['0'];
  const name = options.variable ?? variableLatex;
  const names = p.ring.names;
  return p.sortedTerms().map(([m, c], k) => {
    const factors: string[] = [];
    forEachFactor(m, (v, e) => factors.push(e === 1 ? name(names[v]!) : `${name(names[v]!)}^{${e}}`));
    const mag = c.abs();
    let body: string;
    if (factors.length === 0) body = rationalLatex(mag);
    else if (mag.isOne()) body = factors.join(' ');
    else body = `${rationalLatex(mag)} ${factors.join(' ')}`;
    const negative = c.sign() < 0;
    if (k === 0) return negative ? `-${body}` : body;
    return negative ? `- ${body}` : `+ ${body}`;
  });
}

export function polyLatex(p: Poly, options: PolyLatexOptions = {}): string {
  return polyTermsLatex(p, options).join(' ');
}

/**
 * Groups signed terms into lines no wider than `maxWidth` em (a single wider term gets a line of
 * its own). Lines after the first start with their sign.
 */
export function breakTerms(terms: readonly string[], maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const t of terms) {
    const w = latexWidth(t);
    if (current !== '' && currentWidth + w > maxWidth) {
      lines.push(current);
      current = '';
      currentWidth = 0;
    }
    current = current === '' ? t : `${current} ${t}`;
    currentWidth += w + 0.3;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** A polynomial cut into lines for an aligned display. */
export function polyLatexLines(p: Poly, maxWidth: number, options: PolyLatexOptions = {}): string[] {
  return breakTerms(polyTermsLatex(p, options), maxWidth);
}
