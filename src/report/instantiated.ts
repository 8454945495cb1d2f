/**
 * Instantiated objects (polynomial fields, Jacobians, curls) as document blocks: in full when
 * they are small, otherwise a summary in the body (block structure, nonzero count, degree) and
 * the full list of nonzero entries in an appendix section.
 *
 * Example: `matrixBlocks(jacobian, layout, …)` returns `{ body, appendix }`.
 */
import type { Poly } from '../poly/poly.js';
import { polyLatex, variableLatex } from '../notation/latex-poly.js';
import { latexWidth } from '../notation/latex-width.js';
import type { BuiltSection, ReportLimits } from './context.js';
import { type Block, type EquationRow, type Inline, type MatrixSummary, code, paragraph, ref, text } from './document.js';
import { DISPLAY_WIDTH, polyRows } from './equations.js';

/** The state split into blocks (A, B, T), for summaries. */
export interface StateLayout {
  names: readonly string[];
  blocks: Array<{ label: string; size: number }>;
}

/** `\dot{A}_{1,2}` for the state coordinate `A_1_2`. */
export function dotLatex(name: string): string {
  const m = /^([A-Za-z])_(\d+)_(\d+)$/.exec(name);
  return m ? `\\dot{${m[1]}}_{${m[2]},${m[3]}}` : `\\dot{${variableLatex(name)}}`;
}

export function termCount(polys: readonly Poly[]): number {
  return polys.reduce((s, p) => s + p.size, 0);
}

/** Rows `\dot{x}_k = V_k`, each polynomial broken to fit. */
export function fieldRows(names: readonly string[], field: readonly Poly[]): EquationRow[] {
  return names.flatMap((n, k) => polyRows(dotLatex(n), field[k]!));
}

function polyMatrixLatex(m: readonly (readonly Poly[])[]): string {
  return `\\begin{bmatrix} ${m.map((row) => row.map((p) => polyLatex(p)).join(' & ')).join(' \\\\[0.3em] ')} \\end{bmatrix}`;
}

/** Does the matrix fit on one line of the page as a bmatrix (with `left =` before it)? */
function fits(m: readonly (readonly Poly[])[], left: string, limits: ReportLimits): boolean {
  if (m.length > limits.bodyMatrixDimension) return false;
  const colWidth = m[0]!.map((_, j) => Math.max(...m.map((row) => latexWidth(polyLatex(row[j]!)))));
  return latexWidth(left) + colWidth.reduce((a, b) => a + b + 1.5, 2) <= DISPLAY_WIDTH;
}

export function summaryOf(
  m: readonly (readonly Poly[])[],
  layout: StateLayout,
  caption: Inline[],
  fullIn: string | null,
): MatrixSummary {
  const offsets: number[] = [];
  layout.blocks.reduce((o, b) => (offsets.push(o), o + b.size), 0);
  const nonzero = layout.blocks.map(() => layout.blocks.map(() => 0));
  const degree = layout.blocks.map(() => layout.blocks.map(() => -1));
  const blockOf = (k: number) => {
    let b = 0;
    while (b + 1 < offsets.length && offsets[b + 1]! <= k) b++;
    return b;
  };
  m.forEach((row, i) =>
    row.forEach((p, j) => {
      if (p.isZero()) return;
      const [bi, bj] = [blockOf(i), blockOf(j)];
      nonzero[bi]![bj]!++;
      degree[bi]![bj] = Math.max(degree[bi]![bj]!, p.degree());
    }),
  );
  return { kind: 'matrix-summary', caption, rows: m.length, cols: m[0]?.length ?? 0, rowBlocks: layout.blocks, colBlocks: layout.blocks, nonzero, degree, fullIn };
}

/**
 * Where a raw entry list left out of the default appendix can be found. Said once per object, in
 * these words only, so a reader always learns both ways to get it.
 */
function omitted(what: Inline[]): Block {
  return paragraph(...what, text(' are listed in the JSON report and, with '), code('--appendix full'), text(', in an appendix.'));
}

/** Does this raw entry list go to the appendix under these limits? */
const fullAppendix = (limits: ReportLimits) => limits.appendix === 'full';

