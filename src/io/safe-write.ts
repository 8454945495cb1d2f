/**
 * Safe output: every file of a run lands in the output directory, all of them or none, never
 * through a link (issue 9). The steps:
 *   1. settle what earlier runs left there (stage.ts: roll a committed set forward, a dead
 *      uncommitted one back);
 *   2. check everything before writing anything: the directory is a real directory (not a link),
 *      every name is a plain name inside it, and nothing at a name is a link, a folder or another
 *      non-file; an existing file is replaced only with `force`;
 *   3. write the set into a private stage (mkdtemp, files created with O_EXCL and fsynced);
 *   4. commit (the stage's commit record), then rename the files into place and remove the stage.
 * A failure or SIGINT/SIGTERM/SIGHUP before step 4 removes the stage: the directory is as it was.
 * After it, the set is completed (by this run, or by the next one after a SIGKILL). Every problem
 * a user can fix (a link, a folder, an unwritable directory, an existing file) is one UsageError
 * naming the path; docs/cli.md states the guarantee.
 *
 * Example: `await writeOutputs('out', [{ name: 'scalar.tex', content }], { force: false, flag: '--out' })`.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../limits/errors.js';
import { discardStage, isOutputName, makeStage, recoverStages, rollForward, writeCommitRecord, writeNewFile } from './stage.js';

export interface OutputFile {
  /** A plain file name inside the output directory (no folder part). */
  name: string;
  content: string | Uint8Array;
}

export interface WriteOptions {
  /** Replace existing files (never links or folders). */
  force: boolean;
  /** The flag that named the directory, for messages: `--out`, `--certificates`. */
  flag: string;
  /** The directory a relative `dir` is taken in (default: the process's working directory); messages show `dir` as given. */
  cwd?: string;
}

/** A set of files checked for writing into one directory (step 2). */
export interface OutputPlan {
  dir: string;
  /** `dir` resolved. */
  at: string;
  files: readonly OutputFile[];
  options: WriteOptions;
}

/**
 * Where a run's checked output goes instead of the disk. The --timeout child process (deadline.ts)
 * hands its files to the parent, which writes them after the child finished in time.
 */
let sink: ((plan: OutputPlan) => void) | null = null;
export function setOutputSink(f: ((plan: OutputPlan) => void) | null): void {
  sink = f;
}

const IO_PROBLEMS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'ENOSPC', 'EDQUOT', 'EEXIST', 'EISDIR', 'ELOOP', 'ENAMETOOLONG', 'EINVAL', 'EMLINK', 'EXDEV', 'EBUSY']);

/** A file-system error as the one line a user sees (exit 2), or rethrown when it is not about the user's paths. */
function ioError(e: unknown, what: string): never {
  if (e instanceof UsageError) throw e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code !== undefined && IO_PROBLEMS.has(code)) throw new UsageError(`${what} (${code})`);
  throw e;
}

