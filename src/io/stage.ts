/**
 * The stage of one output set and its commit record: what makes `writeOutputs` (safe-write.ts)
 * all-or-nothing, even under SIGKILL (issue 9).
 *
 * A run writes every file of its set into a private folder `.ncssl-stage-<pid>-XXXXXX` that
 * mkdtemp makes inside the output directory (mode 0700, a fresh random name, files created with
 * O_EXCL, so nothing can be planted there). When the whole set is on disk it writes the commit
 * record `.ncssl-commit` (the list of names) into the stage — atomically, by rename — and from
 * then on the set is decided: its files are renamed into the output directory one by one, then the
 * record and the stage are removed. `recoverStages(dir)`, which every write into a directory runs
 * first, settles what an earlier run left:
 *   - a stage without a record belongs to a run that never reached its commit: if that process is
 *     gone, the stage is removed (roll back: the directory never saw its files);
 *   - a stage with a record belongs to a committed run: its remaining files are moved into place
 *     (roll forward), whatever happened to that process, since the record is only written once
 *     every file is complete.
 * Renames inside one directory are atomic, and moving a file that an earlier attempt already
 * moved finds it gone, so recovery can itself be interrupted and run again.
 *
 * Example: `recoverStages('out')` after `kill -9` of an ncssl report: out/ holds the old set or
 * the whole new one again, and no `.ncssl-stage-*` folder is left.
 */
import { closeSync, fsyncSync, lstatSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../limits/errors.js';

export const STAGE_PREFIX = '.ncssl-stage-';
export const COMMIT_RECORD = '.ncssl-commit';

/** A name ncssl may write in an output directory: one path component, not hidden as ours. */
export function isOutputName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && !name.startsWith(STAGE_PREFIX) && name !== COMMIT_RECORD && name.length <= 255;
}

/** Makes the stage of this process inside `dir` (mode 0700, random name). */
export function makeStage(dir: string): string {
  return mkdtempSync(join(dir, `${STAGE_PREFIX}${process.pid}-`));
}

/** Writes `content` to the new file `path` (O_EXCL: never an existing file or link) and flushes it to disk. */
export function writeNewFile(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory's entries (renames, new files) to disk; some file systems refuse, which loses nothing but durability. */
export function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on file systems without directory fsync: the renames are still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The commit point: the record of the names, written beside the staged files and renamed into place atomically. */
export function writeCommitRecord(stage: string, names: readonly string[]): void {
  const draft = join(stage, `${COMMIT_RECORD}.draft`);
  writeNewFile(draft, JSON.stringify({ format: 'ncssl-stage/1', names }));
  renameSync(draft, join(stage, COMMIT_RECORD));
  syncDirectory(stage);
}

/**
 * Moves the staged files named in the record into `dir`, then removes the record and the stage.
 * A name already moved (by an interrupted earlier attempt) is skipped. Throws a UsageError when a
 * file cannot be moved (a folder was put at its name meanwhile, say); the stage then stays, and
 * the next run tries again.
 */
export function rollForward(dir: string, stage: string, names: readonly string[]): void {
  for (const name of names) {
    try {
      renameSync(join(stage, name), join(dir, name));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // moved by an earlier attempt
      throw new UsageError(`${join(dir, name)}: cannot put the file in place (${code ?? 'error'}); the rest of the set waits in ${stage}, and the next ncssl run writing into ${dir} completes it`);
    }
  }
  syncDirectory(dir);
  rmSync(join(stage, COMMIT_RECORD), { force: true });
  rmSync(stage, { recursive: true, force: true });
}

/** The names of a commit record, or null when it is missing or not ours (then the stage is treated as uncommitted). */
function readCommitRecord(stage: string): string[] | null {
  const path = join(stage, COMMIT_RECORD);
  try {
    if (!lstatSync(path).isFile()) return null;
    const record = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; names?: unknown };
    if (record.format !== 'ncssl-stage/1' || !Array.isArray(record.names)) return null;
    const names = record.names as unknown[];
    return names.every((n): n is string => typeof n === 'string' && isOutputName(n)) ? names : null;
  } catch {
    return null;
  }
}

/** Whether the process that made a stage may still be running (then its stage is not ours to touch). */
function ownerMayRun(stageName: string): boolean {
  const pid = Number(/^\.ncssl-stage-(\d+)-/.exec(stageName)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's live process
  }
}

const sleep = new Int32Array(new SharedArrayBuffer(4));

/**
 * Settles the stages earlier runs left in `dir` (see the top of this file): committed ones are
 * rolled forward, uncommitted ones of processes that are gone are removed. A committed stage
 * whose process still runs is finishing its renames: given a moment, then completed here
 * (renames already done are skipped). Returns how many stages were rolled forward and back.
 */
export function recoverStages(dir: string): { forward: number; back: number } {
  const done = { forward: 0, back: 0 };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return done; // no directory yet: nothing to recover
  }
  for (const entry of entries.filter((e) => e.startsWith(STAGE_PREFIX)).sort()) {
    const stage = join(dir, entry);
    try {
      if (!lstatSync(stage).isDirectory()) continue; // a link or file with our prefix: not a stage of ours
    } catch {
      continue;
    }
    const names = readCommitRecord(stage);
    if (names !== null) {
      // A live owner renames for a few milliseconds at most; wait up to 1 s before sharing its work.
      for (let k = 0; k < 100 && ownerMayRun(entry) && lstatExists(stage); k++) Atomics.wait(sleep, 0, 0, 10);
      if (!lstatExists(stage)) continue;
      rollForward(dir, stage, names);
      done.forward++;
    } else if (!ownerMayRun(entry)) {
      rmSync(stage, { recursive: true, force: true });
      done.back++;
    }
  }
  return done;
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes a stage this process made and did not commit (failure, signal): the directory is as it was. */
export function discardStage(stage: string): void {
  try {
    for (const f of readdirSync(stage)) unlinkSync(join(stage, f));
  } catch {
    // already gone
  }
  rmSync(stage, { recursive: true, force: true });
}
