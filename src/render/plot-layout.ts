/**
 * Lays a figure out as marks (lines, polylines, dots, text) in points (1/72 in), origin at the
 * top left, y downwards. One layout, two writers: src/render/svg.ts and src/render/pdf.ts only
 * serialise these marks, so a figure looks the same in every format.
 *
 * Example: `const { width, height, marks } = layoutFigure(figure)`.
 */
import type { Axis, Figure, Panel } from '../report/figure.js';
import { textWidth } from './helvetica.js';

/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies and in print
 * (their yellow, too pale on white, replaced by Tol's wine). Series beyond 8 reuse them.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#882255'] as const;
const INK = '#000000';
const GUIDE = '#777777';
/** Light enough that the flows drawn over the direction field stay the figure's subject. */
const FIELD = '#b0b0b0';
/** Level curves: lighter than the flows, blue-grey so they do not read as part of the direction field. */
const LEVEL = '#9fb4c8';
const ARROW_LENGTH = 7;

export type Mark =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number; dashed: boolean }
  | { kind: 'polyline'; points: number[]; color: string; width: number; dashed?: boolean }
  | { kind: 'dot'; x: number; y: number; r: number; color: string }
  /** An open circle: a stroked, unfilled dot. */
  | { kind: 'ring'; x: number; y: number; r: number; color: string; width: number }
  /** A shaft from (x1, y1) to the tip (x2, y2) and a filled triangular head `head` long. */
  | { kind: 'arrow'; x1: number; y1: number; x2: number; y2: number; head: number; color: string; width: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; vertical: boolean; bold: boolean };

/** A piece of a label in one style. */
export interface TextRun {
  text: string;
  /** A letter of a formula (drawn oblique). */
  italic: boolean;
  /** A subscript: `SUB_SCALE` of the size, lowered by `SUB_DROP` of the size. */
  sub: boolean;
}

export const SUB_SCALE = 0.7;
export const SUB_DROP = 0.25;

/**
 * The runs of a label (src/report/figure.ts): between `$…$` it is a formula, whose letters are
 * italic and `_{…}` a subscript; elsewhere plain text. Neighbouring runs of one style merge,
 * so a plain label is one run. Example: `'$A_{11} = 0$'` → A (italic), 11 (subscript), ' = 0'.
 */
export function textRuns(label: string): TextRun[] {
  const runs: TextRun[] = [];
  const push = (text: string, italic: boolean, sub: boolean) => {
    const last = runs[runs.length - 1];
    if (last && last.italic === italic && last.sub === sub) last.text += text;
    else if (text !== '') runs.push({ text, italic, sub });
  };
  label.split('$').forEach((part, k) => {
    if (k % 2 === 0) return push(part, false, false);
    for (const [, sub, plain] of part.matchAll(/_\{([^}]*)\}|([^_]+|_)/g)) {
      for (const piece of (sub ?? plain!).match(/[A-Za-z]+|[^A-Za-z]+/g) ?? []) push(piece, /^[A-Za-z]/.test(piece), sub !== undefined);
    }
  });
  return runs;
}

/** The advance width of a label in points, by the Helvetica metrics (oblique has the upright widths). */
export function labelWidth(label: string, size: number, bold: boolean): number {
  return textRuns(label).reduce((w, r) => w + textWidth(r.text, r.sub ? size * SUB_SCALE : size, bold), 0);
}

