/**
 * The figure files a report format needs beside its main file: SVG for Markdown (GitHub shows
 * no inline SVG), PDF for LaTeX (pdflatex reads no SVG); HTML inlines its figures and JSON
 * carries their data, so they need none.
 *
 * Example: `figureFiles(doc, 'tex')` is `[{ name: 'scalar-trajectories.pdf', content: <bytes> }, …]`.
 */
import type { OutputFile } from '../io/safe-write.js';
import { type ReportDocument, allFigures, figureFileName, figureLabel } from '../report/document.js';
import { figurePdf } from './pdf.js';
import { figureSvg } from './svg.js';

export function figureFiles(doc: ReportDocument, format: 'tex' | 'html' | 'md' | 'json'): OutputFile[] {
  if (format === 'md') {
    return allFigures(doc).map((f) => ({ name: figureFileName(doc, f.id, 'svg'), content: figureSvg(f.figure, `${figureLabel(doc, f.id)} of ${doc.title}`) }));
  }
  if (format === 'tex') return allFigures(doc).map((f) => ({ name: figureFileName(doc, f.id, 'pdf'), content: figurePdf(f.figure) }));
  return [];
}
