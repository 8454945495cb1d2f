/**
 * CLI commands: each lives in its own file and registers itself here with its options and help.
 * Errors the user can fix are `UsageError` (bad flags) or `SpecError` (bad spec): the entry point
 * prints them on one line and exits 2.
 */
import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIO {
  /** Writes to standard output. Commands write only after all work is done. */
  out(text: string): void;
  /** Progress and notes for a human on a TTY (silent when piped or under CI). */
  progress(text: string): void;
}

export interface Command {
  name: string;
  /** One line for `ncssl --help`. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: OptionSpec;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: CommandIO): Promise<number> | number;
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
