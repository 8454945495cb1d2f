/**
 * The figure files a printer writes beside its report: SVG for Markdown (GitHub shows no inline
 * SVG), PDF for LaTeX (pdflatex reads no SVG). HTML inlines its figures and JSON carries their
 * data, so they register none.
 *
 * Example: `pdfFigureFiles(doc)` is `[{ name: 'scalar-trajectories.pdf', content: <bytes> }, …]`.
 */
import type { OutputFile } from '../io/safe-write.js';
import { type ReportDocument, allFigures, figureFileName, figureLabel } from '../report/document.js';
import { figurePdf } from './pdf.js';
import { figureSvg } from './svg.js';

export function svgFigureFiles(doc: ReportDocument): OutputFile[] {
  return allFigures(doc).map((f) => ({ name: figureFileName(doc, f.id, 'svg'), content: figureSvg(f.figure, `${figureLabel(doc, f.id)} of ${doc.title}`) }));
}

export function pdfFigureFiles(doc: ReportDocument): OutputFile[] {
  return allFigures(doc).map((f) => ({ name: figureFileName(doc, f.id, 'pdf'), content: figurePdf(f.figure) }));
}
