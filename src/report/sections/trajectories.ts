/**
 * Section "Trajectories": the float flows of every procedure from the same seeded starts, as
 * figures (the encoder norm over time; the phase plane when encoder and predictor have one
 * parameter each) and a table of where each flow ended. Evidence of level numerical: it shows
 * C2/C3 at work (GD's encoder shrinks to 0, SG's and EMA's do not) and decides nothing.
 */
import {
  COLLAPSED,
  NOT_COLLAPSED,
  type ProcedureTrajectories,
  TRAJECTORY_BLOW_UP,
  TRAJECTORY_MAX_STEPS,
  TRAJECTORY_MAX_TIME,
  TRAJECTORY_REST,
  type Trajectory,
} from '../../analyses/trajectories.js';
import { equilibria, invariants } from '../../analyses/index.js';
import { Rational } from '../../exact/rational.js';
import { targetToEncoder } from '../../model/parameters.js';
import { Poly } from '../../poly/poly.js';
import { variableLatex } from '../../notation/latex-poly.js';
import type { BuiltSection, ReportContext } from '../context.js';
import { levelCurve } from '../contour.js';
import { type Block, type Inline, math, paragraph, ref, text } from '../document.js';
import { type Arrow, type Axis, type Figure, type Guide, type Panel, logTimeAxis, niceTicks, paddedRange, roundForFigure } from '../figure.js';
import { count, floatLatex } from './dynamics-format.js';
import { getProcedure } from '../../procedures/index.js';
import { READING } from '../reading-ids.js';
import { registerSection } from './registry.js';

const title = (p: ProcedureTrajectories) => getProcedure(p.name).words.label;

function normFigure(all: ProcedureTrajectories[]): Figure {
  const longest = Math.max(0, ...all.flatMap((p) => p.trajectories.map((t) => t.end.t)));
  const [, top] = paddedRange(all.flatMap((p) => p.trajectories.flatMap((t) => t.samples.map((s) => s.encoderNorm))), true);
  const y: Axis = { label: '$‖A‖$  (encoder norm)', min: 0, max: top, ticks: niceTicks(0, top) };
  const panels = all.map(
    (p): Panel => ({
      title: title(p),
      x: logTimeAxis(longest),
      y,
      series: p.trajectories.map((t) => ({
        color: t.start - 1,
        points: t.samples.map((s) => [roundForFigure(Math.log10(1 + s.t)), roundForFigure(s.encoderNorm)] as [number, number]),
        endMarker: t.status === 'rest',
      })),
      guides: [],
      arrows: [],
    }),
  );
  return { panels, legend: legend(all) };
}

function legend(all: ProcedureTrajectories[]): Figure['legend'] {
  const starts = all[0]?.trajectories.length ?? 0;
  return Array.from({ length: starts }, (_, k) => ({ color: k, label: `start ${k + 1}` }));
}

/** A line of the (a, b) plane: a = at (vertical) or b = at (horizontal). */
export interface PlaneLine {
  orientation: 'vertical' | 'horizontal';
  at: Rational;
}

/**
 * `e` as v^k·g(u) with g linear in u alone: the line u = root of g (where v ≠ 0, and a line
 * through the plane only if e is exactly that product, so 5/2·a·b − 2·a gives b = 4/5 and
 * a·b − a² gives nothing). Null otherwise.
 */
function lineOf(e: Poly, u: number, v: number): Rational | null {
  if (e.variables().some((w) => w !== u && w !== v)) return null;
  const one = Poly.constant(e.ring, Rational.ONE);
  const g = e.substitute(v, one);
  if (g.degree() !== 1 || g.variables().length !== 1 || g.variables()[0] !== u) return null;
  for (let k = 0, vk = one; k <= e.degree(); k++, vk = vk.mul(Poly.variable(e.ring, v))) {
    if (e.equals(g.mul(vk))) return g.constantTerm().neg().div(g.derivative(u).constantTerm());
  }
  return null;
}

/**
 * The line of the (a, b) plane an equilibrium component is, read off its equations: restricted
 * to the plane (each target variable renamed to its encoder twin, T = A, where EMA's equilibria
 * lie), every equation that does not vanish must give the same line by `lineOf`. Null for a
 * component that is no line of this plane (a point, a curve, a set not of this form).
 */
