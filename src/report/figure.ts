/**
 * Figures as format-neutral data: panels of line plots in data coordinates, with axes whose
 * ticks are already chosen and labelled. The layout into marks (src/render/plot-layout.ts) and
 * its writers (SVG for HTML and Markdown, PDF for LaTeX) only read this.
 *
 * Example: `{ panels: [{ title: 'SG', x: axis('t', 0, 3, ticks), y: …, series: [{ color: 0, points: [[0, 1], [1, 0.5]] }] }] }`.
 *
 * Text inside a figure (titles, axis and tick labels, legend) is plain ASCII: the PDF writer
 * embeds only the ASCII glyphs of its font (src/render/figure-fonts.ts).
 * A label may hold formulas between `$…$` (src/render/plot-layout.ts `textRuns`): their letters
 * are set italic, `_{…}` as a subscript, and ‖ is allowed there (the PDF draws it as two bars),
 * e.g. `'$A_{11} = 0$'`, `'$‖A‖$ (encoder norm)'`.
 */

export interface Tick {
  /** Position in data coordinates. */
  at: number;
  label: string;
}

export interface Axis {
  label: string;
  min: number;
  max: number;
  ticks: Tick[];
}

export interface Series {
  /** Index into the palette of the writers (colour-blind safe, cycled). */
  color: number;
  /** Points in data coordinates, drawn as one polyline. */
  points: Array<[number, number]>;
  /** A filled dot at the last point (where a flow ended). */
  endMarker: boolean;
  /** An open circle at the first point (where a flow started). */
  startMarker?: boolean;
  /** An arrowhead halfway along the drawn line, pointing the way the points run (a flow's direction of travel). */
  travelArrow?: boolean;
  /** Drawn dashed: a second kind of path beside the solid ones (the continuous flow beside a training loop). */
  dashed?: boolean;
}

/** A dashed reference line across the panel, e.g. the collapsed set a = 0. */
export interface Guide {
  orientation: 'vertical' | 'horizontal';
  at: number;
  label: string;
}

/**
 * One sample of a vector field: its value (dx, dy) at the point (x, y), in data coordinates.
 * Drawn as a short arrow of fixed length along (dx, dy): a direction field shows where the
 * flow goes, and the speeds of these fields differ by orders of magnitude across a panel.
 */
export interface Arrow {
  x: number;
  y: number;
  dx: number;
  dy: number;
}

export interface Panel {
  title: string;
  x: Axis;
  y: Axis;
  series: Series[];
  guides: Guide[];
  /** A direction field drawn under the series (empty for none). */
  arrows: Arrow[];
  /** Thin curves under the series, e.g. level sets of a conserved quantity, as polylines in data coordinates. */
  levelCurves?: Array<Array<[number, number]>>;
}

export interface Figure {
  /** Side by side, left to right. */
  panels: Panel[];
  /** One line under the panels: what the colours mean. */
  legend: Array<{ color: number; label: string }>;
}

/** Round a float for the document so its JSON stays small and stable: 6 significant digits. */
export function roundForFigure(v: number): number {
  return v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6));
}

/** "Nice" ticks (1, 2, 5 × 10^k steps) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): Tick[] {
  if (!(max > min)) return [{ at: min, label: tickLabel(min, 1) }];
  if (!Number.isFinite(max - min)) return [min, max].map((v) => ({ at: v, label: v.toExponential(2) }));
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: Tick[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
    ticks.push({ at: k * step, label: tickLabel(k * step, step) });
  }
  return ticks;
}

/** A tick value with as many decimals as its step needs (no "0.30000000000000004"); very large or small steps in exponent form. */
function tickLabel(value: number, step: number): string {
  if (step >= 1e6 || step < 1e-6) return value === 0 ? '0' : Number(value.toPrecision(12)).toExponential().replace('e+', 'e');
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const s = value.toFixed(Math.min(decimals, 10));
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/** Range [min, max] of some values, widened by a margin and never empty. */
export function paddedRange(values: readonly number[], includeZero: boolean): [number, number] {
  let lo = includeZero ? 0 : Infinity;
  let hi = includeZero ? 0 : -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const size = Math.max(Math.abs(lo), Math.abs(hi));
  if (size === 0) return includeZero ? [0, 1] : [-1, 1];
  // Flat data: a range around it at its own scale (tiny values stay visible).
  if (hi - lo <= 1e-12 * size) return includeZero && lo === 0 ? [0, 2 * hi] : [lo - 0.5 * size, hi + 0.5 * size];
  const pad = 0.05 * (hi / 2 - lo / 2) * 2; // halves first: no overflow near ±Number.MAX_VALUE
  if (!Number.isFinite(lo - pad) || !Number.isFinite(hi + pad)) return [lo, hi];
  return [includeZero && lo === 0 ? 0 : lo - pad, hi + pad];
}

/** The time axis on log(1 + t): ticks at 0 and powers of ten up to the longest flow. */
export function logTimeAxis(longest: number): Axis {
  const max = Math.log10(1 + Math.max(longest, 1e-3)) * 1.02;
  const ticks = [{ at: 0, label: '0' }];
  for (let k = -1; 10 ** k <= Math.max(longest, 1e-3) * 1.02; k++) {
    const at = Math.log10(1 + 10 ** k);
    // Skip ticks that would crowd their neighbour (0.1 next to 0 on a long axis).
    if (at - ticks[ticks.length - 1]!.at < max / 8) continue;
    ticks.push({ at, label: k < 0 ? '0.1' : k <= 3 ? String(10 ** k) : `1e${k}` });
  }
  return { label: '$t$  (axis: log(1 + $t$))', min: 0, max, ticks };
}