/** A coordinate with at most two decimals, so the same figure gives the same bytes in every writer. */
export function coordinate(v: number): string {
  const s = v.toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

export interface Layout {
  width: number;
  height: number;
  marks: Mark[];
}

/** The text width of the LaTeX report (letter paper, 1 in margins). */
export const FIGURE_WIDTH = 468;
const PANEL_HEIGHT = 170;
const LEGEND_HEIGHT = 16;
const MARGIN = { left: 42, right: 8, top: 16, bottom: 30 };
const TICK = 3;
const FONT = 7.5;

const colorOf = (index: number): string => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;

function scale(axis: Axis, from: number, to: number): (v: number) => number {
  const span = axis.max - axis.min || 1;
  return (v) => from + ((v - axis.min) / span) * (to - from);
}

function panelMarks(panel: Panel, left: number, width: number): Mark[] {
  const x0 = left + MARGIN.left;
  const x1 = left + width - MARGIN.right;
  const y0 = MARGIN.top;
  const y1 = PANEL_HEIGHT - MARGIN.bottom;
  const sx = scale(panel.x, x0, x1);
  const sy = scale(panel.y, y1, y0);
  const inX = (v: number) => v >= panel.x.min && v <= panel.x.max;
  const inY = (v: number) => v >= panel.y.min && v <= panel.y.max;
  const marks: Mark[] = [];
  const line = (a: number, b: number, c: number, d: number, color = INK, w = 0.6, dashed = false) =>
    marks.push({ kind: 'line', x1: a, y1: b, x2: c, y2: d, color, width: w, dashed });
  const label = (x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end', extra: Partial<{ vertical: boolean; bold: boolean; size: number }> = {}) =>
    marks.push({ kind: 'text', x, y, text, size: extra.size ?? FONT, anchor, vertical: extra.vertical ?? false, bold: extra.bold ?? false });

  for (const a of panel.arrows) {
    if (!inX(a.x) || !inY(a.y)) continue;
    // The direction on the page (axes have different scales; y points down), centred on the point.
    const ux = sx(a.x + a.dx) - sx(a.x);
    const uy = sy(a.y + a.dy) - sy(a.y);
    const norm = Math.hypot(ux, uy);
    if (!(norm > 0) || !Number.isFinite(norm)) continue;
    const hx = ((ux / norm) * ARROW_LENGTH) / 2;
    const hy = ((uy / norm) * ARROW_LENGTH) / 2;
    const [cx, cy] = [sx(a.x), sy(a.y)];
    marks.push({ kind: 'arrow', x1: cx - hx, y1: cy - hy, x2: cx + hx, y2: cy + hy, head: 2.4, color: FIELD, width: 0.5 });
  }
  for (const curve of panel.levelCurves ?? []) {
    const run = curve.flatMap(([x, y]) => [sx(x), sy(y)]);
    if (run.length > 2 && run.every(Number.isFinite)) marks.push({ kind: 'polyline', points: run, color: LEVEL, width: 0.5 });
  }
  for (const g of panel.guides) {
    if (g.orientation === 'vertical' && inX(g.at)) {
      line(sx(g.at), y0, sx(g.at), y1, GUIDE, 0.6, true);
      label(sx(g.at) + 2, y0 + FONT, g.label, 'start');
    }
    if (g.orientation === 'horizontal' && inY(g.at)) {
      line(x0, sy(g.at), x1, sy(g.at), GUIDE, 0.6, true);
      // At the left, under the line: flows converging onto an equilibrium line crowd its right end.
      label(x0 + 2, sy(g.at) + FONT + 1, g.label, 'start');
    }
  }
  for (const s of panel.series) {
    const color = colorOf(s.color);
    // Runs of consecutive points inside the panel: a point off the ranges (or not finite) breaks the line.
    const runs: number[][] = [[]];
    for (const [x, y] of s.points) {
      const px = sx(x);
      const py = sy(y);
      if (inX(x) && inY(y) && Number.isFinite(px) && Number.isFinite(py)) runs[runs.length - 1]!.push(px, py);
      else if (runs[runs.length - 1]!.length > 0) runs.push([]);
    }
    for (const run of runs) if (run.length > 2) marks.push({ kind: 'polyline', points: run, color, width: 1, ...(s.dashed ? { dashed: true } : {}) });
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), [] as number[]);
    if (s.travelArrow && longest.length >= 4) marks.push(travelArrow(longest, color));
    const [fx, fy] = s.points[0] ?? [NaN, NaN];
    if (s.startMarker && inX(fx) && inY(fy)) marks.push({ kind: 'ring', x: sx(fx), y: sy(fy), r: 2, color, width: 0.8 });
    const [lx, ly] = s.points[s.points.length - 1] ?? [NaN, NaN];
    if (s.endMarker && inX(lx) && inY(ly) && Number.isFinite(sx(lx)) && Number.isFinite(sy(ly))) marks.push({ kind: 'dot', x: sx(lx), y: sy(ly), r: 1.8, color });
  }
  // Frame, ticks and labels drawn last, over the curves.
  line(x0, y1, x1, y1);
  line(x0, y0, x0, y1);
  line(x0, y0, x1, y0, INK, 0.3);
  line(x1, y0, x1, y1, INK, 0.3);
  for (const t of panel.x.ticks.filter((t) => inX(t.at))) {
    line(sx(t.at), y1, sx(t.at), y1 + TICK);
    label(sx(t.at), y1 + TICK + FONT, t.label, 'middle');
  }
  for (const t of panel.y.ticks.filter((t) => inY(t.at))) {
    line(x0 - TICK, sy(t.at), x0, sy(t.at));
    label(x0 - TICK - 1.5, sy(t.at) + FONT / 3, t.label, 'end');
  }
  label((x0 + x1) / 2, PANEL_HEIGHT - 4, panel.x.label, 'middle');
  label(left + 9, (y0 + y1) / 2, panel.y.label, 'middle', { vertical: true });
  label((x0 + x1) / 2, y0 - 5, panel.title, 'middle', { bold: true, size: 8.5 });
  return marks;
}

