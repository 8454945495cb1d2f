/**
 * Finding a Python for the export tests: `python3`, or Debian's /usr/bin/python3 when the first
 * lacks the module (a user's python3 may be another installation than the one apt fills).
 * Without one the tests skip with a warning, except under CI, where .ci/run installs
 * python3-numpy and a missing module is a failure.
 */
import { spawnSync } from 'node:child_process';

export function pythonWith(module: string): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', `import ${module}`], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return null;
}

/** Whether a test needing `module` runs here; logs why not when it does not. */
export function skipWithout(module: string, python: string | null, requiredInCi: boolean): boolean {
  if (python !== null) return false;
  if (requiredInCi && process.env.CI) return false; // the test runs and fails: CI must have it
  console.warn(`skipping: no python3 with ${module} found${requiredInCi ? ' (CI installs it)' : ''}`);
  return true;
}

export function runPython(python: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
