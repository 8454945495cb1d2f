/**
 * The command line as the fuzz and safety tests see it: exit status, stdout, stderr, wall time.
 * `runCli` runs the compiled CLI in-process, `runCliProcess` as a child process (both in
 * test/helpers/cli.ts, which says when to use which).
 */
import { type CliOptions, runCli as runInProcess, runCliProcess as runChild } from '../helpers/cli.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const r = await runInProcess(args, options);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr, ms: r.ms };
}

export function runCliProcess(args: readonly string[], options: CliOptions & { timeoutMs?: number } = {}): CliRun {
  const r = runChild(args, options);
  return { status: r.signal === null ? r.code : null, stdout: r.stdout, stderr: r.stderr, ms: r.ms };
}

/** The contract for bad input: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
export function isOneLineError(r: CliRun): boolean {
  return r.status === 2 && r.stdout === '' && /^ncssl: [^\n]+\n$/.test(r.stderr) && !/internal error|\n\s+at /.test(r.stderr);
}
