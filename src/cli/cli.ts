/**
 * The `ncssl` command line as a function: `runMain(argv, io)` dispatches to a registered command
 * and turns every error into its exit code, printing one line on `io.err`. No side effects on
 * import, so the tests run it in-process; src/cli/main.ts runs it on process.argv.
 *
 * Anything the user can fix (bad flags, a bad spec) prints one line and exits 2; anything else is
 * an internal error, exit 1. Output is written only after the work is done, so a failure never
 * leaves half an output behind.
 */
import { parseArgs } from 'node:util';
import { SpecError } from '../model/spec-error.js';
import { type CommandIO, UsageError, allCommands, getCommand } from './command.js';
import './commands.js';

export interface CliIO extends CommandIO {
  /** Writes to standard error: the one-line error, or the usage when no command is given. */
  err(text: string): void;
  /** Adds the stack trace of an internal error (NCSSL_DEBUG). */
  debug?: boolean;
}

const USAGE = `ncssl — proof assistant for the training dynamics of non-contrastive self-supervised learning

Usage: ncssl <command> [options]

Commands:
{commands}

Run 'ncssl <command> --help' for a command's options. Spec reference: docs/spec.md.`;

function topHelp(): string {
  const width = Math.max(...allCommands().map((c) => c.name.length));
  const list = allCommands()
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return USAGE.replace('{commands}', list);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 1000);
}

/** Runs one command line; throws what the command throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const startedAt = performance.now(); // --timeout counts from here
  const [name, ...rest] = argv;
  if (name === undefined) {
    // A missing command is a usage error: the usage goes to stderr, so nothing reads it as output.
    io.err(topHelp() + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp() + '\n');
    return 0;
  }
  const command = getCommand(name);
  if (!command) throw new UsageError(`unknown command '${name}' (expected one of ${allCommands().map((c) => c.name).join(', ')})`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      // Every command takes --timeout (src/limits/deadline.ts).
      options: { ...command.options, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    const message = (e as Error).message;
    // node's wording for `--samples -3`: say what to write instead.
    const ambiguous = /^Option '(--[\w-]+)(?:, -\w)?' argument is ambiguous/.exec(message);
    if (ambiguous) throw new UsageError(`${ambiguous[1]}: expected a value; write a value that starts with '-' as ${ambiguous[1]}=VALUE`);
    throw new UsageError(`${name}: ${message}`);
  }
  // parseArgs keeps the last of a repeated option; a second value is more likely a mistake than a wish.
  const given = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (given.has(t.name)) throw new UsageError(`--${t.name}: given more than once; expected each option at most once`);
    given.add(t.name);
  }
  if (parsed.values.help) {
    io.out(command.help + '\n');
    return 0;
  }
  if (parsed.values.timeout !== undefined && process.env.NCSSL_DEADLINE_PARENT === undefined) {
    // The whole command in a child process killed at the deadline; loaded only when asked for.
    const { runWithDeadline, timeoutSeconds } = await import('../limits/deadline.js');
    const seconds = timeoutSeconds(parsed.values.timeout);
    return runWithDeadline({ entry: new URL('./main.js', import.meta.url), argv, seconds, command: name, startedAt, io });
  }
  const { run } = await command.load();
  return run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
}

/** `main` with every error mapped to its exit code: 2 for UsageError/SpecError, else 1. */
export async function runMain(argv: string[], io: CliIO): Promise<number> {
  try {
    return await main(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof SpecError) {
      io.err(`ncssl: ${oneLine(e.message)}\n`);
      return 2;
    }
    io.err(`ncssl: internal error: ${oneLine((e as Error)?.message ?? String(e))}\n`);
    if (io.debug) io.err(`${(e as Error)?.stack}\n`);
    return 1;
  }
}
