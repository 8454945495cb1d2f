/**
 * Float trajectories of every procedure from the same seeded starts: numerical evidence for the
 * dynamical claims (C2, C3) that a reader can see — GD's encoder shrinks to 0, SG's and EMA's
 * settle at a nonzero code. Each start draws the encoder and the predictor entries from a
 * standard normal; EMA's target starts as a copy of the encoder (as BYOL initialises it), so the
 * three procedures leave from the same (A, B).
 *
 * Example: `simulateTrajectories(deriveModel(model), { starts: 6, seed: 1 })[0].trajectories[0].end.encoderNorm`.
 */
import type { Derivation, ProcedureField } from '../procedures/derive.js';
import type { FloatField } from '../numeric/float-field.js';
import { type FlowEnd, type FlowOptions, integrateToRest } from '../numeric/ode.js';
import { seededRandom } from '../numeric/random.js';
import type { ProcedureName } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';

export interface TrajectoryOptions {
  /** Seeded random starts, shared by every procedure. */
  starts: number;
  seed: number;
}

/** Most starts accepted (each is a float ODE solve per procedure). */
export const MAX_TRAJECTORY_STARTS = 50;
/** Largest state dimension that gets trajectories by default (a field evaluation per stage costs its term count). */
export const DEFAULT_TRAJECTORY_MAX_STATE = 50;
/** Starts by default for models up to DEFAULT_TRAJECTORY_MAX_STATE. */
export const DEFAULT_TRAJECTORY_STARTS = 6;

/**
 * A flow is at rest when max |V_i| ≤ this. Looser than the 1e-10 of the equilibria analysis: slow
 * transversal modes (EMA with τ = 1) take t ≫ 10⁴ to get from 1e-8 to 1e-10, and a drawing
 * does not need it.
 */
export const TRAJECTORY_REST = 1e-8;
/**
 * Relative local error per step of the flows (absolute: 1e-3 of it). Enough for a figure and for
 * where a flow comes to rest; the 1e-10 used before kept the explicit integrator at steps of 0.1
 * for accuracy's sake (5 000 to 20 000 steps per 3×3 flow), and the stiff integrator then only
 * finished the last few hundred.
 */
export const TRAJECTORY_TOLERANCE = 1e-6;
/** Steps of the adaptive integrator, and time, before a flow counts as unfinished. */
export const TRAJECTORY_MAX_STEPS = 20_000;
export const TRAJECTORY_MAX_TIME = 1e4;
/** A flow with an entry beyond this counts as diverged. */
export const TRAJECTORY_BLOW_UP = 1e6;
/**
 * The end of a flow counts as collapsed when |A| ≤ COLLAPSED·(1 + |A(0)|), as not collapsed when
 * |A| ≥ NOT_COLLAPSED·(1 + |A(0)|); in between it is undecided. A flow with |V| at the rest
 * tolerance but |A| in between goes on (a slow transversal rate, e.g. GD with little noise, can
 * leave |A| ≈ 5e-6 when |V| reaches 1e-8), until |A| is below COLLAPSED or |V| ≤ 1e-14.
 */
export const COLLAPSED = 1e-6;
export const NOT_COLLAPSED = 1e-3;
const STRICT_REST = 1e-14;
/** Kept samples per trajectory: one whenever log(1 + t) has moved by this much. */
export const LOG_TIME_STEP = 0.01;

export interface TrajectorySample {
  t: number;
  /** Euclidean norm of the encoder's free parameters. */
  encoderNorm: number;
  /** The whole state, in the order of `stateNames`. */
  x: number[];
}

export interface Trajectory {
  /** 1-based start number, the same start for every procedure. */
  start: number;
  status: 'rest' | 'diverged' | 'budget';
  /** Samples along the flow, thinned on a log(1 + t) grid; the first is t = 0, the last the end. */
  samples: TrajectorySample[];
  /** The end of the flow, with max |V_i| there; `collapsed` null when undecided (see COLLAPSED). */
  end: TrajectorySample & { residual: number; collapsed: boolean | null };
}

export interface ProcedureTrajectories {
  name: ProcedureName;
  stateNames: string[];
  /** Offsets in the state of the encoder and predictor coordinates. */
  encoderSlots: number[];
  predictorSlots: number[];
  level: 'numerical';
  seed: number;
  trajectories: Trajectory[];
}

function norm(x: Float64Array, slots: readonly number[]): number {
  let s = 0;
  for (const k of slots) s += x[k]! * x[k]!;
  return Math.sqrt(s);
}

/** Where a float flow ended, by the rule of this file (COLLAPSED, NOT_COLLAPSED, the rest tolerances). */
export interface FlowOutcome {
  end: FlowEnd;
  /** At rest: collapsed, not collapsed, or null when undecided; null too when not at rest. */
  collapsed: boolean | null;
}

