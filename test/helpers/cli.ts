/**
 * Runs the `ncssl` command line for the tests, two ways.
 *
 * `runCli` runs it in this process: the compiled CLI of dist/ (built by test/global-setup.ts, so
 * the tests exercise the JavaScript users run, and `--timeout` finds its compiled worker), through
 * `runMain`, the function the executable calls. It captures what a child process would print,
 * byte for byte, with CI set as the child helpers below set it (no progress lines): starting a
 * process costs ~0.5 s on a shared 2-core machine, and most tests start hundreds.
 *
 * `runCliProcess` starts the real executable, for what only a process shows: exit codes, signals,
 * standard input pipes, start-up. Keep it for those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Cli from '../../src/cli/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall milliseconds of the run. */
  ms: number;
}

export interface CliOptions {
  /** The working directory relative paths are taken in (default: this process's). */
  cwd?: string;
  /** Standard input, read by a spec or certificate argument `/dev/stdin` (default: empty). */
  input?: string | Uint8Array;
}

/** The executable (dist/src/cli/main.js) and the importable command line beside it. */
export const CLI_BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const CLI_MODULE = new URL('../../dist/src/cli/cli.js', import.meta.url);

function built(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: build first (npx tsc -p tsconfig.json, or npm test)`);
}

let loaded: Promise<typeof Cli> | undefined;

/** What a stream would carry: a string written to stdout is encoded as UTF-8 (a lone surrogate becomes U+FFFD). */
const asWritten = (chunks: string[]): string => Buffer.from(chunks.join(''), 'utf8').toString('utf8');

/** Runs `ncssl ...args` in this process; see the file comment. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  built(fileURLToPath(CLI_MODULE));
  const { runMain } = await (loaded ??= import(CLI_MODULE.href) as Promise<typeof Cli>);
  // A child's standard input is a pipe holding `input` (empty without it); a file named `stdin`
  // stands in for it, so a spec read from /dev/stdin gets its default name `stdin` here too.
  const stdinDir = mkdtempSync(join(tmpdir(), 'ncssl-stdin-'));
  const stdinFile = join(stdinDir, 'stdin');
  writeFileSync(stdinFile, options.input ?? '');
  const out: string[] = [];
  const err: string[] = [];
  const t0 = performance.now();
  try {
    const code = await runMain([...args], {
      out: (text) => void out.push(text),
      err: (text) => void err.push(text),
      progress: () => {}, // as under CI=true, which the child helpers set
      ...(options.cwd === undefined ? {} : { cwd: resolve(options.cwd) }),
      stdinFile,
    });
    return { code, stdout: asWritten(out), stderr: asWritten(err), ms: performance.now() - t0 };
  } finally {
    rmSync(stdinDir, { recursive: true, force: true });
  }
}

export interface ProcessResult extends CliResult {
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
}

/**
 * Runs `node dist/src/cli/main.js ...args` as a child process, with CI set (no progress lines).
 * Standard input is /dev/null, or with `input` a shell pipe (`cat FILE | ncssl ...`): node's own
 * child pipes are sockets, which cannot be opened as /dev/stdin (ENXIO), unlike a user's pipe.
 */
export function runCliProcess(args: readonly string[], options: CliOptions & { timeoutMs?: number } = {}): ProcessResult {
  built(CLI_BIN);
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env.NCSSL_DEBUG;
  const command = [process.execPath, CLI_BIN, ...args];
  let inputDir: string | null = null;
  if (options.input !== undefined) {
    inputDir = mkdtempSync(join(tmpdir(), 'ncssl-input-'));
    writeFileSync(join(inputDir, 'input'), options.input);
    // sh -c 'SCRIPT' sh FILE node main.js ARGS…: "$1" is the file, the rest the command line.
    command.splice(0, 0, 'sh', '-c', 'f=$1; shift; cat "$f" | "$@"', 'sh', join(inputDir, 'input'));
  }
  const t0 = performance.now();
  try {
    const r = spawnSync(command[0]!, command.slice(1), {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: options.timeoutMs ?? 60_000,
    });
    return { code: r.status ?? -1, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
  } finally {
    if (inputDir !== null) rmSync(inputDir, { recursive: true, force: true });
  }
}
