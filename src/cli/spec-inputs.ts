/**
 * Turns the spec arguments of a command into models: a file is one spec; a directory stands for
 * its `.yaml`, `.yml` and `.json` files in name order (not recursive). Paths are shown as typed
 * and opened through `filePath` (command.ts), which places them in the caller's directory.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Model } from '../model/model.js';
import { loadAnySpecFile } from '../family/spec.js';
import type { Family } from '../family/family.js';
import { SpecError } from '../model/spec-error.js';
import { loadSpecOfAnyKind } from '../variants/load.js';
import type { Variant } from '../variants/variant.js';
import { type FileAccess, UsageError, filePath } from './command.js';

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export function specFiles(paths: readonly string[], at: FileAccess = {}): string[] {
  if (paths.length === 0) throw new UsageError('expected at least one spec file or directory');
  return inputFiles(paths, at, 'spec');
}

/**
 * The files named: a file is itself, a directory its `.yaml`, `.yml` and `.json` files in name
 * order (not its subdirectories), each once. `noun` names what a directory must hold ("spec",
 * "statement") in the error for one that holds none.
 */
export function inputFiles(paths: readonly string[], at: FileAccess, noun: string): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(filePath(at, path)).isDirectory();
    } catch {
      throw new UsageError(`${path}: no such file or directory`);
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const inside = readdirSync(filePath(at, path), { withFileTypes: true })
      .filter((f) => f.isFile() && SPEC_EXTENSIONS.has(extname(f.name)))
      .map((f) => join(path, f.name))
      .sort();
    if (inside.length === 0) throw new UsageError(`${path}: no .yaml, .yml or .json ${noun} in this directory`);
    files.push(...inside);
  }
  return [...new Set(files)];
}

/** A loaded spec: a numeric model, or a family (a spec with symbols, src/family/). */
export type LoadedSpec = { path: string; model: Model; family?: undefined } | { path: string; family: Family; model?: undefined };

/** Loads every spec; a bad one raises a SpecError prefixed with its path. */
export function loadSpecs(paths: readonly string[], at: FileAccess = {}): LoadedSpec[] {
  return specFiles(paths, at).map((path) => {
    const spec = withSpecPath(path, () => loadAnySpecFile(filePath(at, path)));
    return spec.kind === 'model' ? { path, model: spec.model } : { path, family: spec.family };
  });
}

/** A loaded spec, or a variant (src/variants/: cosine loss, MLP encoders, view pairs, …). */
export type LoadedSpecOfAnyKind = (LoadedSpec & { variant?: undefined }) | { path: string; variant: Variant; model?: undefined; family?: undefined };

/** `loadSpecs` for the commands that also read variants (check). */
export function loadSpecsOfAnyKind(paths: readonly string[], at: FileAccess = {}): LoadedSpecOfAnyKind[] {
  return specFiles(paths, at).map((path) => {
    const spec = withSpecPath(path, () => loadSpecOfAnyKind(filePath(at, path)));
    return spec.kind === 'model' ? { path, model: spec.model } : spec.kind === 'family' ? { path, family: spec.family } : { path, variant: spec.variant };
  });
}

/** Runs `load`, prefixing the field of a SpecError it raises with the spec's path. */
export function withSpecPath<T>(path: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof SpecError) throw new SpecError(`${path}: ${e.field}`, e.expected);
    throw e;
  }
}

/** The one spec file of a single-model command (simulate, export): a directory holds several, so it is refused. */
export function loadSingleSpec(paths: readonly string[], command: string, at: FileAccess = {}): LoadedSpec {
  return loadSpecs(singleSpecFile(paths, command, at), at)[0]!;
}

/** `loadSingleSpec` for the single-model commands that also read variants (derive, report). */
export function loadSingleSpecOfAnyKind(paths: readonly string[], command: string, at: FileAccess = {}): LoadedSpecOfAnyKind {
  return loadSpecsOfAnyKind(singleSpecFile(paths, command, at), at)[0]!;
}

function singleSpecFile(paths: readonly string[], command: string, at: FileAccess): string[] {
  if (paths.length !== 1) throw new UsageError(`${command}: expected exactly one spec file`);
  const files = specFiles(paths, at);
  if (files.length !== 1 || files[0] !== paths[0]) {
    throw new UsageError(`${command}: ${paths[0]} is a directory; expected one spec file ('ncssl check' takes directories)`);
  }
  return files;
}
