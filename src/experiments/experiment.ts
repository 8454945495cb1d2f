/**
 * The experiment a report shows beside the theory (`ncssl report --simulate`): the collapse
 * shares of every procedure's loop at the spec's own settings, and optionally a one-parameter
 * sweep of them, run through the same jobs as `ncssl simulate` (job.ts, sweep-pool.ts), so the
 * report's numbers are the ones `simulate` prints for the same options.
 *
 * Example: `await runExperiment(job, { parameter: 'momentum', values: [0.9, 0.99] }, 0)`.
 */
import { type Job, type JobResult, runJob } from './job.js';
import { runPool } from './sweep-pool.js';
import type { Sweep } from './sweep.js';

export interface Experiment {
  job: Job;
  main: JobResult;
  /** The sweep's results in the order of its values (every value finished: a report is never partial). */
  sweep: { parameter: Sweep['parameter']; results: JobResult[] } | null;
}

/** Runs the job and, when asked, its sweep in `threads` worker threads (0: in line). */
export async function runExperiment(job: Job, sweep: Sweep | null, threads: number): Promise<Experiment> {
  const main = runJob(job);
  if (!sweep) return { job, main, sweep: null };
  const jobs = sweep.values.map((value): Job => ({ ...job, sweep: { parameter: sweep.parameter, value } }));
  const pool = await runPool(jobs, { threads: Math.min(threads, jobs.length) });
  return { job, main, sweep: { parameter: sweep.parameter, results: pool.results.map((r) => r!) } };
}
