/**
 * The discrete training loop of one procedure from one seeded start, as practitioners run it:
 * at each step a minibatch of view pairs is drawn, the gradient of the sample loss is taken in
 * matrix form (sample-gradient.ts), and the parameters move by the procedure's recipe
 * (update-rules.ts) with learning rate η, weight decay λ, predictor rate α and EMA momentum m.
 * Same seed, same numbers: the start, the batches and the probe batch all come from seeded
 * generators, and nothing depends on the machine.
 *
 * The start is the one the flows use (src/analyses/trajectories.ts): encoder and predictor
 * entries standard normal, the target a copy of the encoder.
 *
 * Example: `trainLoop(setup, getProcedure('sg'), { steps: 1000, lr: 0.05, batch: 64, seed: 1 })`.
 */
import type { Model } from '../model/model.js';
import { type Parametrization, parametrize } from '../model/parameters.js';
import { seededRandom } from '../numeric/random.js';
import type { Procedure } from '../procedures/procedure.js';
import type { ViewData } from './data.js';
import { type BlockLayout, blockLayout } from './linear-state.js';
import { type FloatMoments, type Metrics, measure } from './metrics.js';
import { type Shape, batchGradient, matrixGradients } from './sample-gradient.js';
import { UPDATE_RULES } from './update-rules.js';

export interface LoopOptions {
  steps: number;
  /** η */
  lr: number;
  batch: number;
  /** EMA momentum m; by default 1 − ητ, the spec's continuous rate τ. */
  momentum?: number;
  seed: number;
  /** Metrics kept at about this many steps, evenly spaced, the first and the last included. */
  records?: number;
}

/** A loop's parameters beyond this are diverged. */
export const LOOP_BLOW_UP = 1e6;
/**
 * The end of a loop counts as collapsed when ‖A‖ ≤ COLLAPSED·(1 + ‖A(0)‖), as not collapsed when
 * ‖A‖ ≥ NOT_COLLAPSED·(1 + ‖A(0)‖), undecided in between. Looser than the flows' 1e-6: a loop
 * stops after a fixed number of steps, and minibatch noise keeps a non-collapsed run moving.
 */
export const LOOP_COLLAPSED = 1e-3;
export const LOOP_NOT_COLLAPSED = 1e-2;
const PROBE = 256;

/** What every run of the loop on one model and data set shares. */
export interface LoopSetup {
  model: Model;
  params: Parametrization;
  layout: BlockLayout;
  data: ViewData;
  shape: Shape;
  moments: FloatMoments;
}

export function loopSetup(model: Model, data: ViewData): LoopSetup {
  const params = parametrize(model);
  const flat = (m: ViewData['moments']['sigma1']) => Float64Array.from(m.flat(), (r) => r.toNumber());
  return {
    model,
    params,
    layout: blockLayout(params),
    data,
    shape: { p: model.encoder.in, q: model.encoder.out },
    moments: { sigma1: flat(data.moments.sigma1), sigma2: flat(data.moments.sigma2), sigma12: flat(data.moments.sigma12) },
  };
}

export interface LoopRecord extends Metrics {
  step: number;
}

export interface LoopRun {
  procedure: string;
  seed: number;
  status: 'finished' | 'diverged';
  /** Steps taken. */
  steps: number;
  /** The parameter vector (free entries of A, B, T) at the start and at the end. */
  start: number[];
  end: number[];
  collapsed: boolean | null;
  records: LoopRecord[];
  /** The parameter vector at about PATH_POINTS evenly spaced steps, the first and the last included (phase-plane pictures). */
  path: number[][];
  /** The step of each point of `path`. */
  pathSteps: number[];
}

/** Points kept of a loop's path, whatever its number of steps. */
export const PATH_POINTS = 200;

/** The seeded start shared by every procedure: A and B standard normal, T = A. */
export function loopStart(setup: LoopSetup, seed: number): Float64Array {
  const { layout } = setup;
  const rng = seededRandom(seed * 104729 + 3);
  const x = new Float64Array(layout.size);
  for (const k of [...layout.encoder.slots, ...layout.predictor.slots]) x[k] = rng.normal();
  layout.target.slots.forEach((k, i) => (x[k] = x[layout.encoder.slots[i]!]!));
  return x;
}

/** One step of the loop on a given batch, in place: exported for the tests, which compare it with the field. */
/** The matrices and gradients a step works in, made once per setup (a step allocates nothing). */
interface Scratch {
  a: Float64Array;
  b: Float64Array;
  t: Float64Array;
  g: ReturnType<typeof matrixGradients>;
  grad: Float64Array;
}
const scratchOf = new WeakMap<LoopSetup, Scratch>();

