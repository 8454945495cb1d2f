/**
 * The report as a format-neutral document: sections of blocks (paragraphs with inline math,
 * displayed equations, derivation steps, tables, matrix summaries). Math is stored as LaTeX
 * strings that both pdflatex (amsmath) and KaTeX accept; every printer (src/render/latex.ts,
 * html.ts, markdown.ts, json.ts) reads only this document, and no printer knows another.
 *
 * Example: `{ kind: 'paragraph', content: [text('The field is '), math('\\dot{A} = -B^{\\top} M'), text('.')] }`.
 */

import type { Figure } from './figure.js';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'math'; latex: string }
  | { kind: 'emph'; text: string }
  | { kind: 'code'; text: string }
  /** A reference to another section, printed with that section's number ("Appendix A.2"). */
  | { kind: 'ref'; target: string };

/** One line of a display: printed `left & right` in an aligned environment. */
export interface EquationRow {
  left: string;
  /** Starts with the relation (`= …`) or, on a continuation line, with `\quad {}+ …`. */
  right: string;
}

export interface DerivationStep {
  /** Why this step holds: the rule, in words with inline math. */
  because: Inline[];
  rows: EquationRow[];
  /** Names the step introduces (M = BAΣ1 − AΣ12ᵀ), as rows of a second display. */
  where?: EquationRow[];
}

export interface MatrixSummary {
  kind: 'matrix-summary';
  /** What the matrix is, e.g. the Jacobian of the SG field. */
  caption: Inline[];
  rows: number;
  cols: number;
  rowBlocks: Array<{ label: string; size: number }>;
  colBlocks: Array<{ label: string; size: number }>;
  /** Nonzero entries per (row block, column block). */
  nonzero: number[][];
  /** Highest total degree of an entry per block (−1 when the block is zero). */
  degree: number[][];
  /** Section that holds the matrix in full, if any. */
  fullIn: string | null;
}

/** A figure (src/report/figure.ts): HTML inlines it as SVG; LaTeX and Markdown refer to a file beside the report. */
export interface FigureBlock {
  kind: 'figure';
  /** Unique in the document; also names the figure's file (`figureFileName`). */
  id: string;
  caption: Inline[];
  figure: Figure;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'equation'; rows: EquationRow[] }
  | { kind: 'steps'; steps: DerivationStep[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'list'; items: Inline[][] }
  | MatrixSummary
  | FigureBlock;

export interface Section {
  id: string;
  /** "2", "3.1", "A", "A.2". */
  number: string;
  title: string;
  blocks: Block[];
  subsections: Section[];
  /** Machine-readable exact data (canonical polynomial strings); only the JSON printer shows it. */
  data?: Record<string, unknown>;
}

export interface ReportDocument {
  title: string;
  /** Base name of the report's files (the spec's name); figure files are named after it. */
  fileBase: string;
  /** A line under the title: source file, model name. */
  subtitle: Inline[];
  sections: Section[];
  appendix: Section[];
}

export const text = (t: string): Inline => ({ kind: 'text', text: t });
export const math = (latex: string): Inline => ({ kind: 'math', latex });
export const emph = (t: string): Inline => ({ kind: 'emph', text: t });
export const code = (t: string): Inline => ({ kind: 'code', text: t });
export const ref = (target: string): Inline => ({ kind: 'ref', target });
export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });

/** Every section of the document, depth first, body then appendix. */
export function allSections(doc: ReportDocument): Section[] {
  const out: Section[] = [];
  const walk = (s: Section) => {
    out.push(s);
    s.subsections.forEach(walk);
  };
  doc.sections.forEach(walk);
  doc.appendix.forEach(walk);
  return out;
}

/** How a reference to section `id` reads: "Section 3.2" or "Appendix A.1". */
export function referenceText(doc: ReportDocument, id: string): string {
  const inAppendix = (s: Section): boolean => s.id === id || s.subsections.some(inAppendix);
  const target = allSections(doc).find((s) => s.id === id);
  if (!target) throw new Error(`reference to unknown section ${id}`);
  return `${doc.appendix.some(inAppendix) ? 'Appendix' : 'Section'} ${target.number}`;
}

/** Every LaTeX string of the document (for checking that each one parses). */
export function allFormulas(doc: ReportDocument): Array<{ latex: string; display: boolean }> {
  const out: Array<{ latex: string; display: boolean }> = [];
  const inline = (xs: readonly Inline[]) => {
    for (const x of xs) if (x.kind === 'math') out.push({ latex: x.latex, display: false });
  };
  const rows = (rs: readonly EquationRow[]) => out.push({ latex: alignedLatex(rs), display: true });
  for (const s of allSections(doc)) {
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'paragraph':
          inline(b.content);
          break;
        case 'equation':
          rows(b.rows);
          break;
        case 'steps':
          for (const st of b.steps) {
            inline(st.because);
            rows(st.rows);
            if (st.where) rows(st.where);
          }
          break;
        case 'table':
          b.header.forEach(inline);
          b.rows.forEach((r) => r.forEach(inline));
          break;
        case 'list':
          b.items.forEach(inline);
          break;
        case 'matrix-summary':
          inline(b.caption);
          for (const x of [...b.rowBlocks, ...b.colBlocks]) out.push({ latex: x.label, display: false });
          break;
        case 'figure':
          inline(b.caption);
          break;
        case 'heading':
          break;
      }
    }
  }
  inline(doc.subtitle);
  return out;
}

/** Every figure of the document in reading order (body, then appendix): figure k is `[k - 1]`. */
export function allFigures(doc: ReportDocument): FigureBlock[] {
  return allSections(doc).flatMap((s) => s.blocks.filter((b): b is FigureBlock => b.kind === 'figure'));
}

/** The file a figure is written to beside the report: `scalar-trajectories.svg`. */
export function figureFileName(doc: ReportDocument, id: string, extension: 'svg' | 'pdf'): string {
  // One dot only: graphicx reads everything after the first dot as the extension.
  return `${doc.fileBase.replace(/\./g, '_')}-${id}.${extension}`;
}

/** "Figure 2": figures are numbered in reading order, the same way in every format. */
export function figureLabel(doc: ReportDocument, id: string): string {
  const k = allFigures(doc).findIndex((f) => f.id === id);
  if (k < 0) throw new Error(`unknown figure ${id}`);
  return `Figure ${k + 1}`;
}

/** The rows as the body of an `aligned` environment (shared notation, not a printer). */
export function alignedLatex(rows: readonly EquationRow[]): string {
  return `\\begin{aligned}\n${rows.map((r) => `${r.left} &${r.right}`).join(' \\\\\n')}\n\\end{aligned}`;
}