/**
 * An arrowhead on a drawn line (page coordinates x, y, x, y, …) at half its length, pointing
 * along it: the way a flow travels.
 */
function travelArrow(run: number[], color: string): Mark {
  const segment = (k: number) => Math.hypot(run[k + 2]! - run[k]!, run[k + 3]! - run[k + 1]!);
  let total = 0;
  for (let k = 0; k + 3 < run.length; k += 2) total += segment(k);
  let k = 0;
  for (let walked = 0; k + 5 < run.length && walked + segment(k) < total / 2; k += 2) walked += segment(k);
  const [x1, y1, x2, y2] = [run[k]!, run[k + 1]!, run[k + 2]!, run[k + 3]!];
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
  const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
  return { kind: 'arrow', x1: mx - ux * 1.5, y1: my - uy * 1.5, x2: mx + ux * 2.5, y2: my + uy * 2.5, head: 4, color, width: 1 };
}

/** The legend in rows that wrap at the figure's width; returns its marks and its height. */
function legendMarks(figure: Figure, top: number): { marks: Mark[]; height: number } {
  const marks: Mark[] = [];
  let x = MARGIN.left;
  let y = top + LEGEND_HEIGHT / 2 + 2;
  for (const entry of figure.legend) {
    const width = 24 + labelWidth(entry.label, FONT, false);
    if (x > MARGIN.left && x + width > FIGURE_WIDTH - MARGIN.right) {
      x = MARGIN.left;
      y += LEGEND_HEIGHT;
    }
    const color = colorOf(entry.color);
    marks.push({ kind: 'line', x1: x, y1: y - 2.5, x2: x + 12, y2: y - 2.5, color, width: 1.5, dashed: false });
    marks.push({ kind: 'text', x: x + 15, y, text: entry.label, size: FONT, anchor: 'start', vertical: false, bold: false });
    x += width;
  }
  return { marks, height: figure.legend.length === 0 ? 0 : y + LEGEND_HEIGHT / 2 - 2 - top };
}

/**
 * The three corners of an arrow's head: the tip and two points `head` back from it, spread ±0.4
 * of the head's length across the shaft. Both writers fill this triangle.
 */
export function arrowHead(m: Extract<Mark, { kind: 'arrow' }>): number[] {
  const len = Math.hypot(m.x2 - m.x1, m.y2 - m.y1) || 1;
  const [ux, uy] = [(m.x2 - m.x1) / len, (m.y2 - m.y1) / len];
  const [bx, by] = [m.x2 - ux * m.head, m.y2 - uy * m.head];
  const w = 0.4 * m.head;
  return [m.x2, m.y2, bx - uy * w, by + ux * w, bx + uy * w, by - ux * w];
}

export function layoutFigure(figure: Figure): Layout {
  const width = FIGURE_WIDTH;
  const panelWidth = width / Math.max(1, figure.panels.length);
  const marks = figure.panels.flatMap((p, k) => panelMarks(p, k * panelWidth, panelWidth));
  const legend = legendMarks(figure, PANEL_HEIGHT);
  marks.push(...legend.marks);
  return { width, height: PANEL_HEIGHT + legend.height, marks };
}
