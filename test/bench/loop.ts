/**
 * Loop benchmark (issue 13, item 10): steps per second of the SG training loop on a 16 → 8
 * linear model (linear predictor, state 192) with batch 256, against the same update written
 * plainly on Float64Arrays (plain-loop.ts). Two levels: the step alone on one fixed batch
 * (ncssl's `loopStep` against `plainSgStep`), and the whole loop with its sampling of Gaussian
 * view pairs (`trainLoop` with metrics only at the ends, against a plain loop that draws the
 * same pairs from the same seed), and the sampling alone. Measures, asserts nothing; the plain loop's end is compared
 * with ncssl's so that a faster wrong loop would show.
 *
 * As a process, for whole-process timing: `node dist/test/bench/loop.js ncssl|plain STEPS`
 * runs one loop of STEPS steps and prints the encoder norm at the end.
 */
import { fileURLToPath } from 'node:url';
import { syntheticData } from '../../src/experiments/data.js';
import { type LoopSetup, loopSetup, loopStart, loopStep, trainLoop } from '../../src/experiments/loop.js';
import { parseSpec } from '../../src/model/spec.js';
import { seededRandom } from '../../src/numeric/random.js';
import { getProcedure } from '../../src/procedures/index.js';
import { plainSgStep } from './plain-loop.js';

export const P = 16;
export const Q = 8;
export const BATCH = 256;
/** Small enough that no seed diverges on these moments (so every run takes all its steps). */
export const LR = 0.005;

/** The benchmark's model: covariance diag(1, …, 16)/16 with view noise 1/2, no weight decay. */
export function benchSetup(): LoopSetup {
  const diag = Array.from({ length: P }, (_, i) => `[${Array.from({ length: P }, (_, j) => (i === j ? `${i + 1}/${P}` : '0')).join(', ')}]`);
  const spec = `name: loop-16to8\nencoder: {kind: linear, in: ${P}, out: ${Q}}\npredictor: {kind: linear}\ndata:\n  covariance:\n${diag.map((r) => `    - ${r}`).join('\n')}\n  noise: 1/2\nprocedures: [sg]\n`;
  const model = parseSpec(spec, 'loop-16to8');
  return loopSetup(model, syntheticData(model));
}

/** The plain loop: the start and the batches of trainLoop's seed, the plain step; returns A, B. */
export function plainLoop(setup: LoopSetup, steps: number, seed: number): { a: Float64Array; b: Float64Array } {
  const x = loopStart(setup, seed);
  const a = Float64Array.from(setup.layout.encoder.slots, (k) => x[k]!);
  const b = Float64Array.from(setup.layout.predictor.slots, (k) => x[k]!);
  const rng = seededRandom(seed * 7919 + 11);
  const x1 = new Float64Array(BATCH * P);
  const x2 = new Float64Array(BATCH * P);
  const step = plainSgStep(P, Q);
  for (let s = 0; s < steps; s++) {
    setup.data.sample(rng, BATCH, x1, x2);
    step(a, b, x1, x2, BATCH, LR, 1, 0);
  }
  return { a, b };
}

export interface LoopRow {
  name: string;
  steps: number;
  /** Steps per second, median over the repeats: ncssl's, and the plain code's (null for a row without one). */
  ncssl: number;
  plain: number | null;
  /** Median of the ratios ncssl / plain of runs taken in turn (A B A B …), so drift of a shared machine cancels. */
  ratio: number | null;
}

const median = (xs: number[]) => [...xs].sort((u, v) => u - v)[Math.floor(xs.length / 2)]!;

function stepsPerSecond(steps: number, run: () => void): number {
  const t0 = performance.now();
  run();
  return steps / ((performance.now() - t0) / 1000);
}

/** Both after a warm-up each, then in turn `repeats` times. */
function paired(name: string, steps: number, repeats: number, ncssl: () => void, plain: (() => void) | null): LoopRow {
  ncssl();
  plain?.();
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < repeats; r++) {
    a.push(stepsPerSecond(steps, ncssl));
    if (plain) b.push(stepsPerSecond(steps, plain));
  }
  return { name, steps, ncssl: median(a), plain: plain ? median(b) : null, ratio: plain ? median(a.map((x, k) => x / b[k]!)) : null };
}

export function benchLoop(steps = 400, repeats = 5): { rows: LoopRow[]; maxDifference: number } {
  const setup = benchSetup();
  const sg = getProcedure('sg');
  const batch = { x1: new Float64Array(BATCH * P), x2: new Float64Array(BATCH * P) };
  setup.data.sample(seededRandom(3), BATCH, batch.x1, batch.x2);
  const x = loopStart(setup, 1);
  const a = Float64Array.from(setup.layout.encoder.slots, (k) => x[k]!);
  const b = Float64Array.from(setup.layout.predictor.slots, (k) => x[k]!);
  const plain = plainSgStep(P, Q);
  const momentum = 1 - LR * setup.model.emaRate.toNumber();
  const rows: LoopRow[] = [
    paired(
      'the step alone on one batch (loopStep / plain step)',
      steps,
      repeats,
      () => {
        for (let s = 0; s < steps; s++) loopStep(setup, sg, x, batch.x1, batch.x2, BATCH, LR, momentum);
      },
      () => {
        for (let s = 0; s < steps; s++) plain(a, b, batch.x1, batch.x2, BATCH, LR, 1, 0);
      },
    ),
    paired(
      'the loop with its sampling (trainLoop / plain loop)',
      steps,
      repeats,
      () => void trainLoop(setup, sg, { steps, lr: LR, batch: BATCH, seed: 1, records: 2 }),
      () => void plainLoop(setup, steps, 1),
    ),
    paired(
      'the sampling alone (the pairs of a step)',
      steps,
      repeats,
      () => {
        const rng = seededRandom(5);
        for (let s = 0; s < steps; s++) setup.data.sample(rng, BATCH, batch.x1, batch.x2);
      },
      null,
    ),
  ];
  // The same update: the plain loop ends where trainLoop ends.
  const run = trainLoop(setup, sg, { steps, lr: LR, batch: BATCH, seed: 1, records: 2 });
  const mine = plainLoop(setup, steps, 1);
  const ends = [...setup.layout.encoder.slots.map((k, i) => run.end[k]! - mine.a[i]!), ...setup.layout.predictor.slots.map((k, i) => run.end[k]! - mine.b[i]!)];
  return { rows, maxDifference: Math.max(...ends.map(Math.abs)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [which, stepsText] = process.argv.slice(2);
  const steps = Number(stepsText);
  if ((which !== 'ncssl' && which !== 'plain') || !(steps > 0)) {
    console.error('usage: node dist/test/bench/loop.js ncssl|plain STEPS');
    process.exit(2);
  }
  const setup = benchSetup();
  if (which === 'ncssl') {
    const run = trainLoop(setup, getProcedure('sg'), { steps, lr: LR, batch: BATCH, seed: 1, records: 2 });
    console.log(run.status, run.steps, run.records[run.records.length - 1]!.encoderNorm);
  } else {
    const { a } = plainLoop(setup, steps, 1);
    console.log('finished', steps, Math.hypot(...a));
  }
}
