/**
 * Safe output: files are written only inside the output directory, each first to a temporary
 * file beside it and then renamed into place, so a crash never leaves half a file; existing files
 * are replaced only with `force`. All names are checked before anything is written, so a refusal
 * leaves the directory untouched.
 *
 * Example: `writeOutputs('out', [{ name: 'scalar.tex', content }], { force: false, flag: '--out' })`.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { UsageError } from '../cli/command.js';

export interface OutputFile {
  /** Path relative to the output directory; no `..`, not absolute. */
  name: string;
  content: string | Uint8Array;
}

function insideDirectory(dir: string, name: string): string {
  if (isAbsolute(name) || normalize(name).split(sep).includes('..') || name.trim() === '') {
    throw new UsageError(`refusing to write '${name}': output names must stay inside the output directory`);
  }
  const target = resolve(dir, name);
  const rel = relative(resolve(dir), target);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new UsageError(`refusing to write '${name}' outside the output directory`);
  }
  return target;
}

/**
 * Writes every file or none: all checks first, then one temporary file and rename per file.
 * A relative `dir` is taken in `options.cwd` (default: the process's working directory); messages
 * show `dir` as given.
 */
export function writeOutputs(dir: string, files: readonly OutputFile[], options: { force: boolean; flag: string; cwd?: string }): string[] {
  const at = options.cwd === undefined ? dir : resolve(options.cwd, dir);
  if (existsSync(at) && !statSync(at).isDirectory()) throw new UsageError(`${options.flag}: ${dir} exists and is not a directory`);
  const targets = files.map((f) => insideDirectory(at, f.name));
  for (const t of targets) {
    if (existsSync(t) && statSync(t).isDirectory()) throw new UsageError(`${options.flag}: ${t} is a directory, where a file is to be written`);
  }
  if (!options.force) {
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length > 0) {
      throw new UsageError(`${existing[0]} exists (use --force to replace existing files)`);
    }
  }
  const written: string[] = [];
  files.forEach((f, k) => {
    const target = targets[k]!;
    try {
      mkdirSync(resolve(target, '..'), { recursive: true });
    } catch (e) {
      throw new UsageError(`${options.flag}: cannot create the directory of ${target} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const temporary = join(resolve(target, '..'), `.${basename(target)}.${process.pid}.tmp`);
    try {
      const fd = openSync(temporary, 'w', 0o644);
      try {
        writeSync(fd, typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, target);
    } catch (e) {
      rmSync(temporary, { force: true });
      throw e;
    }
    written.push(target);
  });
  return written;
}
