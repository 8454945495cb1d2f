/**
 * Runs sweep jobs in worker threads (one per core, at most the number of jobs), reporting each
 * finished job, and stops cleanly when asked: jobs not yet started are never started, running
 * ones are terminated, and what finished is returned with `partial: true`. With `threads: 0` the
 * jobs run in line, one after another (the tests, and a single core).
 *
 * Example: `await runPool(jobs, { threads: 2, onDone: (n) => bar(n) })`.
 */
import { Worker } from 'node:worker_threads';
import type { Job, JobResult } from './job.js';
import { runJob } from './job.js';

export interface PoolOptions {
  threads: number;
  /** Called after each finished job with how many have finished. */
  onDone?: (finished: number, total: number) => void;
  /** Resolves when the pool should stop (Ctrl-C). */
  stop?: Promise<void>;
}

export interface PoolResult {
  /** Results in the order of the jobs; a job that did not finish is null. */
  results: Array<JobResult | null>;
  partial: boolean;
}

export async function runPool(jobs: readonly Job[], options: PoolOptions): Promise<PoolResult> {
  const results: Array<JobResult | null> = jobs.map(() => null);
  let stopped = false;
  let finished = 0;
  options.stop?.then(() => (stopped = true));
  if (options.threads <= 0) {
    for (let k = 0; k < jobs.length && !stopped; k++) {
      results[k] = runJob(jobs[k]!);
      options.onDone?.(++finished, jobs.length);
      await new Promise((r) => setImmediate(r)); // let a stop request in
    }
    return { results, partial: finished < jobs.length };
  }
  const workerUrl = new URL('./sweep-worker.js', import.meta.url);
  let next = 0;
  const workers: Worker[] = [];
  const lane = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerUrl);
      workers.push(worker);
      let current = -1;
      const feed = () => {
        if (stopped || next >= jobs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage(jobs[current]);
      };
      worker.on('message', (m: { result?: JobResult; error?: { message: string; name: string } }) => {
        if (m.error) {
          const e = new Error(m.error.message);
          e.name = m.error.name;
          reject(e);
          void worker.terminate();
          return;
        }
        results[current] = m.result!;
        options.onDone?.(++finished, jobs.length);
        feed();
      });
      worker.on('error', reject);
      options.stop?.then(() => void worker.terminate().then(() => resolve()));
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(options.threads, jobs.length) }, lane));
  return { results, partial: finished < jobs.length };
}