export function componentLine(equations: readonly Poly[], a: number, b: number, toEncoder: ReadonlyMap<number, number>): PlaneLine | null {
  let line: PlaneLine | null = null;
  for (const e of equations.map((q) => q.renameVariables(toEncoder)).filter((q) => !q.isZero())) {
    const vertical = lineOf(e, a, b);
    const horizontal = vertical === null ? lineOf(e, b, a) : null;
    const found: PlaneLine | null = vertical ? { orientation: 'vertical', at: vertical } : horizontal ? { orientation: 'horizontal', at: horizontal } : null;
    if (!found || (line && (line.orientation !== found.orientation || !line.at.equals(found.at)))) return null;
    line = found;
  }
  return line;
}

/** A state name as a formula of a figure label: A_1_1 → A_{11} (src/report/figure.ts). */
export function mathLabel(name: string): string {
  const [symbol, ...indices] = name.split('_');
  return indices.length === 0 ? symbol! : `${symbol}_{${indices.join('')}}`;
}

/** A procedure and where the plane's two coordinates sit in its state (the first encoder and predictor entries). */
export type PlaneSlots = Pick<ProcedureTrajectories, 'name' | 'encoderSlots' | 'predictorSlots'>;

/** Columns and rows of the direction field's grid. */
const FIELD_GRID = 9;

/**
 * The direction field of one procedure on a grid over the panel, from its float field; a
 * target coordinate (EMA's T) is set to its encoder twin, so EMA's arrows are its field on the
 * slice T = A of its three-dimensional state, where its flows start.
 */
export function fieldArrows(ctx: ReportContext, p: PlaneSlots, x: Axis, y: Axis): Arrow[] {
  const d = ctx.check.derivation.procedures.find((q) => q.procedure.name === p.name);
  if (!d) return [];
  const toEncoder = targetToEncoder(ctx.check.derivation.params);
  const [ia, ib] = [p.encoderSlots[0]!, p.predictorSlots[0]!];
  const twinOfA = d.state.map((v) => toEncoder.get(v) === d.state[ia]);
  const point = new Float64Array(d.state.length);
  const v = new Float64Array(d.state.length);
  const arrows: Arrow[] = [];
  for (let i = 0; i < FIELD_GRID; i++) {
    for (let j = 0; j < FIELD_GRID; j++) {
      // Cell centres: no arrow sits on the frame.
      const a = x.min + ((i + 0.5) / FIELD_GRID) * (x.max - x.min);
      const b = y.min + ((j + 0.5) / FIELD_GRID) * (y.max - y.min);
      point.fill(0);
      point[ia] = a;
      point[ib] = b;
      twinOfA.forEach((twin, k) => twin && (point[k] = a));
      d.float.value(point, v);
      arrows.push({ x: roundForFigure(a), y: roundForFigure(b), dx: roundForFigure(v[ia]!), dy: roundForFigure(v[ib]!) });
    }
  }
  return arrows;
}

/** The components of a procedure's equilibrium set that are lines of the plane, as dashed guides. */
export function equilibriumGuides(ctx: ReportContext, p: PlaneSlots, names: [string, string]): Guide[] {
  const finding = ctx.check.procedures.find((c) => c.name === p.name)?.results.get(equilibria);
  const d = ctx.check.derivation.procedures.find((q) => q.procedure.name === p.name);
  if (!finding || !d) return [];
  const toEncoder = targetToEncoder(ctx.check.derivation.params);
  const [a, b] = [d.state[p.encoderSlots[0]!]!, d.state[p.predictorSlots[0]!]!];
  const guides: Guide[] = [];
  for (const c of finding.components) {
    const line = componentLine(c.equations, a, b, toEncoder);
    if (!line || guides.some((g) => g.orientation === line.orientation && g.at === line.at.toNumber())) continue;
    guides.push({ orientation: line.orientation, at: line.at.toNumber(), label: `$${names[line.orientation === 'vertical' ? 0 : 1]} = ${line.at.toString()}$` });
  }
  return guides;
}

/** A polynomial's value at a float point (`value(variable index)`). */
function floatValue(q: Poly, value: (v: number) => number): number {
  let total = 0;
  for (const [m, c] of q.sortedTerms()) {
    let term = c.toNumber();
    for (let i = 0; i < m.length; i++) term *= value(m.charCodeAt(i));
    total += term;
  }
  return total;
}

/**
 * The level sets of the procedure's first conserved quantity through the starts of its flows,
 * when that quantity is a function of the plane's two coordinates alone (SG's and EMA's
 * a² − b² on the scalar model): each flow stays on its own curve. Empty otherwise.
 */
