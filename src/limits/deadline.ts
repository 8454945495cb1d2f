/**
 * A time budget for one analysis (`--timeout`). JavaScript cannot interrupt a running computation,
 * and one step (expanding F, say) can take longer than any budget, so checking a deadline between
 * steps would not bound the time. Instead the work runs in a worker thread that is terminated when
 * the budget runs out. Its result comes back as one message at the end, so a terminated analysis
 * leaves nothing behind: the caller writes output only after every analysis has returned.
 *
 * Example: `await runWithTimeout(new URL('../cli/check.js', import.meta.url), 'checkSpecFile', [path, options], 30, 'check: scalar.yaml')`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../cli/command.js';
import { SpecError } from '../model/spec-error.js';

/** The analysis ran out of its budget; the CLI prints it on one line and exits 2. */
export class TimeoutError extends UsageError {
  override name = 'TimeoutError';
}

/** An error as it crosses the thread boundary (class instances do not survive structured cloning). */
export interface WorkerError {
  name: string;
  message: string;
  field?: string;
  expected?: string;
}

function revive(e: WorkerError): Error {
  if (e.name === 'SpecError') return new SpecError(e.field ?? '', e.expected ?? e.message);
  if (e.name === 'UsageError' || e.name === 'TimeoutError') return new UsageError(e.message);
  return new Error(e.message);
}

/**
 * Calls `module[exportName](...args)` in a worker thread and resolves with its (structured-clone)
 * result, or rejects with a TimeoutError naming `what` once `seconds` have passed.
 */
export function runWithTimeout<T>(module: URL, exportName: string, args: unknown[], seconds: number, what: string): Promise<T> {
  const script = new URL('./worker.js', import.meta.url);
  // Under a TypeScript runner (vitest) there is no compiled worker: say so instead of failing obscurely.
  if (!existsSync(fileURLToPath(script))) return Promise.reject(new Error(`--timeout needs the compiled CLI (${fileURLToPath(script)} is missing)`));
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { module: module.href, exportName, args },
      stdout: true, // the analysis never prints; if it did, it must not interleave with our output
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new TimeoutError(`${what}: the analysis did not finish within --timeout ${seconds} s; nothing was written`)));
    }, seconds * 1000);
    worker.on('message', (m: { ok: true; result: T } | { ok: false; error: WorkerError }) => {
      settle(() => (m.ok ? resolve(m.result) : reject(revive(m.error))));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const outOfMemory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(() => reject(outOfMemory ? new UsageError(`${what}: the analysis ran out of memory; nothing was written`) : e));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`${what}: the analysis worker stopped (exit code ${code})`))));
  });
}
