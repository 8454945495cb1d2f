/**
 * The simulation's figures, as the report's figure data (src/report/figure.ts), written by the
 * same SVG and PDF writers: the metrics of each procedure's first run over the steps (encoder
 * norm, std of the normalised codes, effective rank), and the collapse share against the swept
 * parameter with its Wilson intervals (a vertical bar at each value).
 *
 * Example: `figureSvg(metricsFigure(result), 'metrics')`.
 */
import { type Figure, type Panel, type Series, niceTicks, paddedRange, roundForFigure } from '../report/figure.js';
import { getProcedure } from '../procedures/index.js';
import type { JobResult } from './job.js';
import type { LoopRecord } from './loop.js';

const label = (name: string) => getProcedure(name).words.label;

function panel(title: string, yLabel: string, xLabel: string, series: Series[], includeZero: boolean): Panel {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = paddedRange(xs, true);
  const [y0, y1] = paddedRange(ys, includeZero);
  return {
    title,
    x: { label: xLabel, min: x0, max: x1, ticks: niceTicks(x0, x1, 4) },
    y: { label: yLabel, min: y0, max: y1, ticks: niceTicks(y0, y1, 4) },
    series,
    guides: [],
    arrows: [],
  };
}

export function metricsFigure(result: JobResult): Figure {
  const metric = (title: string, y: string, pick: (r: LoopRecord) => number): Panel =>
    panel(
      title,
      y,
      'step',
      result.shares.map((s, k) => ({ color: k, endMarker: true, points: s.records.map((r): [number, number] => [r.step, roundForFigure(pick(r))]) })),
      true,
    );
  return {
    panels: [
      metric('Encoder norm', '$‖A‖$', (r) => r.encoderNorm),
      metric('Std of normalised codes', 'std', (r) => r.codeStd),
      metric('Effective rank of A', 'rank', (r) => r.effectiveRank),
    ],
    legend: result.shares.map((s, k) => ({ color: k, label: label(s.procedure) })),
  };
}

export function sweepFigure(parameter: string, results: readonly JobResult[]): Figure {
  const names = results[0]?.shares.map((s) => s.procedure) ?? [];
  const series: Series[] = names.flatMap((name, k) => {
    const at = results.map((r) => [r.sweep!.value, r.shares.find((s) => s.procedure === name)!] as const);
    return [
      { color: k, endMarker: false, points: at.map(([v, s]): [number, number] => [v, roundForFigure(s.share)]) },
      ...at.map(([v, s]): Series => ({ color: k, endMarker: false, points: [[v, roundForFigure(s.interval[0])], [v, roundForFigure(s.interval[1])]] })),
    ];
  });
  const p = panel('Share of runs that collapse (Wilson 95%)', 'share', parameter, series, true);
  const [x0, x1] = paddedRange(results.map((r) => r.sweep!.value), false);
  const fixed: Panel = { ...p, x: { label: parameter, min: x0, max: x1, ticks: niceTicks(x0, x1, 4) }, y: { label: 'share', min: 0, max: 1.05, ticks: niceTicks(0, 1, 4) } };
  return { panels: [fixed], legend: names.map((n, k) => ({ color: k, label: label(n) })) };
}

/** The colours of an end's verdict in the spectrum figure (palette indices). */
const VERDICT_COLOR = { notCollapsed: 0, collapsed: 1, undecided: 6 } as const;

/**
 * The eigenvalues of each procedure's Jacobian at its loops' ends, in the complex plane: one
 * panel per procedure, a dot per eigenvalue, coloured by the end's collapse verdict, and the
 * imaginary axis dashed (eigenvalues right of it grow). All panels share their ranges.
 */
export function spectrumFigure(result: JobResult): Figure {
  const all = result.shares.flatMap((s) => s.endSpectra.flatMap((e) => e.eigenvalues));
  const [x0, x1] = paddedRange([...all.map(([re]) => re), 0], true);
  const top = Math.max(...paddedRange(all.map(([, im]) => Math.abs(im)), true).map(Math.abs));
  const x = { label: 'Re of eigenvalue', min: x0, max: x1, ticks: niceTicks(x0, x1, 4) };
  const y = { label: 'Im', min: -top, max: top, ticks: niceTicks(-top, top, 4) };
  const colorOf = (collapsed: boolean | null) => (collapsed === true ? VERDICT_COLOR.collapsed : collapsed === false ? VERDICT_COLOR.notCollapsed : VERDICT_COLOR.undecided);
  const panels = result.shares.map(
    (s): Panel => ({
      title: label(s.procedure),
      x,
      y,
      series: s.endSpectra.flatMap((e) =>
        e.eigenvalues.map(([re, im]): Series => ({ color: colorOf(e.collapsed), endMarker: true, points: [[roundForFigure(re), roundForFigure(im)]] })),
      ),
      guides: [{ orientation: 'vertical', at: 0, label: 'Re = 0' }],
      arrows: [],
    }),
  );
  const seen = new Set(result.shares.flatMap((s) => s.endSpectra.map((e) => colorOf(e.collapsed))));
  const legend = [
    { color: VERDICT_COLOR.notCollapsed, label: 'end not collapsed' },
    { color: VERDICT_COLOR.collapsed, label: 'end collapsed' },
    { color: VERDICT_COLOR.undecided, label: 'end undecided' },
  ].filter((l) => seen.has(l.color));
  return { panels, legend };
}
