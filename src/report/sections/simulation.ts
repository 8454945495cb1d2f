/**
 * Section "Training loops" (only with `ncssl report --simulate`): the experiment beside the
 * theory. Each procedure run as a minibatch loop from many seeded starts (src/experiments/): the
 * share of runs that collapse with its Wilson 95% interval, how often the loop's end agrees with
 * the continuous flow from the same start, the metrics of the first run over the steps, the
 * collapse share against a swept parameter when one was asked for, and one sentence per
 * procedure setting the loops' outcome against the claim that speaks of it (C3 for GD, C2 for SG
 * and EMA, as the claims section states them). Numerical evidence: it decides no claim.
 */
import type { ClaimVerdict } from '../../analyses/claims.js';
import { equilibria } from '../../analyses/index.js';
import { compileComponents, nearestComponent } from '../../experiments/equilibrium-distance.js';
import type { ProcedureShare } from '../../experiments/collapse-share.js';
import type { Experiment } from '../../experiments/experiment.js';
import { metricsFigure, spectrumFigure, sweepFigure } from '../../experiments/figures.js';
import { LOOP_COLLAPSED, LOOP_NOT_COLLAPSED } from '../../experiments/loop.js';
import { getProcedure, roleOf } from '../../procedures/index.js';
import type { BuiltSection, ReportContext } from '../context.js';
import { type Block, type Inline, code, math, paragraph, ref, text } from '../document.js';
import { type Axis, type Figure, type Panel, niceTicks, paddedRange, roundForFigure } from '../figure.js';
import { equilibriumGuides, fieldArrows, mathLabel } from './trajectories.js';
import { count, floatLatex } from './dynamics-format.js';
import { registerSection } from './registry.js';

const label = (name: string) => getProcedure(name).words.label;
const pct = (x: number) => `${Math.round(100 * x)}%`;

function shareRow(s: ProcedureShare): Inline[][] {
  return [
    [text(label(s.procedure))],
    [text(String(s.runs))],
    [text(String(s.collapsed))],
    [text(String(s.notCollapsed))],
    [text(String(s.undecided + s.diverged) + (s.diverged > 0 ? ` (${s.diverged} diverged)` : ''))],
    [text(`${pct(s.share)} [${pct(s.interval[0])}, ${pct(s.interval[1])}]`)],
    [text(`${s.agreeWithFlow} of ${s.flowsDecided}`)],
  ];
}

/** How the claim came out on this model, in a few words: "C3 holds, proved". */
function claimWords(c: ClaimVerdict | undefined, id: string): string {
  if (!c) return `${id} is not stated for these procedures`;
  if (c.outcome === 'fails') return `${id} fails on this model, counterexample ${c.refutedAt}`;
  if (c.outcome === 'not analysed' || c.outcome === 'undecided') return `${id} is ${c.outcome} here`;
  return `${id} ${c.outcome}, ${c.level}`;
}

export interface LoopComparison {
  procedure: string;
  /** What the theory says of this procedure's flows: GD collapses (C3); SG and EMA avoid collapse in general (C2). */
  predicts: 'collapse' | 'avoid collapse';
  /** Whether the loops show it: some run of GD collapsed and none ended not collapsed; some run of SG or EMA ended not collapsed. */
  agrees: boolean;
  sentence: string;
}

/** One sentence per procedure: its loops' outcome against the claim that speaks of it. */
export function loopComparisons(ctx: ReportContext, experiment: Experiment): LoopComparison[] {
  const claim = (id: string) => ctx.check.claims.find((c) => c.id === id);
  return experiment.main.shares.map((s) => {
    const name = label(s.procedure);
    if (roleOf(getProcedure(s.procedure).recipe) === 'original-objective') {
      const agrees = s.collapsed > 0 && s.notCollapsed === 0;
      const c3 = `minimizing E collapses; ${claimWords(claim('C3'), 'C3')}`;
      const sentence = agrees
        ? `${name}: ${s.collapsed} of ${s.runs} runs collapsed and none ended not collapsed, as the theory says (${c3})`
        : s.notCollapsed > 0
          ? `${name}: ${s.notCollapsed} of ${s.runs} runs ended not collapsed, against the theory (${c3})`
          : `${name}: no run of ${s.runs} ended collapsed or not collapsed, so the loops neither show nor contradict the theory (${c3})`;
      return { procedure: s.procedure, predicts: 'collapse', agrees, sentence };
    }
    const agrees = s.notCollapsed > 0;
    const c2 = `the non-contrastive procedures avoid collapse in general; ${claimWords(claim('C2'), 'C2')}`;
    const sentence = agrees
      ? `${name}: ${s.notCollapsed} of ${s.runs} runs ended not collapsed, as the theory says (${c2})` +
        (s.collapsed > 0 ? `; ${s.collapsed === 1 ? 'the one run that collapsed does' : `the ${s.collapsed} runs that collapsed do`} not contradict it, since C2 speaks of flows in general, not of every start` : '')
      : `${name}: no run of ${s.runs} ended not collapsed, against the theory (${c2})`;
    return { procedure: s.procedure, predicts: 'avoid collapse', agrees, sentence };
  });
}