/**
 * One flow of ẋ = V(x) from `x0` until rest (max |V_i| ≤ TRAJECTORY_REST, going on while the
 * encoder is small but not yet below COLLAPSED), the step or time budget, or divergence. The one
 * rule for every float flow ncssl reports: the trajectories here and the flow limits of the
 * equilibria analysis. A caller whose field is costly may lower `maxSteps` (variants: limits.ts).
 */
export function flowToRest(
  field: FloatField,
  x0: Float64Array,
  encoderSlots: readonly number[],
  onStep?: (t: number, x: Float64Array) => void,
  method: FlowOptions['method'] = 'auto',
  maxSteps = TRAJECTORY_MAX_STEPS,
): FlowOutcome {
  const scale = 1 + norm(x0, encoderSlots);
  const end = integrateToRest(field, x0, {
    maxSteps,
    maxTime: TRAJECTORY_MAX_TIME,
    blowUp: TRAJECTORY_BLOW_UP,
    tolerance: TRAJECTORY_TOLERANCE,
    method,
    isRest(x, residual) {
      if (residual > TRAJECTORY_REST) return false;
      const a = norm(x, encoderSlots);
      return a <= COLLAPSED * scale || a >= NOT_COLLAPSED * scale || residual <= STRICT_REST;
    },
    ...(onStep ? { onStep } : {}),
  });
  if (end.status !== 'rest') return { end, collapsed: null };
  const a = norm(end.x, encoderSlots);
  return { end, collapsed: a <= COLLAPSED * scale ? true : a >= NOT_COLLAPSED * scale ? false : null };
}

/**
 * The seeded starts of every float flow ncssl runs: the entries of A and B standard normal, the
 * same for every procedure. The equilibria analysis's sampling flows are the first `--flows` of
 * them and the report's plotted trajectories the first `--trajectories`, so the two are one set
 * of flows: flow k is the same flow wherever it is counted.
 */
export function sharedStarts(params: Parametrization, seed: number, count: number): Map<number, number>[] {
  const rng = seededRandom(seed * 104729 + 3);
  const { encoder, predictor } = params;
  return Array.from({ length: count }, () => new Map([...encoder.variables, ...predictor.variables].map((v) => [v, rng.normal()])));
}

/** A shared start as a state of one procedure: a target starts as a copy of the encoder, entry for entry. */
export function startState(params: Parametrization, state: readonly number[], values: ReadonlyMap<number, number>): Float64Array {
  const { encoder, target } = params;
  const copy = new Map(target.variables.map((v, k) => [v, values.get(encoder.variables[k]!)!]));
  return Float64Array.from(state, (v) => values.get(v) ?? copy.get(v)!);
}

function simulateOne(derivation: Derivation, d: ProcedureField, starts: Map<number, number>[], seed: number): ProcedureTrajectories {
  const { encoder, predictor } = derivation.params;
  const slotsOf = (vars: readonly number[]) => vars.map((v) => d.state.indexOf(v)).filter((k) => k >= 0);
  const encoderSlots = slotsOf(encoder.variables);
  const predictorSlots = slotsOf(predictor.variables);
  const trajectories = starts.map((values, s): Trajectory => {
    const x0 = startState(derivation.params, d.state, values);
    const samples: TrajectorySample[] = [];
    let lastKept = -Infinity;
    let lastT = -1; // time of the last step seen, kept or not
    const { end, collapsed } = flowToRest(d.float, x0, encoderSlots, (t, x) => {
      lastT = t;
      const at = Math.log10(1 + t);
      if (at - lastKept >= LOG_TIME_STEP) {
        samples.push({ t, encoderNorm: norm(x, encoderSlots), x: Array.from(x) });
        lastKept = at;
      }
    });
    // The flow's last step is its end, kept whether or not it fell on the grid.
    if (lastT >= 0 && samples[samples.length - 1]!.t !== lastT) samples.push({ t: end.time, encoderNorm: norm(end.x, encoderSlots), x: Array.from(end.x) });
    const endNorm = norm(end.x, encoderSlots);
    return {
      start: s + 1,
      status: end.status,
      samples,
      end: { t: end.time, encoderNorm: endNorm, x: Array.from(end.x), residual: end.residual, collapsed },
    };
  });
  return { name: d.procedure.name, stateNames: d.stateNames, encoderSlots, predictorSlots, level: 'numerical', seed, trajectories };
}

/** The flows of every procedure of the derivation from `options.starts` shared seeded starts. */
export function simulateTrajectories(derivation: Derivation, options: TrajectoryOptions): ProcedureTrajectories[] {
  if (options.starts <= 0) return [];
  const starts = sharedStarts(derivation.params, options.seed, options.starts);
  return derivation.procedures.map((d) => simulateOne(derivation, d, starts, options.seed));
}
