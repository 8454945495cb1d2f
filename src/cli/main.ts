#!/usr/bin/env node
/**
 * The `ncssl` entry point: dispatches to a registered command. Anything the user can fix (bad
 * flags, a bad spec) prints one line and exits 2; output is written only after the work is done,
 * so a failure never leaves half an output behind.
 */
import { parseArgs } from 'node:util';
import { SpecError } from '../model/spec-error.js';
import { type CommandIO, UsageError, allCommands, getCommand } from './command.js';
import './commands.js';

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

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = getCommand(name);
  if (!command) throw new UsageError(`unknown command '${name}' (expected one of ${allCommands().map((c) => c.name).join(', ')})`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const message = (e as Error).message;
    // node's wording for `--samples -3`: say what to write instead.
    const ambiguous = /^Option '(--[\w-]+)(?:, -\w)?' argument is ambiguous/.exec(message);
    if (ambiguous) throw new UsageError(`${ambiguous[1]}: expected a value; write a value that starts with '-' as ${ambiguous[1]}=VALUE`);
    throw new UsageError(`${name}: ${message}`);
  }
  if (parsed.values.help) {
    io.out(command.help + '\n');
    return 0;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
}

const io: CommandIO = {
  out: (text) => process.stdout.write(text),
  progress: (text) => {
    if (process.stderr.isTTY && !process.env.CI) process.stderr.write(text);
  },
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof SpecError) {
      process.stderr.write(`ncssl: ${oneLine(e.message)}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`ncssl: internal error: ${oneLine((e as Error)?.message ?? String(e))}\n`);
      if (process.env.NCSSL_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
      process.exitCode = 1;
    }
  },
);