/**
 * The loops of the first runs in the (a, b) plane when the encoder and the predictor have one
 * entry each, over each procedure's direction field and equilibrium lines (as the Trajectories
 * section draws them), each beside the continuous flow from the same start (dashed). Null for
 * other models.
 */
export function loopPhaseFigure(ctx: ReportContext, experiment: Experiment): Figure | null {
  const { params } = ctx.check.derivation;
  if (params.encoder.variables.length !== 1 || params.predictor.variables.length !== 1) return null;
  const [a, b] = [params.encoder.variables[0]!, params.predictor.variables[0]!];
  const planes = experiment.main.shares.map((s) => {
    const d = ctx.check.derivation.procedures.find((q) => q.procedure.name === s.procedure)!;
    return { share: s, slots: { name: d.procedure.name, encoderSlots: [d.state.indexOf(a)], predictorSlots: [d.state.indexOf(b)] } };
  });
  const xy = (slots: { encoderSlots: number[]; predictorSlots: number[] }, path: number[][]) =>
    path.map((x) => [roundForFigure(x[slots.encoderSlots[0]!]!), roundForFigure(x[slots.predictorSlots[0]!]!)] as [number, number]);
  const points = planes.flatMap(({ share, slots }) => share.paths.flatMap((p) => [...xy(slots, p.loop), ...xy(slots, p.flow)]));
  const [x0, x1] = paddedRange([...points.map(([u]) => u), 0], false);
  const [y0, y1] = paddedRange(points.map(([, v]) => v), false);
  const first = ctx.check.derivation.procedures[0]!;
  const names: [string, string] = [mathLabel(first.stateNames[first.state.indexOf(a)]!), mathLabel(first.stateNames[first.state.indexOf(b)]!)];
  const x: Axis = { label: `$${names[0]}$`, min: x0, max: x1, ticks: niceTicks(x0, x1, 4) };
  const y: Axis = { label: `$${names[1]}$`, min: y0, max: y1, ticks: niceTicks(y0, y1, 4) };
  const panels = planes.map(
    ({ share, slots }): Panel => ({
      title: label(share.procedure) + (ctx.check.derivation.procedures.find((q) => q.procedure.name === share.procedure)!.state.length > 2 ? ' (projection)' : ''),
      x,
      y,
      series: share.paths.flatMap((p, k) => [
        { color: k, points: xy(slots, p.flow), endMarker: false, dashed: true },
        { color: k, points: xy(slots, p.loop), endMarker: true, startMarker: true, travelArrow: true },
      ]),
      guides: equilibriumGuides(ctx, slots, names),
      arrows: fieldArrows(ctx, slots, x, y),
    }),
  );
  const runs = experiment.main.shares[0]?.paths.length ?? 0;
  return { panels, legend: Array.from({ length: runs }, (_, k) => ({ color: k, label: `run ${k + 1}` })) };
}

/** Points of a kept path whose distance is measured (every k-th, the last included). */
const DISTANCE_POINTS = 50;

export interface LoopDistances {
  procedure: string;
  runs: Array<{ seed: number; steps: number[]; distances: Array<number | null>; nearestAtEnd: string | null }>;
}

/**
 * Along each kept run of each procedure whose equilibria were analysed, the distance to the
 * nearest component of its predicted equilibrium set (src/experiments/equilibrium-distance.ts),
 * at up to DISTANCE_POINTS steps, and which component is nearest at the end.
 */