export interface MatrixPresentation {
  body: Block[];
  appendix: BuiltSection[];
}

/**
 * A matrix of polynomials (Jacobian or curl) in the body when it fits, else summarised with its
 * nonzero entries listed in an appendix section `appendixId` (or left out beyond the limits).
 */
export function presentMatrix(options: {
  m: Poly[][];
  layout: StateLayout;
  left: string;
  caption: Inline[];
  entryLeft: (i: number, j: number) => string;
  /** Only entries with j > i (an antisymmetric matrix). */
  upperOnly?: boolean;
  /** Where the full matrix goes when it does not fit; null: nowhere (say how to get it instead). */
  appendixId: string | null;
  appendixTitle: string;
  /** Sentence for a matrix that is summarised only. */
  elsewhere?: Inline[];
  limits: ReportLimits;
}): MatrixPresentation {
  const { m, layout, left, limits } = options;
  if (fits(m, left, limits)) {
    return { body: [{ kind: 'equation', rows: [{ left, right: `= ${polyMatrixLatex(m)}` }] }], appendix: [] };
  }
  const entries: Array<[number, number]> = [];
  m.forEach((row, i) => row.forEach((p, j) => (!p.isZero() && (!options.upperOnly || j > i) ? entries.push([i, j]) : null)));
  const terms = entries.reduce((s, [i, j]) => s + m[i]![j]!.size, 0);
  const inAppendix = terms <= limits.appendixTerms && options.appendixId !== null;
  const summary = summaryOf(m, layout, options.caption, inAppendix && entries.length > 0 ? options.appendixId : null);
  const body: Block[] = [summary];
  if (options.appendixId === null) {
    if (options.elsewhere) body.push(paragraph(...options.elsewhere));
    return { body, appendix: [] };
  }
  if (!inAppendix) {
    body.push(paragraph(text(`Its ${entries.length} nonzero entries (${terms} terms) are too many to print; `), code('ncssl derive --json'), text(' gives them all.')));
    return { body, appendix: [] };
  }
  if (entries.length === 0) return { body, appendix: [] };
  if (!fullAppendix(limits)) {
    body[0] = { ...summary, fullIn: null };
    body.push(omitted([text(`Its ${entries.length} nonzero entries${options.upperOnly ? ' above the diagonal' : ''} (${terms} terms)`)]));
    return { body, appendix: [] };
  }
  const rows = entries.flatMap(([i, j]) => polyRows(options.entryLeft(i, j), m[i]![j]!));
  return {
    body,
    appendix: [
      {
        id: options.appendixId!,
        title: options.appendixTitle,
        blocks: [paragraph(text(`The ${entries.length} nonzero entries${options.upperOnly ? ' above the diagonal' : ''}, exactly:`)), { kind: 'equation', rows }],
      },
    ],
  };
}

/** A list of polynomial rows in the body when short, else a pointer to an appendix section. */
export function presentRows(options: {
  rows: EquationRow[];
  terms: number;
  what: string;
  appendixId: string;
  appendixTitle: string;
  limits: ReportLimits;
  /** A finding rather than a raw entry list (a basis of conserved quantities): in the appendix by default. */
  finding?: boolean;
}): MatrixPresentation {
  const { rows, terms, limits } = options;
  if (terms <= limits.bodyTerms) return { body: [{ kind: 'equation', rows }], appendix: [] };
  if (terms > limits.appendixTerms) {
    return { body: [paragraph(text(`${options.what} has ${terms} terms, too many to print; `), code('ncssl derive --json'), text(' gives it in full.'))], appendix: [] };
  }
  if (!options.finding && !fullAppendix(limits)) return { body: [omitted([text(`The ${terms} terms of ${lowerFirst(options.what)}`)])], appendix: [] };
  return {
    body: [paragraph(text(`${options.what} has ${terms} terms: it is given in full in `), ref(options.appendixId), text('.'))],
    appendix: [{ id: options.appendixId, title: options.appendixTitle, blocks: [{ kind: 'equation', rows }] }],
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
