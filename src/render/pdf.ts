/**
 * A laid-out figure as a one-page vector PDF, for `\includegraphics` in the LaTeX report
 * (pdflatex cannot read SVG, and Debian's texlive-latex-base/-recommended have neither TikZ nor
 * pict2e). The file is PDF 1.4 with one content stream of lines, Bézier dots and text in the
 * standard Helvetica fonts (upright, bold and oblique for the letters of formulas; never embedded; a figure of six flows is a few tens of kilobytes, uncompressed); no dates, no
 * identifiers, so the same figure gives the same bytes.
 *
 * Example: `writeFileSync('scalar-trajectories.pdf', figurePdf(figure))`.
 */
import type { Figure } from '../report/figure.js';
import { ascii } from './helvetica.js';
import { type Mark, SUB_DROP, SUB_SCALE, arrowHead, coordinate, labelWidth, layoutFigure, textRuns } from './plot-layout.js';

const n = coordinate;

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => n(c / 255)).join(' ');
}

/** Content-stream operators of one mark; `h` flips y (PDF's origin is the bottom left). */
function markOps(m: Mark, h: number): string {
  switch (m.kind) {
    case 'line':
      return `${rgb(m.color)} RG ${n(m.width)} w ${m.dashed ? '[3 2] 0 d' : '[] 0 d'} ${n(m.x1)} ${n(h - m.y1)} m ${n(m.x2)} ${n(h - m.y2)} l S`;
    case 'polyline': {
      const ops = [`${rgb(m.color)} RG ${n(m.width)} w [] 0 d 1 j`];
      for (let k = 0; k < m.points.length; k += 2) ops.push(`${n(m.points[k]!)} ${n(h - m.points[k + 1]!)} ${k === 0 ? 'm' : 'l'}`);
      return `${ops.join(' ')} S`;
    }
    case 'arrow': {
      const [tx, ty, lx, ly, rx, ry] = arrowHead(m) as [number, number, number, number, number, number];
      const shaft = `${rgb(m.color)} RG ${n(m.width)} w [] 0 d ${n(m.x1)} ${n(h - m.y1)} m ${n(m.x2)} ${n(h - m.y2)} l S`;
      return `${shaft} ${rgb(m.color)} rg ${n(tx)} ${n(h - ty)} m ${n(lx)} ${n(h - ly)} l ${n(rx)} ${n(h - ry)} l h f`;
    }
    case 'dot': {
      // A circle as four cubic Béziers (control distance 0.5523 r).
      const { x, r } = m;
      const y = h - m.y;
      const c = 0.5523 * r;
      return [
        `${rgb(m.color)} rg ${n(x + r)} ${n(y)} m`,
        `${n(x + r)} ${n(y + c)} ${n(x + c)} ${n(y + r)} ${n(x)} ${n(y + r)} c`,
        `${n(x - c)} ${n(y + r)} ${n(x - r)} ${n(y + c)} ${n(x - r)} ${n(y)} c`,
        `${n(x - r)} ${n(y - c)} ${n(x - c)} ${n(y - r)} ${n(x)} ${n(y - r)} c`,
        `${n(x + c)} ${n(y - r)} ${n(x + r)} ${n(y - c)} ${n(x + r)} ${n(y)} c f`,
      ].join(' ');
    }
    case 'text': {
      const w = labelWidth(m.text, m.size, m.bold);
      const shift = m.anchor === 'start' ? 0 : m.anchor === 'middle' ? w / 2 : w;
      const y = h - m.y;
      // Along the baseline: rightwards, or upwards for a vertical label (rotated 90°).
      const matrix = m.vertical ? `0 1 -1 0 ${n(m.x)} ${n(y - shift)}` : `1 0 0 1 ${n(m.x - shift)} ${n(y)}`;
      // One Tj per run, each advancing the pen; a subscript is smaller and lowered by the text
      // rise (Ts), which belongs to the graphics state and so is set back to 0 after it.
      const runs = textRuns(m.text).map((r) => {
        const font = m.bold ? 'F2' : r.italic ? 'F3' : 'F1';
        const size = r.sub ? m.size * SUB_SCALE : m.size;
        const rise = r.sub ? ` ${n(-SUB_DROP * m.size)} Ts` : '';
        const escaped = ascii(r.text).replace(/[\\()]/g, '\\$&');
        return `/${font} ${n(size)} Tf${rise} (${escaped}) Tj${rise ? ' 0 Ts' : ''}`;
      });
      return `BT 0 g ${matrix} Tm ${runs.join(' ')} ET`;
    }
  }
}

export function figurePdf(figure: Figure): Uint8Array {
  const { width, height, marks } = layoutFigure(figure);
  const content = ['1 J', ...marks.map((m) => markOps(m, height))].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(width)} ${n(height)}] /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${k + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