export function loopDistances(ctx: ReportContext, experiment: Experiment): LoopDistances[] {
  return experiment.main.shares.flatMap((s) => {
    const finding = ctx.check.procedures.find((p) => p.name === s.procedure)?.results.get(equilibria);
    const d = ctx.check.derivation.procedures.find((p) => p.procedure.name === s.procedure);
    if (!finding || !d) return [];
    const components = compileComponents(finding.components, d.state);
    const runs = s.paths.map((p) => {
      const every = Math.max(1, Math.ceil((p.loop.length - 1) / (DISTANCE_POINTS - 1)));
      const at = p.loop.map((_, i) => i).filter((i) => i % every === 0 || i === p.loop.length - 1);
      const nearest = at.map((i) => nearestComponent(components, p.loop[i]!));
      return { seed: p.seed, steps: at.map((i) => p.loopSteps[i]!), distances: nearest.map((n) => n?.distance ?? null), nearestAtEnd: nearest[nearest.length - 1]?.component ?? null };
    });
    return [{ procedure: s.procedure, runs }];
  });
}

/** Distances below this are drawn at it: a collapsed encoder of 1e-300 would squash the axis. */
const DISTANCE_FLOOR = 1e-12;

function distanceFigure(all: LoopDistances[]): Figure {
  const y = (d: number) => roundForFigure(Math.log10(Math.max(d, DISTANCE_FLOOR)));
  const ys = all.flatMap((p) => p.runs.flatMap((r) => r.distances.flatMap((d) => (d === null ? [] : [y(d)]))));
  const xs = all.flatMap((p) => p.runs.flatMap((r) => r.steps));
  const [x0, x1] = paddedRange(xs, true);
  const [y0, y1] = paddedRange(ys, false);
  const panels = all.map(
    (p): Panel => ({
      title: label(p.procedure),
      x: { label: 'step', min: x0, max: x1, ticks: niceTicks(x0, x1, 4) },
      y: { label: 'log10 distance', min: y0, max: y1, ticks: niceTicks(y0, y1, 4) },
      // A step whose projection did not converge breaks the line (NaN is off every range).
      series: p.runs.map((r, k) => ({ color: k, endMarker: true, points: r.steps.map((step, i): [number, number] => [step, r.distances[i] === null ? Number.NaN : y(r.distances[i]!)]) })),
      guides: [],
      arrows: [],
    }),
  );
  const runs = all[0]?.runs.length ?? 0;
  return { panels, legend: Array.from({ length: runs }, (_, k) => ({ color: k, label: `run ${k + 1}` })) };
}

/** "collapsed 4, residual 2" for the ends of one procedure's kept runs. */
function nearestCounts(p: LoopDistances): string {
  const counts = new Map<string, number>();
  for (const r of p.runs) counts.set(r.nearestAtEnd ?? 'none converged', (counts.get(r.nearestAtEnd ?? 'none converged') ?? 0) + 1);
  return [...counts].map(([id, n]) => `${id} ${n}`).join(', ');
}

