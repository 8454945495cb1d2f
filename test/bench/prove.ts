/**
 * `ncssl prove` on the bundled statements as whole processes (npm start's command): with the
 * report in four formats, and the table alone. Measures, asserts nothing.
 *
 * Example: `benchProve(3).report.median` is the wall ms of `ncssl prove --out DIR --force`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProcessTiming, timeNode } from './sympy.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export function benchProve(repeats: number): { report: ProcessTiming; table: ProcessTiming } {
  const out = mkdtempSync(join(tmpdir(), 'ncssl-bench-prove-'));
  try {
    return { report: timeNode([CLI, 'prove', '--out', out, '--force'], repeats), table: timeNode([CLI, 'prove', '--no-report'], repeats) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
