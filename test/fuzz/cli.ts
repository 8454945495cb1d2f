/**
 * Runs the REAL command line (`node dist/src/cli/main.js`, built by `npm test`'s pretest step) in a
 * child process, so tests see exactly what a user sees: exit code, stdout, stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CLI = resolve('dist/src/cli/main.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.json, or npm test)`);
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' }; // no progress lines on stderr
  delete env.NCSSL_DEBUG;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, env, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** The contract for bad input: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
export function isOneLineError(r: CliRun): boolean {
  return r.status === 2 && r.stdout === '' && /^ncssl: [^\n]+\n$/.test(r.stderr) && !/internal error|\n\s+at /.test(r.stderr);
}