type Kind = 'missing' | 'file' | 'link' | 'directory' | 'other';
function kindOf(path: string): Kind {
  try {
    const s = lstatSync(path);
    return s.isSymbolicLink() ? 'link' : s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

/** Step 2 for the directory itself: a real directory, or nothing yet. */
function checkDirectory(plan: OutputPlan): Kind {
  const { dir, at, options } = plan;
  let kind: Kind;
  try {
    kind = kindOf(at);
  } catch (e) {
    return ioError(e, `${options.flag}: cannot use ${dir}`);
  }
  if (kind === 'link') throw new UsageError(`${options.flag}: ${dir} is a symbolic link; expected a directory (ncssl never writes through a link)`);
  if (kind === 'file' || kind === 'other') throw new UsageError(`${options.flag}: ${dir} exists and is not a directory`);
  return kind;
}

/** Step 2 for the names: plain names, no link/folder/non-file at any, existing files only with force. */
function checkNames(plan: OutputPlan): void {
  const { dir, at, files, options } = plan;
  const seen = new Set<string>();
  for (const { name } of files) {
    if (!isOutputName(name)) throw new UsageError(`refusing to write '${name}': output names must be plain file names inside the output directory`);
    if (seen.has(name)) throw new Error(`two output files are both named ${name}`);
    seen.add(name);
  }
  const shown = (name: string) => `${dir.replace(/\/+$/, '')}/${name}`;
  const existing: string[] = [];
  for (const { name } of files) {
    let kind: Kind;
    try {
      kind = kindOf(resolve(at, name));
    } catch (e) {
      return ioError(e, `${options.flag}: cannot use ${shown(name)}`);
    }
    if (kind === 'link') throw new UsageError(`${options.flag}: ${shown(name)} is a symbolic link; ncssl never writes through or over a link (remove it first)`);
    if (kind === 'directory') throw new UsageError(`${options.flag}: ${shown(name)} is a directory, where a file is to be written`);
    if (kind === 'other') throw new UsageError(`${options.flag}: ${shown(name)} exists and is not a regular file`);
    if (kind === 'file') existing.push(shown(name));
  }
  if (existing.length > 0 && !options.force) throw new UsageError(`${existing[0]} exists (use --force to replace existing files)`);
}

/** Step 2 as a whole, without writing anything: what a run checks before its work is handed on. */
export function planOutputs(dir: string, files: readonly OutputFile[], options: WriteOptions): OutputPlan {
  const plan: OutputPlan = { dir, at: options.cwd === undefined ? resolve(dir) : resolve(options.cwd, dir), files, options };
  if (checkDirectory(plan) !== 'missing') checkNames(plan);
  else files.forEach(({ name }) => {
    if (!isOutputName(name)) throw new UsageError(`refusing to write '${name}': output names must be plain file names inside the output directory`);
  });
  return plan;
}

/**
 * mkdir -p, one level at a time. Not `mkdirSync(…, { recursive: true })`: Node's version never
 * returns for a path under /proc, where mkdir says ENOENT although the parent exists (issue 9).
 */
function makeDirectories(path: string): void {
  const missing: string[] = [];
  for (let p = path; kindOf(p) === 'missing'; p = dirname(p)) {
    if (dirname(p) === p) break;
    missing.push(p);
  }
  for (const p of missing.reverse()) mkdirSync(p);
}

/** The signals that end a run politely; their default action is restored after the write. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

/**
 * Writes every file or none (the steps at the top). Resolves with the paths written, as shown to
 * the user. A signal before the commit point removes the stage and then ends the process with
 * that signal; one during the renames is acted on once they are done.
 */
export async function writeOutputs(dir: string, files: readonly OutputFile[], options: WriteOptions): Promise<string[]> {
  const plan = planOutputs(dir, files, options);
  const shown = files.map((f) => `${dir.replace(/\/+$/, '')}/${f.name}`);
  if (sink) {
    sink(plan);
    return shown;
  }
  await commitPlan(plan);
  return shown;
}

/** Steps 1–4 for a checked plan (the parent of a --timeout child calls this with the child's plan). */
export async function commitPlan(plan: OutputPlan): Promise<void> {
  const { dir, at, files, options } = plan;
  if (checkDirectory(plan) === 'missing') {
    try {
      makeDirectories(at);
    } catch (e) {
      ioError(e, `${options.flag}: cannot create the directory ${dir}`);
    }
    if (checkDirectory(plan) !== 'directory') throw new UsageError(`${options.flag}: ${dir} is not a directory`);
  }
  try {
    recoverStages(at);
  } catch (e) {
    ioError(e, `${options.flag}: cannot complete an earlier interrupted write in ${dir}`);
  }
  checkNames(plan); // again, after recovery and just before writing
  let interrupted: Signal | null = null;
  const onSignal = (s: Signal) => () => {
    interrupted ??= s;
  };
  const handlers = SIGNALS.map((s) => [s, onSignal(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  let stage: string | null = null;
  let committed = false;
  try {
    try {
      stage = makeStage(at);
    } catch (e) {
      ioError(e, `${options.flag}: cannot write into ${dir}`);
    }
    for (const f of files) {
      // A turn of the event loop between files, so that a signal can stop the run before its commit.
      await new Promise((r) => setImmediate(r));
      if (interrupted) break;
      try {
        writeNewFile(resolve(stage!, f.name), f.content);
      } catch (e) {
        ioError(e, `${options.flag}: cannot write ${f.name} into ${dir}`);
      }
    }
    await new Promise((r) => setImmediate(r));
    if (!interrupted) {
      checkNames(plan); // a link or folder planted while the set was written is refused, not written over
      writeCommitRecord(stage!, files.map((f) => f.name));
      committed = true;
      rollForward(at, stage!, files.map((f) => f.name));
    }
  } finally {
    if (stage !== null && !committed) discardStage(stage);
    for (const [s, h] of handlers) process.off(s, h);
  }
  // Re-raise a signal that arrived during the write, now that the directory is settled.
  if (interrupted) process.kill(process.pid, interrupted);
}
