/**
 * `--timeout SECONDS` for every command (issue 9). JavaScript cannot interrupt a running
 * computation, and one step (expanding F, checking a spec's PSD moments, reading a FIFO whose
 * writer is slow) can take longer than any budget, so checking a clock between steps would not
 * bound the time. Instead the whole command — reading its inputs, validating them, the work,
 * rendering — runs in a child process that is killed (SIGKILL: immediate, whatever it is doing)
 * when the budget, counted from the start of the command, runs out.
 *
 * The child never writes into the user's directories: its standard output goes to a private
 * temporary file, and the files it would write (`report --out`, `check --certificates`) come back
 * to the parent as data (safe-write.ts's sink). Only once the child has finished in time does the
 * parent write those files (all or nothing) and then copy the output — so a timeout prints one
 * line, exits 2 and leaves nothing behind, and a child orphaned by a SIGKILL of the parent can never
 * write anything. The child's V8 heap is capped at the memory ceiling (NCSSL_MAX_MEMORY_MB), so an
 * estimate that errs ends in one line too, not in a crash of the parent.
 *
 * Example: `ncssl check big.yaml --timeout 30` runs `ncssl check big.yaml --timeout 30` again as
 * a child with NCSSL_DEADLINE_PARENT set; the child ignores --timeout and runs in-process.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { type OutputPlan, commitPlan, setOutputSink } from '../io/safe-write.js';
import { TimeoutError, UsageError } from './errors.js';
import { sizeLimit } from './limits.js';

export { TimeoutError };

/** Set in the child's environment to the parent's pid: the child runs the command in-process. */
export const DEADLINE_PARENT_ENV = 'NCSSL_DEADLINE_PARENT';

/** The longest --timeout: a week. */
export const MAX_TIMEOUT_SECONDS = 604_800;

/** The --timeout value: seconds > 0 (decimals allowed) and at most a week, or a UsageError. */
export function timeoutSeconds(value: string | boolean): number {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new UsageError(`--timeout: expected a number of seconds > 0 and at most ${MAX_TIMEOUT_SECONDS}, got ${JSON.stringify(value)}`);
  }
  return seconds;
}

/** Whether this process is the child of a --timeout run. */
export function isDeadlineChild(): boolean {
  return process.env[DEADLINE_PARENT_ENV] !== undefined;
}

export interface DeadlineIO {
  out(text: string): void;
  err(text: string): void;
  /** The directory the command runs in (default: this process's). */
  cwd?: string;
  /** A file to use as the child's standard input (default: this process's). */
  stdinFile?: string;
}

export interface DeadlineRun {
  /** The CLI entry file (src/cli/main.ts's compiled form). */
  entry: URL;
  /** The command line after `ncssl`, --timeout included. */
  argv: string[];
  seconds: number;
  /** The command's name, for the message. */
  command: string;
  /** performance.now() when the command started: the budget counts from there. */
  startedAt: number;
  io: DeadlineIO;
}

/** The compiled entry for `entry`: under a TypeScript runner (the tests) src/… maps to dist/src/…. */
function compiledEntry(entry: URL): string {
  const path = fileURLToPath(entry);
  if (existsSync(path)) return path;
  const dist = path.replace(/([/\\])src([/\\])(.*)\.[cm]?[jt]s$/, '$1dist$1src$2$3.js');
  if (existsSync(dist)) return dist;
  throw new Error(`--timeout needs the compiled CLI (${dist} is missing: run npm run build)`);
}

/** What the child sends before it exits. */
interface ChildReport {
  kind: 'done';
  code: number;
  plans: OutputPlan[];
}

/** Largest amount of the child's stderr kept (it prints one line, or progress on a terminal). */
const MAX_STDERR = 64 * 1024;

/**
 * Runs the command line in a child killed at the deadline (see the top of the file); resolves
 * with its exit code once its files are written and its output copied, or rejects with a
 * TimeoutError or a UsageError (out of memory).
 */
