/**
 * The float curl of a compiled Jacobian at many points, on this thread and, when the work is
 * large enough to pay for starting one (about 0.1 s), on one worker thread beside it: the machine
 * ncssl targets has 2 cores. The result does not depend on which thread did what: both run the
 * same code (compile.ts `evaluateProgramBatch`, curl-batch.ts `curlOfBatch`) on the same points,
 * and each point's numbers land in their own slots.
 *
 * Example: `curlAtPoints({ program, n, weights: null, points, samples: 64 }, 'auto')[4 * k]` is
 * the largest |J_ij − J_ji| at point k.
 *
 * Batches of EVALUATION_BATCH points are claimed from a shared counter, so a busy core simply
 * does fewer of them. If the worker cannot start or stalls, this thread does its batches too.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CompiledProgram, EVALUATION_BATCH, evaluateProgramBatch } from '../poly/compile.js';
import { CURL_VALUES_PER_POINT, curlOfBatch } from './curl-batch.js';

export interface CurlJob {
  /** The compiled Jacobian (entries row by row); in SharedArrayBuffers if a worker may run. */
  program: CompiledProgram;
  /** State dimension: the program has n² outputs and n inputs. */
  n: number;
  /** Diagonal of W for the weighted curl (inverse rates), or null. */
  weights: Float64Array | null;
  /** The points, one after the other: point k is points[k·n … (k+1)·n). */
  points: Float64Array;
  samples: number;
}

/**
 * 'auto': a worker beside this thread when the work is large. 'never': this thread only.
 * 'always': the worker evaluates every batch while this thread waits (for tests of the worker).
 */
export type Parallelism = 'auto' | 'never' | 'always';

/** Terms × points below which a worker's start-up costs more than it saves (measured, d ≈ 14). */
export const PARALLEL_MIN_WORK = 1.5e8;

/** How long to wait for a batch the worker claimed before doing it here (at least). */
const STALL_MS = 2000;

const WORKER = new URL('./curl-worker.js', import.meta.url);

/** True when `curlAtPoints` would start a worker for `terms` × `samples` of work. */
export function wantsWorker(terms: number, samples: number, parallel: Parallelism): boolean {
  if (parallel === 'never' || samples <= EVALUATION_BATCH) return false;
  if (parallel === 'auto' && (terms * samples < PARALLEL_MIN_WORK || availableParallelism() < 2)) return false;
  // Under a TypeScript runner (vitest) there is no compiled worker script: stay on this thread.
  return existsSync(fileURLToPath(WORKER));
}

/** Scratch of one thread: the monomial values and the Jacobians of one batch. */
export interface BatchScratch {
  values: Float64Array;
  J: Float64Array;
}

export function batchScratch(program: CompiledProgram, reuse?: BatchScratch): BatchScratch {
  const values = program.parent.length * EVALUATION_BATCH;
  const J = program.outputs * EVALUATION_BATCH;
  return {
    values: reuse && reuse.values.length >= values ? reuse.values : new Float64Array(values),
    J: reuse && reuse.J.length >= J ? reuse.J : new Float64Array(J),
  };
}

/** Evaluates batch `b` and writes its points' curl numbers into `out`. */
export function runBatch(job: CurlJob, b: number, scratch: BatchScratch, out: Float64Array): void {
  const first = b * EVALUATION_BATCH;
  const count = Math.min(EVALUATION_BATCH, job.samples - first);
  evaluateProgramBatch(job.program, job.points.subarray(first * job.n, (first + count) * job.n), count, scratch.values, scratch.J);
  curlOfBatch(scratch.J, job.n, count, job.weights, out, first);
}

/** Batch status in the shared array: index 0 is the next batch to claim, 1 + b the state of b. */
export const CLAIMED = 1;
export const DONE = 2;
/** Done by the worker (counted in `report`). */
export const DONE_IN_WORKER = 3;

/**
 * Per point k, the 4 numbers of `curlOfBatch` at out[4k … 4k+3]. `parallel` as for `wantsWorker`
 * (the job's program must be in SharedArrayBuffers when it says yes).
 */
export function curlAtPoints(job: CurlJob, parallel: Parallelism, scratch?: BatchScratch, report?: { workerBatches: number }): Float64Array {
  const terms = job.program.coef.length;
  const useWorker = wantsWorker(terms, job.samples, parallel);
  const batches = Math.ceil(job.samples / EVALUATION_BATCH);
  const memory = (bytes: number) => (useWorker ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const out = new Float64Array(memory(8 * CURL_VALUES_PER_POINT * job.samples));
  const status = new Int32Array(memory(4 * (batches + 1)));
  let worker: Worker | null = null;
  if (useWorker) {
    try {
      const points = new Float64Array(new SharedArrayBuffer(8 * job.points.length));
      points.set(job.points);
      worker = new Worker(WORKER, { workerData: { job: { ...job, points }, out, status } });
      worker.unref();
      worker.on('error', () => {}); // a failed worker leaves its batches unfinished: done here below
    } catch {
      worker = null;
    }
  }
  const mine = batchScratch(job.program, scratch);
  let slowest = 0;
  while (!(worker && parallel === 'always')) {
    const b = Atomics.add(status, 0, 1);
    if (b >= batches) break;
    Atomics.store(status, 1 + b, CLAIMED);
    const t0 = performance.now();
    runBatch(job, b, mine, out);
    slowest = Math.max(slowest, performance.now() - t0);
    Atomics.store(status, 1 + b, DONE);
  }
  // Wait for the worker's batches. If it makes no progress for a while (it could not start, or
  // it failed), the rest is done here: the same numbers, so a late worker changes nothing.
  const patience = Math.max(STALL_MS, 4 * slowest);
  let deadline = performance.now() + patience;
  for (let b = 0; b < batches; b++) {
    for (let s = Atomics.load(status, 1 + b); s < DONE; s = Atomics.load(status, 1 + b)) {
      if (performance.now() > deadline) {
        runBatch(job, b, mine, out);
        Atomics.store(status, 1 + b, DONE);
        break;
      }
      Atomics.wait(status, 1 + b, s, 50);
    }
    deadline = performance.now() + patience; // progress: batch b is done
  }
  if (report) for (let b = 0; b < batches; b++) if (status[1 + b] === DONE_IN_WORKER) report.workerBatches++;
  if (worker) void worker.terminate();
  return out;
}
