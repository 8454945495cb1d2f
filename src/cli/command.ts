/**
 * CLI commands: each registers itself here with its name, help and options (a light
 * `<name>-command.ts` file) and names the module that implements it (`<name>.ts`), which is
 * imported only when the command runs — so `ncssl --help` or `ncssl verify` never load KaTeX, the
 * report builder or the analyses. Errors the user can fix are `UsageError` (bad flags) or
 * `SpecError` (bad spec): the entry point prints them on one line and exits 2.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';

// Defined below the CLI (src/limits/errors.ts) so that src/io and src/limits can raise it too.
import { UsageError } from '../limits/errors.js';
export { UsageError };

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Where the files a user names are found. The installed CLI leaves both unset: paths are relative
 * to the process's working directory and /dev/stdin is the process's standard input. The
 * in-process runner of the tests sets them, as a child process's cwd and stdin pipe would be.
 */
export interface FileAccess {
  /** The directory relative paths are resolved against. */
  cwd?: string;
  /**
   * A file opened in place of `/dev/stdin`. Name it `stdin`: a spec's default name is its file's
   * base name, and a spec read from /dev/stdin is called `stdin`.
   */
  stdinFile?: string;
}

export interface CommandIO extends FileAccess {
  /** Writes to standard output. Commands write only after all work is done. */
  out(text: string): void;
  /** Progress and notes for a human on a TTY (silent when piped or under CI). */
  progress(text: string): void;
}

/**
 * The path to open for a path the user typed; messages keep showing the path as typed.
 * Example: `filePath({ cwd: '/tmp/x' }, 'a.yaml') === '/tmp/x/a.yaml'`, `filePath({}, 'a.yaml') === 'a.yaml'`.
 */
export function filePath(at: FileAccess, path: string): string {
  if (at.stdinFile !== undefined && path === '/dev/stdin') return at.stdinFile;
  return at.cwd === undefined || isAbsolute(path) ? path : resolve(at.cwd, path);
}

/** Parsed flag values, by option name. */
export type CommandValues = Record<string, string | boolean | undefined>;

/** What a command's implementation module exports. */
export interface CommandModule {
  run(values: CommandValues, positionals: string[], io: CommandIO): Promise<number> | number;
}

export interface Command {
  name: string;
  /** One line for `ncssl --help`. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: OptionSpec;
  /** Imports the implementation; called only once the flags have parsed and help was not asked for. */
  load(): Promise<CommandModule>;
}

const commands = new Map<string, Command>();

export function registerCommand(command: Command): void {
  commands.set(command.name, command);
}

export function getCommand(name: string): Command | undefined {
  return commands.get(name);
}

export function allCommands(): Command[] {
  return [...commands.values()];
}

/** Parses a non-negative integer flag value, or throws a UsageError naming the flag. */
export function integerOption(value: string | boolean | undefined, flag: string, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`--${flag}: expected an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** The --timeout paragraph every command's help shares (the flag is parsed once, in cli.ts). */
export const TIMEOUT_HELP = `  --timeout SECONDS
                time budget of the whole command, reading and checking the input included:
                a number > 0 and at most 604800; past it one line, exit 2, and nothing is
                printed or written (default: none)`;

/** The size-limit note every command that reads a spec ends its help with. */
export const SIZE_LIMITS_HELP = `Size limits (docs/cli.md): a run estimated above NCSSL_MAX_MEMORY_MB (default 2048) is refused
before it starts; spec numbers are 0 or of magnitude 1e-50 to 1e50 (docs/spec.md).`;
