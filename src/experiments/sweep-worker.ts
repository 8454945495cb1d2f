/** A worker thread of the sweep pool: runs each job it is sent and posts its result (or its error). */
import { parentPort } from 'node:worker_threads';
import { type Job, runJob } from './job.js';
import '../procedures/index.js';

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ result: runJob(job) });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ error: { message: error.message, name: error.name } });
  }
});
