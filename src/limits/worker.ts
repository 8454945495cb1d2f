/**
 * Worker-thread entry of `runWithTimeout` (deadline.ts): imports the module named in workerData,
 * calls the named export and posts back one message, the result or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerError } from './deadline.js';

const { module, exportName, args } = workerData as { module: string; exportName: string; args: unknown[] };
try {
  const imported = (await import(module)) as Record<string, (...a: unknown[]) => unknown>;
  const result = await imported[exportName]!(...args);
  parentPort!.postMessage({ ok: true, result });
} catch (e) {
  const x = e as Error & { field?: string; expected?: string };
  const error: WorkerError = { name: x?.name ?? 'Error', message: x?.message ?? String(e), field: x?.field, expected: x?.expected };
  parentPort!.postMessage({ ok: false, error });
}