function conservedLevels(ctx: ReportContext, p: ProcedureTrajectories, x: Axis, y: Axis): Array<Array<[number, number]>> {
  const q = ctx.check.procedures.find((c) => c.name === p.name)?.results.get(invariants)?.basis[0];
  const d = ctx.check.derivation.procedures.find((c) => c.procedure.name === p.name);
  if (!q || !d) return [];
  const [a, b] = [d.state[p.encoderSlots[0]!]!, d.state[p.predictorSlots[0]!]!];
  if (!q.variables().every((v) => v === a || v === b)) return [];
  const f = (u: number, w: number) => floatValue(q, (v) => (v === a ? u : w));
  const levels = [...new Set(p.trajectories.map((t) => roundForFigure(f(t.samples[0]!.x[p.encoderSlots[0]!]!, t.samples[0]!.x[p.predictorSlots[0]!]!))))];
  return levels.flatMap((c) =>
    levelCurve(f, [x.min, x.max], [y.min, y.max], c).map((curve) => curve.map(([u, w]) => [roundForFigure(u), roundForFigure(w)] as [number, number])),
  );
}

/** The (A, B) plane when both blocks have one free parameter (the scalar model of docs/math.md 5). */
function phaseFigure(ctx: ReportContext, all: ProcedureTrajectories[]): Figure | null {
  const planar = all.every((p) => p.encoderSlots.length === 1 && p.predictorSlots.length === 1);
  if (!planar || all.length === 0) return null;
  const [a] = all[0]!.encoderSlots;
  const [b] = all[0]!.predictorSlots;
  const points = (p: ProcedureTrajectories, t: Trajectory) =>
    t.samples.map((s) => [roundForFigure(s.x[p.encoderSlots[0]!]!), roundForFigure(s.x[p.predictorSlots[0]!]!)] as [number, number]);
  const xs = all.flatMap((p) => p.trajectories.flatMap((t) => points(p, t).map(([x]) => x)));
  const ys = all.flatMap((p) => p.trajectories.flatMap((t) => points(p, t).map(([, yv]) => yv)));
  const [x0, x1] = paddedRange([...xs, 0], false);
  const [y0, y1] = paddedRange(ys, false);
  const names: [string, string] = [mathLabel(all[0]!.stateNames[a!]!), mathLabel(all[0]!.stateNames[b!]!)];
  const x: Axis = { label: `$${names[0]}$`, min: x0, max: x1, ticks: niceTicks(x0, x1, 4) };
  const y: Axis = { label: `$${names[1]}$`, min: y0, max: y1, ticks: niceTicks(y0, y1, 4) };
  const panels = all.map(
    (p): Panel => ({
      title: p.stateNames.length > 2 ? `${title(p)} (projection)` : title(p),
      x,
      y,
      series: p.trajectories.map((t) => ({ color: t.start - 1, points: points(p, t), endMarker: t.status === 'rest', startMarker: true, travelArrow: true })),
      guides: equilibriumGuides(ctx, p, names),
      arrows: fieldArrows(ctx, p, x, y),
      levelCurves: conservedLevels(ctx, p, x, y),
    }),
  );
  return { panels, legend: legend(all) };
}

/** One line per procedure: how many flows ended at rest, collapsed, not collapsed or undecided. */
function summaryRows(all: ProcedureTrajectories[]): Inline[][][] {
  return all.map((p) => {
    const rest = p.trajectories.filter((t) => t.status === 'rest');
    const collapsed = rest.filter((t) => t.end.collapsed === true).length;
    const undecided = rest.filter((t) => t.end.collapsed === null).length;
    const norms = rest.map((t) => t.end.encoderNorm);
    const range = norms.length === 0 ? [text('-')] : [math(`[${floatLatex(Math.min(...norms), 3)}, ${floatLatex(Math.max(...norms), 3)}]`)];
    const diverged = p.trajectories.filter((t) => t.status === 'diverged').length;
    const unfinished = p.trajectories.filter((t) => t.status === 'budget').length;
    return [
      [text(title(p))],
      [text(`${rest.length} of ${p.trajectories.length}`)],
      [text(String(collapsed))],
      [text(String(rest.length - collapsed - undecided) + (undecided > 0 ? `, plus ${undecided} undecided` : ''))],
      [text(diverged + unfinished === 0 ? '0' : [diverged > 0 ? `${diverged} diverged` : '', unfinished > 0 ? `${unfinished} unfinished` : ''].filter(Boolean).join(', '))],
      range,
    ];
  });
}

