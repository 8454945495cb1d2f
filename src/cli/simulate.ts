/**
 * The implementation of `ncssl simulate` (its help and options: simulate-command.ts): the
 * collapse shares of every procedure's training loop from many seeds, on synthetic or real data,
 * and optionally a one-parameter sweep run in worker threads.
 */
import { availableParallelism } from 'node:os';
import { metricsFigure, spectrumFigure, sweepFigure } from '../experiments/figures.js';
import { type Job, type JobResult, runJob } from '../experiments/job.js';
import { runPool } from '../experiments/sweep-pool.js';
import { parseSweep } from '../experiments/sweep.js';
import { writeOutputs } from '../io/safe-write.js';
import { getProcedure } from '../procedures/index.js';
import { figurePdf } from '../render/pdf.js';
import { figureSvg } from '../render/svg.js';
import { type CommandModule, UsageError, filePath, integerOption } from './command.js';
import { dataChoice } from './data-options.js';
import { loadSingleSpec } from './spec-inputs.js';

function numberOption(value: string | boolean | undefined, flag: string, fallback: number | undefined, ok: (x: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return fallback;
  const x = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(x) || !ok(x)) throw new UsageError(`--${flag}: expected ${expected}, got ${JSON.stringify(value)}`);
  return x;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

function sharesText(result: JobResult): string[] {
  const lines = ['procedure  runs  collapsed  not  undecided  diverged  share [Wilson 95%]   loop = flow  median |loop - flow|'];
  for (const s of result.shares) {
    const dist = s.medianDistanceToFlow === null ? '-' : s.medianDistanceToFlow.toExponential(2);
    lines.push(
      `${getProcedure(s.procedure).words.label.padEnd(10)} ${String(s.runs).padStart(4)}  ${String(s.collapsed).padStart(9)}  ${String(s.notCollapsed).padStart(3)}  ${String(s.undecided).padStart(9)}  ${String(s.diverged).padStart(8)}  ${pct(s.share).padStart(5)} [${pct(s.interval[0])}, ${pct(s.interval[1])}]`.padEnd(82) +
        `${s.agreeWithFlow}/${s.flowsDecided}`.padStart(11) +
        `  ${dist}`,
    );
  }
  return lines;
}

export const simulateCommand: CommandModule = {
  async run(values, positionals, io) {
    const loaded = loadSingleSpec(positionals, 'simulate', io);
    if (loaded.model === undefined) throw new UsageError(`simulate: ${loaded.path} declares symbols; expected a spec with numbers only`);
    const out = values.out;
    if (out !== undefined && (typeof out !== 'string' || out.trim() === '')) throw new UsageError('--out: expected a directory');
    if (values.force && out === undefined) throw new UsageError('--force: only applies with --out DIR');
    const { isTable, ...dataFields } = dataChoice(values, io);
    const dataName = dataFields.dataShownAs;
    const lr = numberOption(values.lr, 'lr', 0.05, (x) => x > 0 && x <= 10, 'a number > 0 and at most 10')!;
    const momentum = numberOption(values.momentum, 'momentum', undefined, (x) => x >= 0 && x < 1, 'a number m with 0 <= m < 1');
    const job: Job = {
      spec: filePath(io, loaded.path),
      ...dataFields,
      options: {
        steps: integerOption(values.steps, 'steps', 2000, 1_000_000) || 1,
        lr,
        batch: Math.max(1, integerOption(values.batch, 'batch', 64, 100_000)),
        ...(momentum === undefined ? {} : { momentum }),
      },
      seeds: Math.max(1, integerOption(values.seeds, 'seeds', 20, 10_000)),
    };
    const sweep = typeof values.sweep === 'string' ? parseSweep(values.sweep) : values.sweep === undefined ? null : parseSweep('');
    if (momentum === undefined && lr * loaded.model.emaRate.toNumber() >= 1) throw new UsageError(`--lr: ETA * tau = ${lr * loaded.model.emaRate.toNumber()} makes the default momentum 1 - ETA * tau negative; give --momentum or a smaller --lr`);
    io.progress(`simulating ${loaded.path} on ${dataName}\n`);
    const main = runJob(job);
    let sweepResults: Array<JobResult | null> = [];
    let partial = false;
    if (sweep) {
      const jobs = sweep.values.map((value): Job => ({ ...job, sweep: { parameter: sweep.parameter, value } }));
      let stop!: () => void;
      const stopped = new Promise<void>((r) => (stop = r));
      const onSigint = () => stop();
      process.once('SIGINT', onSigint);
      const threads = integerOption(values.threads, 'threads', Math.min(availableParallelism(), jobs.length), 64);
      try {
        const pool = await runPool(jobs, {
          threads,
          stop: stopped,
          onDone: (k, n) => io.progress(`\r[${'#'.repeat(Math.round((20 * k) / n)).padEnd(20)}] ${k}/${n} ${sweep.parameter} values`),
        });
        io.progress('\n');
        sweepResults = pool.results;
        partial = pool.partial;
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    }
    const finished = sweepResults.filter((r): r is JobResult => r !== null);
    const json = {
      spec: loaded.path,
      data: main.data,
      moments: main.moments,
      options: { ...job.options, seeds: job.seeds, ...(isTable ? { augmentation: job.augmentation } : {}) },
      level: 'numerical',
      // The kept paths are for the report's phase plane (report --simulate); the JSON keeps ends and spectra.
      shares: main.shares.map(({ paths: _paths, ...s }) => s),
      ...(sweep ? { sweep: { parameter: sweep.parameter, values: sweep.values, partial, results: finished.map((r) => ({ value: r.sweep!.value, shares: r.shares.map(({ records: _r, paths: _p, endSpectra: _e, ...s }) => s) })) } } : {}),
    };
    const text = [
      `${loaded.path}: training loops on ${main.data.name} (${main.data.description})`,
      `${job.seeds} seeds, ${job.options.steps} steps, lr ${lr}, batch ${job.options.batch}${momentum === undefined ? '' : `, momentum ${momentum}`}; numerical`,
      ...sharesText(main),
      ...(sweep
        ? [
            '',
            `sweep of ${sweep.parameter}${partial ? ` (partial: ${finished.length} of ${sweep.values.length} values finished, stopped by Ctrl-C)` : ''}: collapse share per procedure`,
            `${sweep.parameter.padEnd(14)} ${main.shares.map((s) => getProcedure(s.procedure).words.label.padStart(18)).join('')}`,
            ...finished.map((r) => `${String(r.sweep!.value).padEnd(14)} ${r.shares.map((s) => `${pct(s.share)} [${pct(s.interval[0])}, ${pct(s.interval[1])}]`.padStart(18)).join('')}`),
          ]
        : []),
    ].join('\n');
    io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
    if (out !== undefined) {
      const base = loaded.model.name;
      const figures = [
        { name: `${base}-loop-metrics`, figure: metricsFigure(main), title: 'Metrics of the training loops' },
        { name: `${base}-loop-spectra`, figure: spectrumFigure(main), title: "Eigenvalues of the Jacobian at the loops' ends" },
        ...(finished.length > 0 ? [{ name: `${base}-sweep`, figure: sweepFigure(sweep!.parameter, finished), title: 'Collapse share against the swept parameter' }] : []),
      ];
      const files = [
        { name: 'simulation.json', content: `${JSON.stringify(json, null, 2)}\n` },
        ...figures.flatMap((f) => [
          { name: `${f.name}.svg`, content: figureSvg(f.figure, f.title) },
          { name: `${f.name}.pdf`, content: figurePdf(f.figure) },
        ]),
      ];
      const written = await writeOutputs(out, files, { force: Boolean(values.force), flag: '--out', cwd: io.cwd });
      io.progress(written.map((w) => `wrote ${w}\n`).join(''));
    }
    return partial ? 130 : 0;
  },
};