function scratch(setup: LoopSetup): Scratch {
  let s = scratchOf.get(setup);
  if (!s) {
    const { shape, layout } = setup;
    s = { a: new Float64Array(shape.q * shape.p), b: new Float64Array(shape.q * shape.q), t: new Float64Array(shape.q * shape.p), g: matrixGradients(shape), grad: new Float64Array(layout.size) };
    scratchOf.set(setup, s);
  }
  return s;
}

export function loopStep(setup: LoopSetup, procedure: Procedure, x: Float64Array, x1: Float64Array, x2: Float64Array, n: number, lr: number, momentum: number): number {
  const { layout, shape, model } = setup;
  const rule = UPDATE_RULES[procedure.recipe];
  const { a, b, t, g, grad } = scratch(setup);
  layout.fill(x, a, b, t);
  const loss = batchGradient(shape, a, b, t, x1, x2, n, g, rule.throughTarget);
  grad.fill(0);
  layout.pullBack(layout.encoder, g.a, grad);
  layout.pullBack(layout.predictor, g.b, grad);
  // GD: the target is the encoder itself, so ∂T ℓ counts towards the encoder's entries.
  if (rule.throughTarget) layout.pullBack(layout.encoder, g.t, grad);
  const lambda = model.weightDecay.toNumber();
  const alpha = model.predictorRate.toNumber();
  for (const k of layout.encoder.slots) x[k] = x[k]! - lr * (grad[k]! + lambda * x[k]!);
  for (const k of layout.predictor.slots) x[k] = x[k]! - lr * alpha * (grad[k]! + lambda * x[k]!);
  layout.target.slots.forEach((k, i) => {
    const theta = x[layout.encoder.slots[i]!]!;
    x[k] = rule.target === 'copy' ? theta : momentum * x[k]! + (1 - momentum) * theta;
  });
  return loss;
}

/** Every entry finite and at most LOOP_BLOW_UP in size (a plain loop: checked at every step). */
function withinBlowUp(x: Float64Array): boolean {
  for (let k = 0; k < x.length; k++) if (!(Math.abs(x[k]!) <= LOOP_BLOW_UP)) return false;
  return true;
}

function encoderNorm(setup: LoopSetup, x: Float64Array): number {
  const a = new Float64Array(setup.shape.q * setup.shape.p);
  setup.layout.fill(x, a, new Float64Array(setup.shape.q * setup.shape.q), new Float64Array(a.length));
  return Math.hypot(...a);
}

export function trainLoop(setup: LoopSetup, procedure: Procedure, options: LoopOptions): LoopRun {
  const { shape, data, layout } = setup;
  const momentum = options.momentum ?? 1 - options.lr * setup.model.emaRate.toNumber();
  const x = loopStart(setup, options.seed);
  const start = Array.from(x);
  const rng = seededRandom(options.seed * 7919 + 11);
  // The probe batch is the same for every run on this data set, so metrics compare across runs.
  const probe1 = new Float64Array(PROBE * shape.p);
  data.sample(seededRandom(1), PROBE, probe1, new Float64Array(PROBE * shape.p));
  const x1 = new Float64Array(options.batch * shape.p);
  const x2 = new Float64Array(options.batch * shape.p);
  const every = Math.max(1, Math.floor(options.steps / Math.max(1, (options.records ?? 200) - 1)));
  const records: LoopRecord[] = [];
  const a = new Float64Array(shape.q * shape.p);
  const b = new Float64Array(shape.q * shape.q);
  const t = new Float64Array(shape.q * shape.p);
  const record = (step: number) => {
    layout.fill(x, a, b, t);
    records.push({ step, ...measure(shape, a, b, t, setup.moments, probe1, PROBE) });
  };
  const pathEvery = Math.max(1, Math.ceil(options.steps / (PATH_POINTS - 1)));
  const path: number[][] = [Array.from(x)];
  const pathSteps = [0];
  record(0);
  let status: LoopRun['status'] = 'finished';
  let step = 0;
  while (step < options.steps) {
    data.sample(rng, options.batch, x1, x2);
    loopStep(setup, procedure, x, x1, x2, options.batch, options.lr, momentum);
    step++;
    if (!withinBlowUp(x)) {
      status = 'diverged';
      break;
    }
    if (step % every === 0 || step === options.steps) record(step);
    if (step % pathEvery === 0 || step === options.steps) {
      path.push(Array.from(x));
      pathSteps.push(step);
    }
  }
  const scale = 1 + encoderNorm(setup, Float64Array.from(start));
  const norm = encoderNorm(setup, x);
  const collapsed = status === 'diverged' ? null : norm <= LOOP_COLLAPSED * scale ? true : norm >= LOOP_NOT_COLLAPSED * scale ? false : null;
  return { procedure: procedure.name, seed: options.seed, status, steps: step, start, end: Array.from(x), collapsed, records, path, pathSteps };
}