function build(ctx: ReportContext): BuiltSection | null {
  const experiment = ctx.simulation;
  if (!experiment) return null;
  const { job, main } = experiment;
  const { options } = job;
  const comparisons = loopComparisons(ctx, experiment);
  const momentum = options.momentum === undefined ? [math('m = 1 - \\eta\\tau'), text(" (the spec's rate")] : [math(`m = ${options.momentum}`), text(' (')];
  const blocks: Block[] = [
    paragraph(
      text(`Numerical evidence: each procedure run as a training loop, minibatch SGD on view pairs drawn with exactly the spec's second moments, from ${count(job.seeds, 'seeded start')} shared by the procedures (the entries of `),
      math('A'),
      text(' and '),
      math('B'),
      text(' standard normal, '),
      math('T = A'),
      text(`): ${options.steps} steps of learning rate `),
      math(`\\eta = ${options.lr}`),
      text(`, batch ${options.batch}, the spec's weight decay and predictor rate, and EMA momentum `),
      ...momentum,
      text('). A run ended collapsed when '),
      math(`\\lVert A\\rVert \\le ${floatLatex(LOOP_COLLAPSED, 1)}\\,(1 + \\lVert A(0)\\rVert)`),
      text(', not collapsed when '),
      math(`\\lVert A\\rVert \\ge ${floatLatex(LOOP_NOT_COLLAPSED, 1)}\\,(1 + \\lVert A(0)\\rVert)`),
      text(', undecided in between. The share of runs that collapse comes with its Wilson 95% interval; the last column counts the runs whose end has the collapse verdict of the continuous flow from the same start (of those whose flow came to a decided rest). The same numbers as '),
      code('ncssl simulate'),
      text(' with these options.'),
    ),
    {
      kind: 'table',
      header: [[text('procedure')], [text('runs')], [text('collapsed')], [text('not collapsed')], [text('undecided')], [text('share collapsed [95%]')], [text('loop = flow')]],
      rows: main.shares.map(shareRow),
    },
    paragraph(
      text('Against the claims of '),
      ref('claims'),
      text(
        comparisons.every((c) => c.agrees)
          ? ', the loops agree with the theory on every procedure:'
          : `, the loops disagree with the theory on ${comparisons.filter((c) => !c.agrees).map((c) => label(c.procedure)).join(' and ')}:`,
      ),
    ),
    { kind: 'list', items: comparisons.map((c) => [text(`${c.sentence}.`)]) },
    {
      kind: 'figure',
      id: 'loop-metrics',
      caption: [
        text('The first seed of each procedure over the steps: the encoder norm '),
        math('\\lVert A\\rVert'),
        text(', the standard deviation of the normalised codes of a fixed probe batch (0 when the codes collapse) and the effective rank of '),
        math('A'),
        text('.'),
      ],
      figure: metricsFigure(main),
    },
  ];
  const phase = loopPhaseFigure(ctx, experiment);
  if (phase) {
    blocks.push({
      kind: 'figure',
      id: 'loop-phase-plane',
      caption: [
        text(`The first ${count(phase.legend.length, 'run')} of each loop in the plane of the encoder and the predictor entry (solid, an open circle at the start, a dot at the end), each with the continuous flow from the same start (dashed), over the direction field of the procedure (for EMA at `),
        math('T = A'),
        text(') and its equilibrium lines'),
        ...(ctx.trajectories.some((p) => p.trajectories.length > 0) ? [text(', as in '), ref('trajectories')] : []),
        text('.'),
      ],
      figure: phase,
    });
  }
  const distances = loopDistances(ctx, experiment);
  if (distances.some((p) => p.runs.length > 0)) {
    blocks.push(
      paragraph(
        text(`Distance of the first ${count(distances[0]!.runs.length, 'run')} of each loop to the nearest component of the procedure's predicted equilibrium set (`),
        text('its components and their equations are in '),
        ref('procedures'),
        text(
          '), numerical: from each point of a loop, Gauss-Newton projection reaches a point of each component; for a component cut out by affine equations that point is the nearest one, otherwise the distance to it is an upper bound. The component nearest at the last step: ' +
            distances.map((p) => `${label(p.procedure)}: ${nearestCounts(p)}`).join('; ') +
            '.',
        ),
      ),
      {
        kind: 'figure',
        id: 'loop-equilibrium-distance',
        caption: [text(`The distance of each loop to the nearest predicted equilibrium component over the steps, on a log10 axis (below ${DISTANCE_FLOOR} drawn at it).`)],
        figure: distanceFigure(distances),
      },
    );
  }
  blocks.push({
    kind: 'figure',
    id: 'loop-spectra',
    caption: [
      text('The eigenvalues of each procedure\'s Jacobian '),
      math('DV'),
      text(" at every loop's end in the complex plane, coloured by the end's verdict; the dashed line is the imaginary axis. Zero eigenvalues along a component of equilibria, the rest left of the axis: a transversally stable end."),
    ],
    figure: spectrumFigure(main),
  });
  if (experiment.sweep) {
    const { parameter, results } = experiment.sweep;
    blocks.push({
      kind: 'figure',
      id: 'loop-sweep',
      caption: [text(`The share of runs that collapse against ${parameter}, ${count(results.length, 'value')}, each with its Wilson 95% interval as a vertical bar (${count(job.seeds, 'run')} per procedure and value).`)],
      figure: sweepFigure(parameter, results),
    });
  }
  const plain = (s: ProcedureShare) => {
    const { records: _records, paths: _paths, ...rest } = s;
    return rest;
  };
  return {
    id: 'training-loops',
    title: 'Training loops',
    blocks,
    data: {
      level: 'numerical',
      data: main.data,
      options: { ...options, seeds: job.seeds },
      shares: main.shares.map(plain),
      comparisons,
      equilibriumDistances: distances.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r, distances: r.distances.map((d) => (d === null ? null : roundForFigure(d))) })) })),
      ...(experiment.sweep
        ? { sweep: { parameter: experiment.sweep.parameter, results: experiment.sweep.results.map((r) => ({ value: r.sweep!.value, shares: r.shares.map(plain) })) } }
        : {}),
    },
  };
}

registerSection({ id: 'training-loops', order: 85, build });
