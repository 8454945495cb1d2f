/**
 * `ncssl report --simulate`: the training loops the report shows beside the theory, on view
 * pairs with the spec's own moments (so the loops and the analyses see the same data), with
 * `ncssl simulate`'s loop defaults; `--runs`, `--steps`, `--sweep` and `--threads` apply only with it.
 */
import { availableParallelism } from 'node:os';
import type { Experiment } from '../experiments/experiment.js';
import { parseSweep } from '../experiments/sweep.js';
import type { Model } from '../model/model.js';
import { type CommandIO, type CommandValues, UsageError, filePath, integerOption } from './command.js';

const LOOP_FLAGS = ['runs', 'steps', 'sweep', 'threads'] as const;
/** `ncssl simulate`'s defaults (src/cli/simulate.ts). */
const LR = 0.05;
const BATCH = 64;

/** The experiment the flags ask for, or undefined without --simulate; bad flags are one line. */
export async function reportSimulation(values: CommandValues, specPath: string, model: Model | undefined, io: CommandIO): Promise<Experiment | undefined> {
  if (!values.simulate) {
    const stray = LOOP_FLAGS.find((f) => values[f] !== undefined);
    if (stray) throw new UsageError(`--${stray}: only applies with --simulate`);
    return undefined;
  }
  if (model === undefined) throw new UsageError(`--simulate: ${specPath} declares symbols; the training loops need a spec with numbers only`);
  // The loops read the spec again (in worker threads too): standard input is read only once.
  if (specPath === '/dev/stdin') throw new UsageError('--simulate: expected a spec file; standard input is read only once');
  if (LR * model.emaRate.toNumber() >= 1) {
    throw new UsageError(`--simulate: the spec's EMA rate tau = ${model.emaRate} makes the loop's momentum 1 - 0.05 * tau negative; run 'ncssl simulate --momentum M' instead`);
  }
  const runs = integerOption(values.runs, 'runs', 20, 10_000);
  if (runs < 1) throw new UsageError('--runs: expected an integer from 1 to 10000, got "0"');
  const steps = integerOption(values.steps, 'steps', 2000, 1_000_000);
  if (steps < 1) throw new UsageError('--steps: expected an integer from 1 to 1000000, got "0"');
  const sweep = values.sweep === undefined ? null : parseSweep(typeof values.sweep === 'string' ? values.sweep : '');
  const threads = integerOption(values.threads, 'threads', availableParallelism(), 64);
  const { runExperiment } = await import('../experiments/experiment.js');
  io.progress(`running the training loops of ${specPath}\n`);
  return runExperiment(
    {
      spec: filePath(io, specPath),
      data: 'synthetic',
      dataShownAs: 'synthetic',
      augmentation: { noise: '0', mask: '0', scale: '0' },
      options: { steps, lr: LR, batch: BATCH },
      seeds: runs,
    },
    sweep,
    threads,
  );
}
