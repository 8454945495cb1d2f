/**
 * How a variant's report writes its objects: expressions from src/expr/render.ts as aligned rows
 * that fit the page (or their size when over the budget), a state coordinate as LaTeX, floats
 * with a few significant digits, and the engine's Unicode phrases as text and math.
 *
 * Example: `renderedRows(r, ['\\dot{A}_{11}'])` gives `u_{1} = …` rows, then `\dot{A}_{11} = …`.
 */
import { type ExpressionRendering, variantVariableLatex } from '../../expr/render.js';
import { breakTerms } from '../../notation/latex-poly.js';
import { type EquationRow, type Inline, math, text } from '../document.js';
import { relationRows } from '../equations.js';
import { prose } from '../sections/dynamics-format.js';

/** Most characters of text per printed block (F, or one field) in the report body. */
export const REPORT_RENDER_BUDGET = 8000;

export const coordinateLatex = variantVariableLatex;

/** `\dot{A}_{11}`: the time derivative of a state coordinate. */
export function dotLatex(name: string): string {
  const l = variantVariableLatex(name);
  const m = /^([A-Za-z])(.*)$/.exec(l);
  return m ? `\\dot{${m[1]}}${m[2]}` : `\\dot{${l}}`;
}

/** Rows `u_k = …` then `left_i = root_i`, each right side cut at its + and − signs to fit the line. */
export function renderedRows(r: Extract<ExpressionRendering, { kind: 'rendered' }>, lefts: readonly string[]): EquationRow[] {
  const rows = (left: string, terms: readonly string[]) => relationRows(left, '=', (w) => breakTerms(terms, w));
  return [...r.named.flatMap((u) => rows(u.nameLatex, u.latexTerms)), ...lefts.flatMap((left, k) => rows(left, r.roots[k]!.latexTerms))];
}

/** "not printed: 1234 nodes, 56 named subexpressions" for a block over the budget. */
export function sizeInline(r: Extract<ExpressionRendering, { kind: 'too-large' }>): Inline[] {
  return [text(`Too large to print here: ${r.nodes} distinct subexpressions, ${r.named} of them used more than once, more than ${r.budget} characters as text.`)];
}

/** A float with `digits` significant digits, in LaTeX (`1.23 \cdot 10^{-5}`). */
export function floatMath(x: number, digits = 3): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  if (x === 0) return '0';
  // Exponent form outside [10^-3, 10^5): 1.36 \cdot 10^{-5}, not 0.0000136.
  const s = Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5 ? x.toExponential(digits - 1) : x.toPrecision(digits);
  const m = /^(-?[0-9.]+)e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  const power = `10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
  return m[1] === '1' ? power : m[1] === '-1' ? `-${power}` : `${m[1]} \\cdot ${power}`;
}

/** Notation of src/variants/words.ts beyond what `prose` knows. */
const TOKENS: Array<[string, string]> = [
  ['F̂', '\\hat{F}'],
  ['→', '\\to'],
];

/** A sentence of the engine (Unicode) as text and math for every printer. */
export function variantProse(s: string): Inline[] {
  const out: Inline[] = [];
  let rest = s;
  while (rest.length > 0) {
    const hits = TOKENS.map(([u, l]) => ({ at: rest.indexOf(u), u, l })).filter((h) => h.at >= 0).sort((a, b) => a.at - b.at);
    const hit = hits[0];
    if (!hit) {
      out.push(...prose(rest));
      break;
    }
    if (hit.at > 0) out.push(...prose(rest.slice(0, hit.at)));
    out.push(math(hit.l));
    rest = rest.slice(hit.at + hit.u.length);
  }
  return out;
}
