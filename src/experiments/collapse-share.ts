/**
 * The experiment of the theory: from many seeded starts, how often each procedure's loop
 * collapses, with counts and a Wilson score interval (95%) for the share; and where each loop
 * ended against where the continuous flow of the same procedure from the same start comes to
 * rest (src/analyses/trajectories.ts flowToRest): the same collapse verdict or not, and the
 * distance between the two limits.
 *
 * Example: `collapseShares(setup, derivation, { steps: 2000, lr: 0.05, batch: 64 }, 50)`.
 */
import { flowToRest } from '../analyses/trajectories.js';
import { eigenvalues, nullOnOverflow } from '../numeric/eigenvalues.js';
import type { Derivation } from '../procedures/derive.js';
import { type LoopOptions, type LoopRecord, type LoopSetup, PATH_POINTS, trainLoop } from './loop.js';

/** The Wilson score interval of k successes in n trials at z (1.96: 95%). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface ProcedureShare {
  procedure: string;
  runs: number;
  collapsed: number;
  notCollapsed: number;
  undecided: number;
  diverged: number;
  /** collapsed / runs, and its Wilson 95% interval. */
  share: number;
  interval: [number, number];
  /** Runs whose continuous flow from the same start reached a decided rest. */
  flowsDecided: number;
  /** Of those, runs where the loop's verdict is the flow's. */
  agreeWithFlow: number;
  /** Median distance between the loop's end and the flow's limit, over the decided flows (null when none). */
  medianDistanceToFlow: number | null;
  /** The metrics over time of the first seed's run. */
  records: LoopRecord[];
  /**
   * The eigenvalues of the procedure's Jacobian DV at each loop's end (runs that did not
   * diverge), as [re, im]: the spectrum the flow's linearisation has where the loop stopped.
   */
  endSpectra: Array<{ seed: number; collapsed: boolean | null; eigenvalues: Array<[number, number]> }>;
  /** The first PATH_SEEDS runs as paths in the procedure's state: the loop's and the continuous flow's from the same start. */
  paths: Array<{ seed: number; loop: number[][]; loopSteps: number[]; flow: number[][] }>;
}

/** Runs whose loop and flow paths are kept (the phase-plane overlay draws these). */
export const PATH_SEEDS = 6;

/** At most `n` points of a path, evenly spaced by index, the first and the last included. */
function thinned(path: readonly number[][], n: number): number[][] {
  if (path.length <= n) return [...path];
  return Array.from({ length: n }, (_, k) => path[Math.round((k * (path.length - 1)) / (n - 1))]!);
}

type ShareOptions = Omit<LoopOptions, 'seed'>;

export function collapseShare(setup: LoopSetup, derivation: Derivation, procedureIndex: number, options: ShareOptions, seeds: number): ProcedureShare {
  const d = derivation.procedures[procedureIndex]!;
  const { layout, params } = setup;
  const slots = [...layout.encoder.slots, ...layout.predictor.slots, ...layout.target.slots];
  const ring = [...params.encoder.variables, ...params.predictor.variables, ...params.target.variables];
  const stateSlots = d.state.map((v) => slots[ring.indexOf(v)]!);
  const encoderSlots = d.state.flatMap((v, k) => (params.encoder.variables.includes(v) ? [k] : []));
  const out: ProcedureShare = {
    procedure: d.procedure.name,
    runs: 0,
    collapsed: 0,
    notCollapsed: 0,
    undecided: 0,
    diverged: 0,
    share: 0,
    interval: [0, 1],
    flowsDecided: 0,
    agreeWithFlow: 0,
    medianDistanceToFlow: null,
    records: [],
    endSpectra: [],
    paths: [],
  };
  const n = d.state.length;
  const jacobian = new Float64Array(n * n);
  const distances: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const run = trainLoop(setup, d.procedure, { ...options, seed, ...(seed === 1 ? {} : { records: 2 }) });
    if (seed === 1) out.records = run.records;
    out.runs++;
    if (run.status === 'diverged') out.diverged++;
    else if (run.collapsed === true) out.collapsed++;
    else if (run.collapsed === false) out.notCollapsed++;
    else out.undecided++;
    const inState = (x: readonly number[]) => stateSlots.map((k) => x[k]!);
    if (run.status !== 'diverged') {
      d.float.jacobian(Float64Array.from(inState(run.end)), jacobian);
      const rows = Array.from({ length: n }, (_, i) => Array.from(jacobian.subarray(i * n, i * n + n)));
      const mu = nullOnOverflow(() => eigenvalues(rows));
      if (mu) out.endSpectra.push({ seed, collapsed: run.collapsed, eigenvalues: mu.map((z): [number, number] => [z.re, z.im]) });
    }
    const flowPath: number[][] = [];
    const keepPath = seed <= PATH_SEEDS;
    const flow = flowToRest(d.float, Float64Array.from(inState(run.start)), encoderSlots, keepPath ? (_t, x) => flowPath.push(Array.from(x)) : undefined);
    if (keepPath) out.paths.push({ seed, loop: run.path.map(inState), loopSteps: run.pathSteps, flow: thinned([inState(run.start), ...flowPath], PATH_POINTS) });
    if (flow.collapsed === null || run.collapsed === null) continue;
    out.flowsDecided++;
    if (flow.collapsed === run.collapsed) out.agreeWithFlow++;
    distances.push(Math.hypot(...stateSlots.map((k, i) => run.end[k]! - flow.end.x[i]!)));
  }
  out.share = out.runs === 0 ? 0 : out.collapsed / out.runs;
  out.interval = wilson(out.collapsed, out.runs);
  distances.sort((a, b) => a - b);
  out.medianDistanceToFlow = distances.length === 0 ? null : distances[Math.floor((distances.length - 1) / 2)]!;
  return out;
}