export async function runWithDeadline(run: DeadlineRun): Promise<number> {
  const { io } = run;
  const remaining = run.seconds * 1000 - (performance.now() - run.startedAt);
  const memory = sizeLimit('memory');
  const scratch = mkdtempSync(join(tmpdir(), 'ncssl-timeout-'));
  const captured = join(scratch, 'stdout');
  const outFd = openSync(captured, 'wx', 0o600);
  const inFd = io.stdinFile === undefined ? null : openSync(io.stdinFile, 'r');
  try {
    const child = spawn(process.execPath, [`--max-old-space-size=${Math.max(64, Math.floor(memory))}`, compiledEntry(run.entry), ...run.argv], {
      cwd: io.cwd,
      env: { ...process.env, [DEADLINE_PARENT_ENV]: String(process.pid) },
      stdio: [inFd ?? 'inherit', outFd, 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.slice(0, MAX_STDERR - stderr.length);
    });
    let report: ChildReport | null = null;
    child.on('message', (m: ChildReport) => {
      if (m?.kind === 'done') report = m;
    });
    // A polite signal to this process ends the child first, then this process as the signal would.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const relay = (s: NodeJS.Signals) => () => {
      child.kill('SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
      for (const [t, h] of handlers) process.off(t, h);
      process.kill(process.pid, s);
    };
    const handlers: Array<readonly [NodeJS.Signals, () => void]> = signals.map((s) => [s, relay(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
      child.on('error', () => resolve({ code: null, signal: null }));
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
        // Do not wait for the kernel to tear the child down (a second or more for a 2 GB heap):
        // it is killed, and nothing of it is read any more; let this process end without it.
        child.unref();
        child.stderr?.destroy();
        if (child.connected) child.disconnect();
        resolve({ code: null, signal: 'SIGKILL' });
      }, Math.max(0, remaining));
    });
    const { code, signal } = await ended;
    clearTimeout(timer);
    for (const [s, h] of handlers) process.off(s, h);
    // 'exit' can come before the last IPC message and stderr chunk: let them arrive.
    await new Promise((r) => setImmediate(r));
    if (timedOut) {
      throw new TimeoutError(`${run.command}: did not finish within --timeout ${run.seconds} s; nothing was printed or written`);
    }
    if (/heap out of memory|Reached heap limit/i.test(stderr) || signal === 'SIGABRT' || code === 134) {
      throw new UsageError(`${run.command}: ran out of memory: above the ceiling of ${memory} MB (raise it with NCSSL_MAX_MEMORY_MB=…); nothing was printed or written`);
    }
    const done = report as ChildReport | null;
    if (signal !== null || code === null || done === null) {
      // Killed from outside, or it never reported: relay what it said.
      io.err(stderr || `ncssl: internal error: ${run.command} stopped (${signal ?? `exit code ${code}`})\n`);
      return code ?? 1;
    }
    if (done.code === 0 || done.code === 1) for (const plan of done.plans) await commitPlan(plan);
    copyFile(captured, io.out);
    if (stderr !== '') io.err(stderr);
    return done.code;
  } finally {
    closeSync(outFd);
    if (inFd !== null) closeSync(inFd);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Copies a file to `out` in chunks, decoding UTF-8 across chunk boundaries. */
function copyFile(path: string, out: (text: string) => void): void {
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) out(decoder.write(chunk.subarray(0, n)));
    const rest = decoder.end();
    if (rest !== '') out(rest);
  } finally {
    closeSync(fd);
  }
}

/**
 * The child's side: runs the command with output files collected instead of written, then sends
 * them to the parent with the exit code. A child whose parent is gone exits without a word.
 */
export async function runAsDeadlineChild(command: () => Promise<number>): Promise<number> {
  const parent = Number(process.env[DEADLINE_PARENT_ENV]);
  const plans: OutputPlan[] = [];
  setOutputSink((plan) => plans.push(plan));
  const orphaned = () => process.exit(1); // the parent is gone: nothing is wanted any more
  process.on('disconnect', orphaned);
  const code = await command();
  if (process.ppid !== parent || !process.send) return 1;
  await new Promise<void>((resolve) => process.send!({ kind: 'done', code, plans } satisfies ChildReport, undefined, {}, () => resolve()));
  process.off('disconnect', orphaned);
  process.disconnect();
  return code;
}
