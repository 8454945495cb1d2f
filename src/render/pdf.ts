/**
 * A laid-out figure as a one-page vector PDF, for `\includegraphics` in the LaTeX report
 * (pdflatex cannot read SVG, and Debian's texlive-latex-base/-recommended have neither TikZ nor
 * pict2e). The file is PDF 1.4 with one content stream of lines, Bézier dots and text. Its text is
 * set in Nimbus Sans (regular, bold, and italic for the letters of formulas), embedded as subsets
 * of the Type 1 programs holding only the glyphs the figure uses (src/render/figure-fonts.ts), so
 * the figure shows the same on every viewer and passes a journal's font check; where those fonts
 * are not installed it names the standard Helvetica instead. Streams are deflated (FlateDecode, at
 * zlib's highest level): a phase portrait with level curves is about a quarter of its plain size.
 * No dates, no identifiers, so the same figure (and font files, and Node's zlib) give the same
 * bytes.
 *
 * Example: `writeFileSync('scalar-trajectories.pdf', figurePdf(figure))`.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Figure } from '../report/figure.js';
import { FIGURE_FONTS, type FigureFontStyle, WIN_ANSI_ASCII, figureFont } from './figure-fonts.js';
import { ascii } from './helvetica.js';
import { type Mark, SUB_DROP, SUB_SCALE, arrowHead, coordinate, labelWidth, layoutFigure, textRuns } from './plot-layout.js';
import { subsetType1 } from './type1-font.js';

const n = coordinate;

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => n(c / 255)).join(' ');
}

/** A stream object, deflated; `entries` are the other keys of its dictionary. */
function deflatedStream(bytes: Uint8Array, entries = ''): string {
  const packed = deflateSync(bytes, { level: 9 });
  return `<< /Length ${packed.length} /Filter /FlateDecode${entries} >>\nstream\n${packed.toString('latin1')}\nendstream`;
}

/** The resource name of each font style in the content stream. */
const FONT_RESOURCE: Record<FigureFontStyle, string> = { regular: 'F1', bold: 'F2', italic: 'F3' };

/** The pieces of a text mark, each in one font style and size. */
function textPieces(m: Extract<Mark, { kind: 'text' }>): Array<{ style: FigureFontStyle; text: string; sub: boolean }> {
  return textRuns(m.text).map((r) => ({ style: m.bold ? 'bold' : r.italic ? 'italic' : 'regular', text: ascii(r.text), sub: r.sub }));
}

