/**
 * Worker-thread entry of `curlAtPoints` (curl-points.ts): claims batches from the shared counter
 * until none is left, evaluating each with the same code as the main thread, then exits.
 */
import { workerData } from 'node:worker_threads';
import { batchScratch, CLAIMED, type CurlJob, DONE_IN_WORKER, runBatch } from './curl-points.js';

const { job, out, status } = workerData as { job: CurlJob; out: Float64Array; status: Int32Array };
const batches = status.length - 1;
const scratch = batchScratch(job.program);
for (;;) {
  const b = Atomics.add(status, 0, 1);
  if (b >= batches) break;
  Atomics.store(status, 1 + b, CLAIMED);
  runBatch(job, b, scratch, out);
  Atomics.store(status, 1 + b, DONE_IN_WORKER);
  Atomics.notify(status, 1 + b);
}