function build(ctx: ReportContext): BuiltSection | null {
  const all = ctx.trajectories;
  if (all.length === 0 || all[0]!.trajectories.length === 0) return null;
  const starts = all[0]!.trajectories.length;
  const seed = all[0]!.seed;
  const norm = normFigure(all);
  const phase = phaseFigure(ctx, all);
  const blocks: Block[] = [
    paragraph(
      text(`Numerical evidence: the flows of the first ${count(starts, 'seeded start')} (seed ${seed}, `),
      ref(READING.flows),
      text('), integrated with adaptive steps. A flow is at rest when '),
      math(`\\max_i |V_i| \\le ${floatLatex(TRAJECTORY_REST, 1)}`),
      text(' (then '),
      math('10^{-14}'),
      text(' while '),
      math(`${floatLatex(COLLAPSED, 1)} < \\lVert A\\rVert / (1 + \\lVert A(0)\\rVert) < ${floatLatex(NOT_COLLAPSED, 1)}`),
      text(`, where a small encoder may still be shrinking), unfinished after ${TRAJECTORY_MAX_STEPS} steps or at `),
      math(`t = ${floatLatex(TRAJECTORY_MAX_TIME, 1)}`),
      text(', diverged past '),
      math(floatLatex(TRAJECTORY_BLOW_UP, 1)),
      text('; at rest it is collapsed below the lower of these two bounds on '),
      math('\\lVert A\\rVert / (1 + \\lVert A(0)\\rVert)'),
      text(", not collapsed above the upper, undecided between ("),
      math('\\lVert A\\rVert'),
      text(": the Euclidean norm of the encoder's free entries). In the figures a colour is a start, the same in every panel; a dot marks a flow at rest."),
    ),
    {
      kind: 'figure',
      id: 'trajectories',
      caption: [text('Encoder norm '), math('\\lVert A\\rVert'), text(` along the flow of each procedure from the same ${count(starts, 'start')}; time on a `), math('\\log(1 + t)'), text(' axis.')],
      figure: norm,
    },
  ];
  if (phase) {
    const [a, b] = [all[0]!.stateNames[all[0]!.encoderSlots[0]!]!, all[0]!.stateNames[all[0]!.predictorSlots[0]!]!];
    blocks.push(
      paragraph(
        text('The encoder and the predictor have one parameter each, so the flows can be drawn in the '),
        math(`(${variableLatex(a)}, ${variableLatex(b)})`),
        text(' plane (EMA: the projection of its state), over grey arrows that give the direction of '),
        math('V'),
        text('.'),
        ...(phase.panels.some((q) => q.guides.length > 0)
          ? [text(' Dashed lines: the components of the equilibrium set that are lines of this plane, read off their exact equations')]
          : []),
        ...(phase.panels.some((q) => q.guides.some((g) => g.orientation === 'vertical' && g.at === 0)) ? [text(', such as the collapsed set '), math('A = 0')] : []),
        ...(phase.panels.some((q) => q.guides.length > 0) ? [text('.')] : []),
        text(' Open circles mark the starts, arrowheads the direction of travel'),
        ...(phase.panels.some((q) => (q.levelCurves ?? []).length > 0)
          ? [
              text('; thin blue-grey curves are the level sets through each start of the conserved quantity '),
              math('Q_1'),
              text(' of '),
              ref('comparison'),
              text(' ('),
              text(phase.panels.filter((q) => (q.levelCurves ?? []).length > 0).map((q) => q.title.replace(/ \(projection\)$/, '')).join(', ')),
              text('), which each flow follows'),
            ]
          : []),
        text('.'),
      ),
      {
        kind: 'figure',
        id: 'phase-plane',
        caption: [
          text('The same flows in the '),
          math(`(${variableLatex(a)}, ${variableLatex(b)})`),
          text(' plane over the direction field of each procedure (for EMA at '),
          math('T = A'),
          text('); a dot marks where a flow came to rest.'),
        ],
        figure: phase,
      },
    );
  }
  blocks.push(
    paragraph(text('Where the flows ended (numerical):')),
    {
      kind: 'table',
      header: [[text('procedure')], [text('at rest')], [text('collapsed')], [text('not collapsed')], [text('not at rest')], [text('final '), math('\\lVert A\\rVert'), text(' at rest')]],
      rows: summaryRows(all),
    },
  );
  return {
    id: 'trajectories',
    title: 'Trajectories',
    blocks,
    data: {
      level: 'numerical',
      seed,
      procedures: all.map((p) => ({
        name: p.name,
        state: p.stateNames,
        flows: p.trajectories.map((t) => ({
          start: t.start,
          status: t.status,
          from: t.samples[0]!.x.map(roundForFigure),
          to: t.end.x.map(roundForFigure),
          time: roundForFigure(t.end.t),
          residual: roundForFigure(t.end.residual),
          encoderNorm: roundForFigure(t.end.encoderNorm),
          collapsed: t.end.collapsed,
        })),
      })),
    },
  };
}

registerSection({ id: 'trajectories', order: 80, build });