/** Content-stream operators of one mark; `h` flips y (PDF's origin is the bottom left). */
function markOps(m: Mark, h: number): string {
  switch (m.kind) {
    case 'line':
      return `${rgb(m.color)} RG ${n(m.width)} w ${m.dashed ? '[3 2] 0 d' : '[] 0 d'} ${n(m.x1)} ${n(h - m.y1)} m ${n(m.x2)} ${n(h - m.y2)} l S`;
    case 'polyline': {
      const ops = [`${rgb(m.color)} RG ${n(m.width)} w ${m.dashed ? '[3 2] 0 d' : '[] 0 d'} 1 j`];
      for (let k = 0; k < m.points.length; k += 2) ops.push(`${n(m.points[k]!)} ${n(h - m.points[k + 1]!)} ${k === 0 ? 'm' : 'l'}`);
      return `${ops.join(' ')} S`;
    }
    case 'arrow': {
      const [tx, ty, lx, ly, rx, ry] = arrowHead(m) as [number, number, number, number, number, number];
      const shaft = `${rgb(m.color)} RG ${n(m.width)} w [] 0 d ${n(m.x1)} ${n(h - m.y1)} m ${n(m.x2)} ${n(h - m.y2)} l S`;
      return `${shaft} ${rgb(m.color)} rg ${n(tx)} ${n(h - ty)} m ${n(lx)} ${n(h - ly)} l ${n(rx)} ${n(h - ry)} l h f`;
    }
    case 'dot':
    case 'ring': {
      // A circle as four cubic Béziers (control distance 0.5523 r): a dot filled, a ring
      // filled white (it hides the line under its centre) and stroked.
      const { x, r } = m;
      const y = h - m.y;
      const c = 0.5523 * r;
      const paint = m.kind === 'dot' ? `${rgb(m.color)} rg` : `1 1 1 rg ${rgb(m.color)} RG ${n(m.width)} w [] 0 d`;
      return [
        `${paint} ${n(x + r)} ${n(y)} m`,
        `${n(x + r)} ${n(y + c)} ${n(x + c)} ${n(y + r)} ${n(x)} ${n(y + r)} c`,
        `${n(x - c)} ${n(y + r)} ${n(x - r)} ${n(y + c)} ${n(x - r)} ${n(y)} c`,
        `${n(x - r)} ${n(y - c)} ${n(x - c)} ${n(y - r)} ${n(x)} ${n(y - r)} c`,
        `${n(x + c)} ${n(y - r)} ${n(x + r)} ${n(y - c)} ${n(x + r)} ${n(y)} c ${m.kind === 'dot' ? 'f' : 'b'}`,
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
      const runs = textPieces(m).map((r) => {
        const size = r.sub ? m.size * SUB_SCALE : m.size;
        const rise = r.sub ? ` ${n(-SUB_DROP * m.size)} Ts` : '';
        const escaped = r.text.replace(/[\\()]/g, '\\$&');
        return `/${FONT_RESOURCE[r.style]} ${n(size)} Tf${rise} (${escaped}) Tj${rise ? ' 0 Ts' : ''}`;
      });
      return `BT 0 g ${matrix} Tm ${runs.join(' ')} ET`;
    }
  }
}

/** The codes (printable ASCII) each font style sets in the figure; styles it never uses are absent. */
function codesByStyle(marks: Mark[]): Map<FigureFontStyle, Set<number>> {
  const used = new Map<FigureFontStyle, Set<number>>();
  for (const m of marks) {
    if (m.kind !== 'text') continue;
    for (const piece of textPieces(m)) {
      const codes = used.get(piece.style) ?? new Set<number>();
      for (const ch of piece.text) codes.add(ch.charCodeAt(0));
      used.set(piece.style, codes);
    }
  }
  return used;
}

/** Six capital letters naming a subset, as PDF requires (`ABCDEF+Font`), derived from its glyphs. */
function subsetTag(style: FigureFontStyle, names: string[]): string {
  const digest = createHash('sha256').update(`${style}:${names.join(' ')}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/**
 * The PDF objects of one font style: the font dictionary first, its references to the objects
 * after it numbered from `next`. Embedded: a font, its descriptor and the subset's program.
 */
function fontObjects(style: FigureFontStyle, codes: Set<number>, next: number): string[] {
  const font = figureFont(style);
  if (font === null) return [`<< /Type /Font /Subtype /Type1 /BaseFont /${FIGURE_FONTS[style].standard} /Encoding /WinAnsiEncoding >>`];
  const sorted = [...codes].sort((a, b) => a - b);
  const names = sorted.map((c) => WIN_ANSI_ASCII[c - 32]!);
  const tag = subsetTag(style, names);
  const subset = subsetType1(font, new Set(names), tag);
  const [first, last] = [sorted[0]!, sorted[sorted.length - 1]!];
  const widths: number[] = [];
  for (let c = first; c <= last; c++) widths.push(codes.has(c) ? (font.glyphs.get(WIN_ANSI_ASCII[c - 32]!)?.width ?? 0) : 0);
  const name = `${tag}+${font.fontName}`;
  // Flags: nonsymbolic (32), italic (64). Cap height from the URW metrics files (729 in all three).
  const flags = 32 + (font.italicAngle !== 0 ? 64 : 0);
  const [x0, y0, x1, y1] = font.bbox;
  return [
    `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /FirstChar ${first} /LastChar ${last} /Widths [${widths.join(' ')}] /Encoding /WinAnsiEncoding /FontDescriptor ${next} 0 R >>`,
    `<< /Type /FontDescriptor /FontName /${name} /Flags ${flags} /FontBBox [${x0} ${y0} ${x1} ${y1}] /ItalicAngle ${font.italicAngle} /Ascent ${y1} /Descent ${y0} /CapHeight 729 /StemV ${style === 'bold' ? 140 : 93} /FontFile ${next + 1} 0 R >>`,
    deflatedStream(subset.program, ` /Length1 ${subset.length1} /Length2 ${subset.length2} /Length3 ${subset.length3}`),
  ];
}

export function figurePdf(figure: Figure): Uint8Array {
  const { width, height, marks } = layoutFigure(figure);
  const content = ['1 J', ...marks.map((m) => markOps(m, height))].join('\n');
  // Objects 1–4 are the catalog, page tree, page and content; the fonts follow from 5.
  const fonts: string[] = [];
  const resources: string[] = [];
  for (const [style, codes] of [...codesByStyle(marks)].sort(([a], [b]) => FONT_RESOURCE[a].localeCompare(FONT_RESOURCE[b]))) {
    const number = 5 + fonts.length;
    resources.push(`/${FONT_RESOURCE[style]} ${number} 0 R`);
    fonts.push(...fontObjects(style, codes, number + 1));
  }
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(width)} ${n(height)}] /Resources << /Font << ${resources.join(' ')} >> >> /Contents 4 0 R >>`,
    deflatedStream(Buffer.from(content, 'latin1')),
    ...fonts,
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
