/**
 * From derivation data to displayed equations: matrix expressions and polynomials broken into
 * aligned rows that fit the page (display math never breaks by itself), exact matrices as
 * bmatrix, points as lists of assignments.
 *
 * Example: `stepRows([{ lhs: rate(A), rhs: longSum }])` gives `\dot{A} &= … \\ &\quad {}+ …`.
 */
import type { Rational } from '../exact/rational.js';
import type { MatExpr } from '../matrix/expr.js';
import type { StepRow } from '../matrix/steps.js';
import type { RationalMatrix } from '../model/model.js';
import type { Poly } from '../poly/poly.js';
import { polyLatexLines, rationalLatex } from '../notation/latex-poly.js';
import { matrixLatex, matrixLatexLines } from '../notation/latex-matrix.js';
import { latexWidth } from '../notation/latex-width.js';
import type { EquationRow } from './document.js';

/**
 * Widest row, in em of the body font. The .tex page is 6.5in of 11pt type (≈ 42em); KaTeX pages
 * are wider. The estimate is conservative, and the .tex test checks for overfull lines.
 */
export const DISPLAY_WIDTH = 42;

/** Room the continuation indent `\quad` takes. */
const INDENT = 1.5;

function continuation(line: string): string {
  // `{}+ x` keeps + binary after the indent (a leading + would be unary).
  return /^[+-]/.test(line) ? `\\quad {}${line}` : `\\quad ${line}`;
}

/** `left = rhs`, the right side cut into lines. */
export function relationRows(left: string, relation: string, rhsLines: (width: number) => string[]): EquationRow[] {
  const room = Math.max(12, DISPLAY_WIDTH - latexWidth(left) - 1.5 - INDENT);
  const lines = rhsLines(room);
  return lines.map((line, k) => (k === 0 ? { left, right: `${relation} ${line}` } : { left: '', right: continuation(line) }));
}

/** Rows of a derivation step: `lhs = rhs` and continuation rows `= rhs` of a chain. */
export function stepRows(rows: readonly StepRow[]): EquationRow[] {
  return rows.flatMap((r) => expressionRows(r.lhs === null ? '' : matrixLatex(r.lhs), r.rhs));
}

export function expressionRows(left: string, rhs: MatExpr, relation = '='): EquationRow[] {
  return relationRows(left, relation, (w) => matrixLatexLines(rhs, w));
}

export function polyRows(left: string, p: Poly): EquationRow[] {
  return relationRows(left, '=', (w) => polyLatexLines(p, w));
}

/** An exact matrix as a bmatrix. */
export function rationalMatrixLatex(m: RationalMatrix): string {
  return `\\begin{bmatrix} ${m.map((row) => row.map(rationalLatex).join(' & ')).join(' \\\\[0.3em] ')} \\end{bmatrix}`;
}

export function rationalText(r: Rational): string {
  return rationalLatex(r);
}

/** Estimated width of a row (left and right), for deciding whether a matrix fits in the body. */
export function rowWidth(r: EquationRow): number {
  return latexWidth(r.left) + latexWidth(r.right);
}
