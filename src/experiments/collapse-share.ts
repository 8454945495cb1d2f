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
import type { Derivation } from '../procedures/derive.js';
import { type LoopOptions, type LoopRecord, type LoopSetup, trainLoop } from './loop.js';

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
}

type ShareOptions = Omit<LoopOptions, 'seed'>;

export function collapseShare(setup: LoopSetup, derivation: Derivation, procedureIndex: number, options: ShareOptions, seeds: number): ProcedureShare {
  const d = derivation.procedures[procedureIndex]!;
  const { layout, params } = setup;
  const slots = [...layout.encoder.slots, ...layout.predictor.slots, ...layout.target.slots];
  const ring = [...params.encoder.variables, ...params.predictor.variables, ...params.target.variables];
  const stateSlots = d.state.map((v) => slots[ring.indexOf(v)]!);
  const encoderSlots = d.state.flatMap((v, k) => (params.encoder.variables.includes(v) ? [k] : []));
  const out: ProcedureShare = { procedure: d.procedure.name, runs: 0, collapsed: 0, notCollapsed: 0, undecided: 0, diverged: 0, share: 0, interval: [0, 1], flowsDecided: 0, agreeWithFlow: 0, medianDistanceToFlow: null, records: [] };
  const distances: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const run = trainLoop(setup, d.procedure, { ...options, seed, ...(seed === 1 ? {} : { records: 2 }) });
    if (seed === 1) out.records = run.records;
    out.runs++;
    if (run.status === 'diverged') out.diverged++;
    else if (run.collapsed === true) out.collapsed++;
    else if (run.collapsed === false) out.notCollapsed++;
    else out.undecided++;
    const flow = flowToRest(d.float, Float64Array.from(stateSlots, (k) => run.start[k]!), encoderSlots);
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
