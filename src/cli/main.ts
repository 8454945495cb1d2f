#!/usr/bin/env node
/**
 * The `ncssl` executable: runs the command line of src/cli/cli.ts on process.argv, with the
 * process's standard streams. Everything else lives there, importable without side effects.
 */
import { type CliIO, runMain } from './cli.js';

const io: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: (text) => {
    if (process.stderr.isTTY && !process.env.CI) process.stderr.write(text);
  },
  debug: Boolean(process.env.NCSSL_DEBUG),
};
const argv = process.argv.slice(2);
// A reader that stops early (`ncssl derive big.yaml | head`) is not an error of ours: end quietly
// instead of with an unhandled EPIPE and its stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

// Under --timeout this process is the child that does the work (src/limits/deadline.ts).
process.exitCode =
  process.env.NCSSL_DEADLINE_PARENT === undefined
    ? await runMain(argv, io)
    : await (await import('../limits/deadline.js')).runAsDeadlineChild(() => runMain(argv, io));
